using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.V8Workloads;

/// <summary>
/// The outcome of running the alloc.js workload on the model: how many scavenges and mark-compacts it
/// took, the bytes promoted, the final occupancy, and every GC event (the same columns --trace-gc prints).
/// When V8's heap limit stopped it, <see cref="OutOfMemory"/> says how, and <see cref="Allocated"/> is
/// how many arrays the program had created: the largest N that survives this limit is about that many.
/// </summary>
public sealed record AllocJsRun(
    long Objects,
    int ObjectSize,
    int RetainEvery,
    long Retained,
    long SemiSpaceMin,
    long SemiSpaceMax,
    int Scavenges,
    int MarkCompacts,
    long PromotedBytes,
    double SimulatedMs,
    HeapOccupancy Final,
    IReadOnlyList<GcEvent> Events)
{
    /// <summary>Arrays allocated: <see cref="Objects"/> when the run completed, fewer when it ran out of memory.</summary>
    public long Allocated { get; init; } = Objects;

    /// <summary><c>--max-old-space-size</c> of the run, in MiB.</summary>
    public long MaxOldSpaceSizeMiB { get; init; }

    /// <summary>Arrays between alloc.js's progress reports (its P), or 0 when it wrote none.</summary>
    public long ReportEvery { get; init; }

    /// <summary>V8's out-of-memory verdict, or null when the program finished.</summary>
    public HeapOutOfMemory? OutOfMemory { get; init; }

    /// <summary>Whether the program ran to its end (node exits 0) rather than out of memory (node aborts, exit 134).</summary>
    public bool Completed => OutOfMemory is null;
}
