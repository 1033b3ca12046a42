namespace MemoryCourse.Gc.V8Heap;

/// <summary>The two collectors of the modelled V8 heap.</summary>
public enum GcKind
{
    /// <summary>Minor GC: copies young survivors between semi-spaces, promotes those surviving twice.</summary>
    Scavenge,
    /// <summary>Major GC: marks the whole heap, sweeps the old generation, compacts fragmented pages.</summary>
    MarkCompact,
}

/// <summary>
/// How full each part of the heap is at one moment, in bytes of objects. New space is split the way the
/// seed draws it: objects allocated since the last scavenge ("from-space" in the seed's picture) and the
/// survivors the last scavenge copied (waiting for their second scavenge, after which they move to old).
/// </summary>
/// <param name="YoungFreshBytes">Objects allocated in new space since the last collection.</param>
/// <param name="YoungSurvivorBytes">Objects copied into the active semi-space by the last scavenge.</param>
/// <param name="OldBytes">Old space objects (dead ones included until swept).</param>
/// <param name="CodeBytes">Code space objects.</param>
/// <param name="LargeObjectBytes">Large-object space objects.</param>
/// <param name="SemiSpaceCapacity">Size of one semi-space.</param>
/// <param name="CommittedBytes">Pages held by the heap: both semi-spaces, old, code and large-object pages.</param>
public sealed record HeapOccupancy(
    long YoungFreshBytes,
    long YoungSurvivorBytes,
    long OldBytes,
    long CodeBytes,
    long LargeObjectBytes,
    long SemiSpaceCapacity,
    long CommittedBytes)
{
    /// <summary>Bytes in new space.</summary>
    public long YoungBytes => YoungFreshBytes + YoungSurvivorBytes;

    /// <summary>Bytes in the old generation (old + code + large-object space).</summary>
    public long OldGenerationBytes => OldBytes + CodeBytes + LargeObjectBytes;

    /// <summary>Every object byte: what --trace-gc prints as the first number (in MiB).</summary>
    public long TotalBytes => YoungBytes + OldGenerationBytes;
}

/// <summary>
/// One collection, as a row for a table or a point on a timeline: what ran, when (simulated milliseconds
/// since the heap was created), how full the heap was before and after, the estimated pause, and the
/// bytes the scavenger promoted and left surviving in new space.
/// </summary>
/// <param name="Index">1-based number among all events of the heap.</param>
/// <param name="Kind">Scavenge or mark-compact.</param>
/// <param name="StartMs">Simulated time the collection started.</param>
/// <param name="Before">Occupancy before.</param>
/// <param name="After">Occupancy after.</param>
/// <param name="PauseMs">Estimated pause (see <see cref="GcCostModel"/>).</param>
/// <param name="PromotedBytes">Bytes moved from new space into the old generation.</param>
/// <param name="SurvivedBytes">Bytes copied within new space (they stay young one more cycle).</param>
/// <param name="Reason">Why it ran, in V8's words where V8 has some ("allocation failure").</param>
/// <param name="IncrementalSteps">Incremental marking steps before a mark-compact (0 for scavenges).</param>
public sealed record GcEvent(
    int Index,
    GcKind Kind,
    double StartMs,
    HeapOccupancy Before,
    HeapOccupancy After,
    double PauseMs,
    long PromotedBytes,
    long SurvivedBytes,
    string Reason,
    int IncrementalSteps)
{
    /// <summary>V8's "average mu" after this collection: the program's share of time, averaged over mark-compact cycles.</summary>
    public double AverageMu { get; init; } = 1;

    /// <summary>V8's "current mu": the program's share of the last mark-compact cycle.</summary>
    public double CurrentMu { get; init; } = 1;

    /// <summary>A mark-compact started near the heap limit to reduce memory ("Mark-Compact (reduce)" in --trace-gc).</summary>
    public bool ReducesMemory { get; init; }

    /// <summary>
    /// The share of new space a scavenge kept, as V8 counts it (Heap::UpdateSurvivalStatistics; --trace-gc-nvp
    /// prints it as promotion_ratio + new_space_survive_rate_): bytes promoted and copied over new space's size
    /// when it began, wasted page tails included (<see cref="SemiSpace.Size"/>). 0 for mark-compacts.
    /// </summary>
    public double SurvivalRatio { get; init; }
}
