namespace MemoryCourse.Gc.MarkCompact;

/// <summary>
/// What one mark-compact did: what it marked, what it promoted from new space, what sweeping freed,
/// which pages compaction evacuated, per-page fragmentation before and after compaction, the marking
/// steps (when traced) and the old-generation limit it set for the next major GC.
/// </summary>
public sealed record MarkCompactResult(
    int Index,
    int MarkedObjects,
    long MarkedBytes,
    long PromotedBytes,
    long FreedBytes,
    long EvacuatedBytes,
    int EvacuatedPages,
    int IncrementalSteps,
    IReadOnlyList<PageFragmentation> PagesBeforeCompaction,
    IReadOnlyList<PageFragmentation> PagesAfterCompaction,
    IReadOnlyList<MarkingStep> MarkingSteps,
    double PauseMs,
    long NewLimit);
