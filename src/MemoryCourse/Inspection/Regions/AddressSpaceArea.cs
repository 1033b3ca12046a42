namespace MemoryCourse.Inspection.Regions;

/// <summary>
/// The areas of a process's virtual address space as CS:APP draws them (가상 주소 공간), from low to high
/// addresses: the program's code and data, the heap, memory-mapped shared libraries, the user stack, and
/// the kernel's part at the top. Real processes also have areas the classic picture leaves out:
/// anonymous memory from mmap (where glibc's large blocks, V8's heap and the .NET GC heap live), address
/// space that is only reserved (no access, no RAM, e.g. the .NET GC's 48 GB of regions or guard pages),
/// other mapped files, and shared memory.
/// </summary>
public enum AddressSpaceArea
{
    /// <summary>The program's machine code (its executable mappings).</summary>
    Code,
    /// <summary>The program's initialised and uninitialised data (.data, .rodata, .bss and relocation tables).</summary>
    Data,
    /// <summary>The brk heap that malloc grows upward (<c>[heap]</c>).</summary>
    Heap,
    /// <summary>Shared libraries (.so files, and managed .dll assemblies mapped by .NET).</summary>
    SharedLibrary,
    /// <summary>The main thread's stack (<c>[stack]</c>).</summary>
    Stack,
    /// <summary>Pages the kernel maps into every process: <c>[vdso]</c>, <c>[vvar]</c>, <c>[vsyscall]</c>.</summary>
    Kernel,
    /// <summary>Anonymous read/write memory from mmap: runtime heaps, thread stacks, malloc arenas.</summary>
    AnonymousMemory,
    /// <summary>Address space reserved with no access (<c>---p</c>): guard pages and reservations a runtime will commit later.</summary>
    Reservation,
    /// <summary>Other files mapped into memory (data files, locale archives, ICU data).</summary>
    MappedFile,
    /// <summary>Shared memory: memfd and /dev/shm mappings.</summary>
    SharedMemory,
}
