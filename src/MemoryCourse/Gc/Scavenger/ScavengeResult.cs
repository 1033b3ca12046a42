namespace MemoryCourse.Gc.Scavenger;

/// <summary>
/// What one scavenge did: the bytes and objects it copied to the other semi-space (first survival) and
/// promoted to old space (second survival), the remembered slots it used as roots, whether new space grew
/// first, and, when asked for, each evacuation in order.
/// </summary>
public sealed record ScavengeResult(
    int Index,
    long CopiedBytes,
    int CopiedObjects,
    long PromotedBytes,
    int PromotedObjects,
    int RememberedSlotsScanned,
    long SemiSpaceCapacity,
    bool SemiSpaceGrew,
    double PauseMs,
    IReadOnlyList<EvacuationStep> Steps);

/// <summary>One object moved by a scavenge, in Cheney order.</summary>
/// <param name="Order">1-based position in the evacuation order.</param>
/// <param name="ObjectId">The object.</param>
/// <param name="Label">Its label, if any.</param>
/// <param name="FromAddress">Address before (in from-space).</param>
/// <param name="ToAddress">Forwarding address: the copy in to-space, or in old space when promoted.</param>
/// <param name="Promoted">Whether it went to old space.</param>
/// <param name="FoundVia">What pointed at it: a root, a remembered slot or a copied object's slot.</param>
public sealed record EvacuationStep(int Order, long ObjectId, string? Label, long FromAddress, long ToAddress, bool Promoted, string FoundVia);
