using MemoryCourse.Inspection.Regions;

namespace MemoryCourse.Inspection.Vmmap;

/// <summary>
/// What a macOS vmmap region type corresponds to on Linux: the CS:APP area, what the line looks like in
/// <c>/proc/PID/maps</c>, and why. macOS splits an executable into Mach-O segments (<c>__TEXT</c> code,
/// <c>__DATA_CONST</c> data made read-only after loading, <c>__DATA</c>, <c>__LINKEDIT</c> symbol and
/// relocation tables) where Linux shows the ELF file's mappings with different permissions; malloc's
/// zones are the brk heap and anonymous arenas; a thread's stack comes with a no-access guard region.
/// </summary>
public sealed record VmmapCounterpart(AddressSpaceArea Area, string LinuxMaps, string Explanation)
{
    /// <summary>The counterpart of a region, chosen by its type (and its detail for libraries).</summary>
    public static VmmapCounterpart For(VmmapRegion region)
    {
        string type = region.Type;
        bool library = region.Detail.Contains(".dylib", StringComparison.Ordinal) || region.Detail.Contains("dyld", StringComparison.Ordinal);
        if (type == "__TEXT")
            return library
                ? new(AddressSpaceArea.SharedLibrary, "r-xp ... /usr/lib/x86_64-linux-gnu/libc.so.6", "a shared library's code")
                : new(AddressSpaceArea.Code, "r-xp ... /usr/bin/node", "the program's machine code, shared copy-on-write with the file");
        if (type == "__DATA_CONST")
            return new(AddressSpaceArea.Data, "r--p ... /usr/bin/node", "data written once while loading (relocations), then made read-only: ELF's RELRO");
        if (type.StartsWith("__DATA", StringComparison.Ordinal))
            return new(AddressSpaceArea.Data, "rw-p ... /usr/bin/node", "the program's writable initialised data (.data)");
        if (type == "__LINKEDIT")
            return new(AddressSpaceArea.Data, "r--p ... /usr/bin/node",
                "symbol and relocation tables the loader reads; ELF keeps them in the read-only mappings of the file");
        if (type.StartsWith("MALLOC", StringComparison.Ordinal))
            return type.Contains("metadata", StringComparison.Ordinal)
                ? new(AddressSpaceArea.Heap, "rw-p 00000000 00:00 0", "the allocator's own bookkeeping; glibc keeps it inside the heap and arenas")
                : new(AddressSpaceArea.Heap, "rw-p 00000000 00:00 0 [heap] (and anonymous arenas)",
                    "memory malloc hands out: the brk heap, plus anonymous mmaps for big blocks and thread arenas");
        if (type == "STACK GUARD")
            return new(AddressSpaceArea.Reservation, "---p 00000000 00:00 0",
                "no-access pages below a thread's stack so an overflow faults instead of corrupting memory");
        if (type == "Stack")
            return new(AddressSpaceArea.Stack, "rw-p 00000000 00:00 0 [stack] (main thread; other threads' stacks are anonymous)",
                "a thread's stack: call frames and local variables");
        if (type.StartsWith("VM_ALLOCATE", StringComparison.Ordinal) || type.Contains("JIT", StringComparison.Ordinal))
            return new(AddressSpaceArea.AnonymousMemory, "rw-p 00000000 00:00 0", "anonymous memory a runtime mapped itself (V8's heap, JIT code)");
        if (type.Contains("shared memory", StringComparison.OrdinalIgnoreCase))
            return new(AddressSpaceArea.SharedMemory, "rw-s ... /dev/shm/... or /memfd:...", "memory shared with other processes");
        if (type.Contains("mapped file", StringComparison.OrdinalIgnoreCase))
            return new(AddressSpaceArea.MappedFile, "r--s or r--p ... /path/to/file", "a file mapped into memory");
        return new(AddressSpaceArea.AnonymousMemory, "rw-p 00000000 00:00 0", "other anonymous memory");
    }
}
