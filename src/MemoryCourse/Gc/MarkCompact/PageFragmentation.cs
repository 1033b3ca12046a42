using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.MarkCompact;

/// <summary>
/// One old-generation page after sweeping: live bytes, free bytes, how the free bytes are split into
/// holes, and whether the compactor chose to evacuate it. <see cref="Fragmentation"/> is
/// 1 - largest hole / free bytes: 0 when the free space is one block, near 1 when it is many crumbs
/// (external fragmentation, 외부 단편화).
/// </summary>
public sealed record PageFragmentation(
    SpaceKind Space,
    int PageIndex,
    int AreaSize,
    long LiveBytes,
    long FreeBytes,
    int Holes,
    int LargestHole,
    bool EvacuationCandidate)
{
    /// <summary>Share of the page area in use.</summary>
    public double Utilization => AreaSize == 0 ? 0 : (double)LiveBytes / AreaSize;

    /// <summary>1 - largest hole / free bytes (0 when nothing is free).</summary>
    public double Fragmentation => FreeBytes == 0 ? 0 : 1 - (double)LargestHole / FreeBytes;
}
