namespace MemoryCourse.Gc.V8Heap;

/// <summary>Which of V8's out-of-memory checks ended the heap.</summary>
public enum OutOfMemoryVerdict
{
    /// <summary>
    /// After a collection the old generation's pages (plus large objects) still take more than
    /// <c>--max-old-space-size</c>. V8: "Reached heap limit". Typical when much of what is allocated stays
    /// alive: a full collection promotes all of new space and the old generation spills over the limit.
    /// </summary>
    ReachedHeapLimit,

    /// <summary>
    /// Four mark-compacts in a row left the old generation at 80% of its maximum or more while the program
    /// got less than 40% of the time. V8: "Ineffective mark-compacts near heap limit". Typical when a little
    /// of each new-space load survives: the heap creeps towards the limit with collection after collection.
    /// </summary>
    IneffectiveMarkCompacts,

    /// <summary>
    /// An old-generation allocation (a large object) still did not fit after two collections and a last-resort
    /// one. V8: "CALL_AND_RETRY_LAST".
    /// </summary>
    AllocationFailedAfterLastResort,
}

/// <summary>
/// How a modelled V8 heap ran out of memory: V8's verdict and the exact words node prints, the old
/// generation's object bytes and page capacity at that moment against the maximum, and how many
/// collections had run. A real node process aborts here (exit code 134, signal SIGABRT).
/// </summary>
/// <param name="Verdict">Which check failed.</param>
/// <param name="OldGenerationBytes">Old-generation object bytes after the last collection.</param>
/// <param name="OldGenerationCapacity">Old-generation page area (plus large objects): what the limit is checked against.</param>
/// <param name="MaxOldGenerationSize">The limit (<c>--max-old-space-size</c> in bytes).</param>
/// <param name="Scavenges">Scavenges run before the failure.</param>
/// <param name="MarkCompacts">Mark-compacts run before the failure.</param>
/// <param name="AtMs">Simulated time of the failure.</param>
public sealed record HeapOutOfMemory(
    OutOfMemoryVerdict Verdict,
    long OldGenerationBytes,
    long OldGenerationCapacity,
    long MaxOldGenerationSize,
    int Scavenges,
    int MarkCompacts,
    double AtMs)
{
    /// <summary>V8's reason, as node prints it after "FATAL ERROR: ".</summary>
    public string Reason => ReasonOf(Verdict);

    /// <summary>The line node prints on stderr.</summary>
    public string Message => $"FATAL ERROR: {Reason} Allocation failed - JavaScript heap out of memory";

    /// <summary>V8's reason text for a verdict.</summary>
    public static string ReasonOf(OutOfMemoryVerdict verdict) => verdict switch
    {
        OutOfMemoryVerdict.ReachedHeapLimit => "Reached heap limit",
        OutOfMemoryVerdict.IneffectiveMarkCompacts => "Ineffective mark-compacts near heap limit",
        _ => "CALL_AND_RETRY_LAST",
    };

    /// <summary>The verdict for V8's reason text (the words after "FATAL ERROR: "), or null for other text.</summary>
    public static OutOfMemoryVerdict? VerdictOf(string reason) =>
        Enum.GetValues<OutOfMemoryVerdict>().Cast<OutOfMemoryVerdict?>().FirstOrDefault(v => reason.StartsWith(ReasonOf(v!.Value), StringComparison.Ordinal));
}
