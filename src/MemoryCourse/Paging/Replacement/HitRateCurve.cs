using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// Hit rate against number of frames for one reference string: the series a notebook plots to compare
/// policies. Each point is a full replay (O(n * frames) per point for the list-based policies).
/// </summary>
public static class HitRateCurve
{
    /// <summary>
    /// One <see cref="ReplaySummary"/> per frame count in <paramref name="frameCounts"/>. RAND and CLOCK
    /// use a fresh generator seeded with <paramref name="seed"/> for every point, so points are reproducible.
    /// </summary>
    public static IReadOnlyList<ReplaySummary> For(
        IReadOnlyList<long> references, ReplacementPolicy policy, IEnumerable<int> frameCounts, int seed = 0, int clockBits = 2) =>
        frameCounts.Select(f => PageCache.Count(policy, f, references, new PythonRandom(seed), clockBits)).ToList();

    /// <summary>The same curve for the textbook clock hand (<see cref="ClockFrames"/>), named "textbook CLOCK".</summary>
    public static IReadOnlyList<ReplaySummary> ForTextbookClock(IReadOnlyList<long> references, IEnumerable<int> frameCounts) =>
        frameCounts.Select(f =>
        {
            var clock = new ClockFrames(f);
            foreach (var page in references) clock.Access(page);
            return new ReplaySummary("textbook CLOCK", f, (int)clock.Hits, (int)clock.Misses);
        }).ToList();

    /// <summary>Every OSTEP policy plus the textbook clock over <paramref name="frameCounts"/>: one series per policy.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ReplaySummary>> ForAllPolicies(
        IReadOnlyList<long> references, IReadOnlyList<int> frameCounts, int seed = 0)
    {
        var series = new Dictionary<string, IReadOnlyList<ReplaySummary>>();
        foreach (var policy in ReplacementPolicies.All) series[policy.Name()] = For(references, policy, frameCounts, seed);
        series["textbook CLOCK"] = ForTextbookClock(references, frameCounts);
        return series;
    }

    /// <summary>A reference string as paging-policy.py generates it: <paramref name="count"/> pages in [0, maxPage), seeded.</summary>
    public static long[] RandomReferences(int seed, int count, long maxPage)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of references cannot be negative");
        if (maxPage < 1) throw new ArgumentOutOfRangeException(nameof(maxPage), maxPage, "there must be at least one page");
        var random = new PythonRandom(seed);
        var refs = new long[count];
        for (int i = 0; i < count; i++) refs[i] = (long)(maxPage * random.NextDouble());
        return refs;
    }
}
