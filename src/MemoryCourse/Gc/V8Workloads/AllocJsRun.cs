using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.V8Workloads;

/// <summary>
/// The outcome of running the alloc.js workload on the model: how many scavenges and mark-compacts it
/// took, the bytes promoted, the final occupancy, and every GC event (the same columns --trace-gc prints).
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
    IReadOnlyList<GcEvent> Events);
