using System.Diagnostics;

namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>
/// .NET's own memory figures for this process, in bytes, gathered in one call so a notebook can show them
/// side by side. <see cref="TotalMemory"/> is <c>GC.GetTotalMemory(false)</c>: bytes allocated on the
/// managed heap now, garbage included until the next collection. The <c>GCMemoryInfo</c> figures
/// (<see cref="HeapSizeBytes"/>, <see cref="TotalCommittedBytes"/>, <see cref="FragmentedBytes"/>, the
/// generation sizes) describe the heap as the last garbage collection left it, so they are all 0 before
/// the first GC. Committed bytes are heap memory the GC has obtained from the OS (it may hold more than
/// the live objects: free space it keeps for the next allocations). <see cref="WorkingSet"/> is the
/// resident set (rss); <see cref="PrivateMemory"/> is memory no other process can share.
/// </summary>
public sealed record DotnetMemoryFigures(
    long WorkingSet,
    long PrivateMemory,
    long TotalMemory,
    long HeapSizeBytes,
    long TotalCommittedBytes,
    long FragmentedBytes,
    long Gen0Bytes,
    long Gen1Bytes,
    long Gen2Bytes,
    long LargeObjectHeapBytes,
    long PinnedObjectHeapBytes,
    long TotalAvailableMemoryBytes,
    long MemoryLoadBytes,
    long TotalAllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections)
{
    /// <summary>Reads every figure for the current process. Costs a few microseconds; does not trigger a GC.</summary>
    public static DotnetMemoryFigures Capture()
    {
        var info = GC.GetGCMemoryInfo();
        var gens = info.GenerationInfo.ToArray();
        long Gen(int i) => i < gens.Length ? gens[i].SizeAfterBytes : 0;
        using var process = Process.GetCurrentProcess();
        return new DotnetMemoryFigures(
            Environment.WorkingSet,
            process.PrivateMemorySize64,
            GC.GetTotalMemory(false),
            info.HeapSizeBytes,
            info.TotalCommittedBytes,
            info.FragmentedBytes,
            Gen(0), Gen(1), Gen(2), Gen(3), Gen(4),
            info.TotalAvailableMemoryBytes,
            info.MemoryLoadBytes,
            GC.GetTotalAllocatedBytes(false),
            // CollectionCount(0) counts every GC (a gen1 or gen2 GC also collects gen0).
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }
}
