namespace MemoryCourse.Paging.Replacement;

/// <summary>Totals of one replay: a point of a hit-rate-against-frames plot.</summary>
/// <param name="Policy">The policy's name ("LRU", "textbook CLOCK", ...).</param>
/// <param name="Frames">Number of physical frames.</param>
/// <param name="Hits">References that found their page resident.</param>
/// <param name="Misses">References that faulted the page in.</param>
public sealed record ReplaySummary(string Policy, int Frames, int Hits, int Misses)
{
    /// <summary>Hits as a percentage of all references (0 when there were none).</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : 100.0 * Hits / (Hits + Misses);
}
