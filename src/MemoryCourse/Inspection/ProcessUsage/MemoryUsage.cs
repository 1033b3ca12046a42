namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>
/// Node's <c>process.memoryUsage()</c> for a .NET process, in bytes. The fields keep Node's names so the
/// seed's numbers and these can sit in one table; <see cref="Correspondence"/> says where each comes
/// from. The mapping is an analogy, not an identity: V8 keeps ArrayBuffer contents outside its heap,
/// while .NET keeps a <c>byte[]</c> inside the managed heap (large ones on the large object heap), so
/// here <see cref="ArrayBuffers"/> is counted inside <see cref="HeapUsed"/> too.
/// </summary>
public sealed record MemoryUsage(long Rss, long HeapTotal, long HeapUsed, long External, long ArrayBuffers)
{
    /// <summary>Where each field comes from, as a table for the notebook.</summary>
    public static IReadOnlyList<FieldCorrespondence> Correspondence { get; } =
    [
        new("rss", "Environment.WorkingSet (= VmRSS in /proc/self/status)",
            "Pages of the process in RAM: code, stacks, managed heap, native memory."),
        new("heapTotal", "max(GCMemoryInfo.TotalCommittedBytes, GC.GetTotalMemory(false))",
            "Memory the managed heap holds from the OS (committed at the last GC; never less than what is allocated now)."),
        new("heapUsed", "GC.GetTotalMemory(false)",
            "Bytes of managed objects allocated now, garbage included until the next GC (like V8's heapUsed)."),
        new("external", "max(0, rss - heapTotal)",
            "Resident memory the managed heap does not account for: the runtime, JIT-compiled code, native libraries and native allocations. " +
            ".NET has no counter of native memory owned by objects, so this is a residual."),
        new("arrayBuffers", "GCMemoryInfo.GenerationInfo[LOH] + [POH] (SizeAfterBytes)",
            "Large buffers: arrays of 85000 bytes or more go to the large object heap, pinned I/O buffers to the pinned object heap. As of the last GC."),
    ];

    /// <summary>Derives the five fields from .NET's figures; pure, so the arithmetic can be checked.</summary>
    public static MemoryUsage From(DotnetMemoryFigures f)
    {
        long heapTotal = Math.Max(f.TotalCommittedBytes, f.TotalMemory);
        return new MemoryUsage(f.WorkingSet, heapTotal, f.TotalMemory, Math.Max(0, f.WorkingSet - heapTotal),
            f.LargeObjectHeapBytes + f.PinnedObjectHeapBytes);
    }

    /// <summary>The current process's figures.</summary>
    public static MemoryUsage Now() => From(DotnetMemoryFigures.Capture());

    /// <summary>Bytes to MiB, for tables and plots.</summary>
    public static double MiB(long bytes) => bytes / (1024.0 * 1024.0);
}
