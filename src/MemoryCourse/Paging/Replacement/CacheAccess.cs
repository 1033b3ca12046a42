namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// One reference replayed against a set of frames: the page, whether it hit, the page evicted to make
/// room (if any), and the running totals after it. A notebook shows a list of these as the trace table.
/// </summary>
/// <param name="Index">Position of the reference in the reference string (0-based).</param>
/// <param name="Page">The page referenced.</param>
/// <param name="Hit">True when the page was already resident.</param>
/// <param name="Victim">The page evicted on this miss, or null.</param>
/// <param name="Hits">Hits so far, including this reference.</param>
/// <param name="Misses">Misses so far, including this reference.</param>
public sealed record CacheAccess(int Index, long Page, bool Hit, long? Victim, int Hits, int Misses);
