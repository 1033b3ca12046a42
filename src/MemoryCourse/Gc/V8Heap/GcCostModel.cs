namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// Turns the work a collection did into an estimated pause, and allocation into mutator time, so that
/// a run has a timeline. The speeds come from the node v20 captures; they are estimates for plots, not
/// measurements of this machine.
/// </summary>
/// <param name="MutatorBytesPerMs">AllocationResult speed of the alloc.js loop outside GC: (322 - 115 ms) for
/// 1678 MiB in the K=0 --no-turbo-escape run, about 8 MiB per ms.</param>
/// <param name="ScavengeFixedMs">Cost of a scavenge that copies nothing (K=0 runs: 0.07 ms on average).</param>
/// <param name="ScavengeBytesPerMs">Copied plus promoted bytes per ms: 3 MB moved in about 3 ms in the K=10
/// run at 16 MiB, so 1 MiB per ms.</param>
/// <param name="MarkCompactFixedMs">Cost of a mark-compact with nothing live.</param>
/// <param name="MarkCompactBytesPerMs">Live bytes per ms of the atomic pause: 11.1 MiB in 6.4 ms and
/// 57.7 MiB in 43.8 ms in the K=10 run, about 1.5 MiB per ms.</param>
public sealed record GcCostModel(
    double MutatorBytesPerMs,
    double ScavengeFixedMs,
    double ScavengeBytesPerMs,
    double MarkCompactFixedMs,
    double MarkCompactBytesPerMs)
{
    /// <summary>
    /// Old-generation bytes swept per ms of the program's time after a mark-compact. V8 sweeps
    /// concurrently and lazily (Sweeper), but the program waits for swept pages whenever a scavenge
    /// promotes into old space, and GCTracer counts that wait as mutator time: in the node v20 captures at
    /// 128 MiB the program gets only about 40 ms between two memory-reducing mark-compacts of a 120 MiB heap
    /// for what takes under 1 ms to allocate. That wait is what keeps V8's average mutator utilization
    /// above 0.4 near the limit for longer than the pauses alone would: without it the model declared
    /// "ineffective mark-compacts" two or three memory-reducing mark-compacts before node at 128-512 MiB.
    /// 4.5 MiB per ms fits the calibration runs of data/node/heap-limit/sweep best: every speed from 4 to 5
    /// agrees on all of them but one at 16 MiB; 3.5 gives too many mark-compacts at 256 MiB with K=4 (3 also
    /// at 64 and 96 MiB with K=10), 6 too few at 96 MiB with K=2 (8 also at 256 MiB with K=10).
    /// </summary>
    public double SweepBytesPerMs { get; init; } = 4.5 * HeapOptions.MiB;

    /// <summary>Program time spent waiting for the sweeper after a mark-compact left this many old-generation bytes.</summary>
    public double SweepTime(long oldGenerationBytes) => SweepBytesPerMs <= 0 ? 0 : oldGenerationBytes / SweepBytesPerMs;

    /// <summary>Speeds read off the node v20 captures.</summary>
    public static GcCostModel Node20 { get; } = new(
        MutatorBytesPerMs: 8.0 * HeapOptions.MiB,
        ScavengeFixedMs: 0.06,
        ScavengeBytesPerMs: 1.0 * HeapOptions.MiB,
        MarkCompactFixedMs: 0.5,
        MarkCompactBytesPerMs: 1.5 * HeapOptions.MiB);

    /// <summary>Estimated scavenge pause for the bytes it copied and promoted. O(live young), never O(garbage).</summary>
    public double ScavengePause(long copiedBytes, long promotedBytes) =>
        ScavengeFixedMs + (copiedBytes + promotedBytes) / ScavengeBytesPerMs;

    /// <summary>Estimated atomic mark-compact pause for the live bytes it marked and the bytes it evacuated.</summary>
    public double MarkCompactPause(long liveBytes, long evacuatedBytes) =>
        MarkCompactFixedMs + (liveBytes + evacuatedBytes) / MarkCompactBytesPerMs;

    /// <summary>Mutator time to allocate this many bytes.</summary>
    public double MutatorTime(long bytes) => bytes / MutatorBytesPerMs;
}
