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
