using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.Fragmentation;

namespace MemoryCourse.Allocation.MallocLab;

/// <summary>Where one trace op landed: the payload address and the block holding it (free: the block released).</summary>
public readonly record struct OpPlacement(int Index, int Line, char Op, int Id, long Size, long Address, long BlockAddress, long BlockSize, long SearchSteps);

/// <summary>
/// The heap after one op of a replay, for plots over time: live payload, heap size, utilization so far
/// (peak live payload / heap size), the fragmentation measures, and optionally the heap's blocks.
/// </summary>
public sealed record ReplayStep(OpPlacement Placement, long LivePayload, long PeakLivePayload, long HeapSize, double Utilization,
    FragmentationReport Fragmentation, IReadOnlyList<HeapBlock>? Blocks);

/// <summary>
/// The outcome of replaying one trace on one allocator. <see cref="Correct"/> is false when the allocator broke
/// a malloc-lab rule or ran out of memory; <see cref="Error"/> then says which op and why, and the replay stopped
/// there. Utilization is the lab's: peak live payload / heap size at the end.
/// </summary>
public sealed record ReplayResult(
    string Trace,
    string Allocator,
    int Ops,
    bool Correct,
    string? Error,
    long PeakLivePayload,
    long HeapSize,
    double Utilization,
    long TotalSearchSteps,
    TimeSpan Elapsed,
    IReadOnlyList<OpPlacement> Placements,
    IReadOnlyList<ReplayStep> Steps)
{
    /// <summary>
    /// Ops per second of this replay (checks and recording included; see <see cref="TraceReplayer.MeasureThroughput"/> for the lab's measure).
    /// </summary>
    public double Throughput => Elapsed.TotalSeconds > 0 ? Ops / Elapsed.TotalSeconds : 0;
}
