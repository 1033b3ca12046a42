using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// One collection the program needs, independent of how it will be scheduled: what kind it is, when it
/// becomes due, how much work it is and how long it may be spread out.
/// </summary>
/// <param name="Index">1-based number of the collection in the workload.</param>
/// <param name="Kind">Scavenge or mark-compact (for tables; the scheduler treats both alike).</param>
/// <param name="TriggerMutatorMs">Program time (ms of mutator work since the start) at which it is due,
/// e.g. when new space fills or the old generation reaches its limit.</param>
/// <param name="WorkMs">The work, as milliseconds one thread needs to do it all at once (the stop-the-world pause).</param>
/// <param name="DeadlineMutatorMs">Program time by which it must be finished: a strategy that spreads
/// the work finishes whatever is left in one pause here.</param>
public sealed record GcJob(int Index, GcKind Kind, double TriggerMutatorMs, double WorkMs, double DeadlineMutatorMs)
{
    /// <summary>Program time the collection may be spread over.</summary>
    public double SlackMs => DeadlineMutatorMs - TriggerMutatorMs;
}
