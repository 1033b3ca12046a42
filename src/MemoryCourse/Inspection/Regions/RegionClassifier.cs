using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.Regions;

/// <summary>
/// Sorts the mappings of <c>/proc/PID/maps</c> into the CS:APP areas (<see cref="AddressSpaceArea"/>).
/// The rules, in order: kernel pseudo-names (<c>[stack]</c>, <c>[heap]</c>, <c>[vdso]</c>...); memfd and
/// /dev/shm files are shared memory; the program's own file is code when executable and data otherwise;
/// <c>.so</c> files (and .NET <c>.dll</c> images) are shared libraries; other files are mapped files;
/// nameless memory is a reservation when it has no permissions, the program's .bss when it directly
/// follows the program's last data mapping, and anonymous memory otherwise. The program's file is the
/// one passed in, or else the file of the lowest mapping (the kernel loads the executable first, and
/// maps are listed by address).
/// </summary>
public static class RegionClassifier
{
    /// <summary>Classifies every mapping, keeping their order.</summary>
    public static IReadOnlyList<ClassifiedRegion> Classify(IReadOnlyList<MapsEntry> maps, string? executablePath = null)
    {
        string? exe = executablePath ?? maps.FirstOrDefault(m => m.IsFile && !m.IsDeleted)?.Path;
        var result = new List<ClassifiedRegion>(maps.Count);
        MapsEntry? previous = null;
        foreach (var m in maps)
        {
            result.Add(Classify(m, exe, previous));
            previous = m;
        }
        return result;
    }

    private static ClassifiedRegion Classify(MapsEntry m, string? exe, MapsEntry? previous)
    {
        ClassifiedRegion R(AddressSpaceArea a, string why) => new(m, a, why);
        switch (m.Path)
        {
            case "[stack]": return R(AddressSpaceArea.Stack, "the main thread's stack");
            case "[heap]": return R(AddressSpaceArea.Heap, "the brk heap malloc grows");
            case "[vdso]": return R(AddressSpaceArea.Kernel, "kernel code for fast system calls (vDSO)");
            case "[vvar]":
            case "[vvar_vclock]": return R(AddressSpaceArea.Kernel, "kernel data the vDSO reads (clock)");
            case "[vsyscall]": return R(AddressSpaceArea.Kernel, "legacy fixed-address system call page");
        }
        if (m.Path.StartsWith("[stack:", StringComparison.Ordinal)) return R(AddressSpaceArea.Stack, "a thread's stack (older kernels)");
        if (m.Path.StartsWith("/memfd:", StringComparison.Ordinal) || m.Path.StartsWith("/dev/shm/", StringComparison.Ordinal)
            || m.Path.StartsWith("/SYSV", StringComparison.Ordinal))
            return R(AddressSpaceArea.SharedMemory, "shared memory (memfd, /dev/shm or System V)");
        if (m.IsFile)
        {
            if (exe is not null && m.Path == exe)
                return m.CanExecute
                    ? R(AddressSpaceArea.Code, "the program's machine code")
                    : R(AddressSpaceArea.Data, m.CanWrite ? "the program's writable data (.data)" : "the program's read-only data and headers");
            string name = m.FileName;
            if (name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal))
                return R(AddressSpaceArea.SharedLibrary, m.CanExecute ? "shared library code" : "shared library data");
            if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                return R(AddressSpaceArea.SharedLibrary, "a .NET assembly image mapped from disk");
            return R(AddressSpaceArea.MappedFile, "a file mapped into memory");
        }
        if (m.Permissions.StartsWith("---", StringComparison.Ordinal))
            return R(AddressSpaceArea.Reservation, "no access: reserved address space or a guard page (no RAM)");
        if (exe is not null && previous is not null && previous.Path == exe && previous.End == m.Start && m.CanWrite)
            return R(AddressSpaceArea.Data, "the program's zero-initialised data (.bss), right after its file");
        return R(AddressSpaceArea.AnonymousMemory, m.AnonymousName is { } n ? $"anonymous memory named '{n}'" : "anonymous memory from mmap");
    }

    /// <summary>Totals per area, in the order of <see cref="AddressSpaceArea"/>; RSS comes from smaps.</summary>
    public static IReadOnlyList<AreaSummary> Summarize(IReadOnlyList<SmapsEntry> smaps, string? executablePath = null)
    {
        var classified = Classify(smaps.Select(s => s.Mapping).ToArray(), executablePath);
        return classified.Zip(smaps)
            .GroupBy(p => p.First.Area)
            .OrderBy(g => g.Key)
            .Select(g => new AreaSummary(g.Key, g.Count(), g.Sum(p => p.Second.SizeKb), g.Sum(p => p.Second.RssKb)))
            .ToArray();
    }
}
