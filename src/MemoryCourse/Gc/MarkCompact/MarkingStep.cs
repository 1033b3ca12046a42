namespace MemoryCourse.Gc.MarkCompact;

/// <summary>
/// The colour sets after one object turned black: a row per step lets a notebook animate marking.
/// </summary>
/// <param name="Step">1-based step number.</param>
/// <param name="Blackened">The object scanned in this step.</param>
/// <param name="White">Ids still white (among the objects the heap lists).</param>
/// <param name="Grey">Ids on the worklist.</param>
/// <param name="Black">Ids scanned.</param>
public sealed record MarkingStep(int Step, long Blackened, IReadOnlyList<long> White, IReadOnlyList<long> Grey, IReadOnlyList<long> Black);
