using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// Belady's anomaly: for FIFO, giving a program more frames can make it fault more. LRU and OPT are
/// "stack algorithms" (the pages resident with n frames are always among those resident with n+1), so
/// they never do this. This type finds and shows an instance.
/// </summary>
public static class BeladyAnomaly
{
    /// <summary>The classic example: 1,2,3,4,1,2,5,1,2,3,4,5 faults 9 times with 3 FIFO frames and 10 times with 4.</summary>
    public static IReadOnlyList<long> ClassicReferenceString { get; } = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

    /// <summary>
    /// Searches seeded random reference strings (as <see cref="HitRateCurve.RandomReferences"/> makes them,
    /// seeds 0, 1, 2, ...) for one where <paramref name="policy"/> misses more with f+1 frames than with f,
    /// for some f in 1..<paramref name="maxFrames"/>-1. Returns null when none of <paramref name="attempts"/> strings shows it.
    /// </summary>
    public static BeladyExample? Search(
        ReplacementPolicy policy = ReplacementPolicy.Fifo, int length = 20, long maxPage = 5, int maxFrames = 5, int attempts = 10_000)
    {
        for (int seed = 0; seed < attempts; seed++)
        {
            var refs = HitRateCurve.RandomReferences(seed, length, maxPage);
            var found = Check(refs, policy, maxFrames);
            if (found is not null) return found with { Seed = seed };
        }
        return null;
    }

    /// <summary>The first frame count f where f+1 frames miss more than f frames on <paramref name="references"/>, or null.</summary>
    public static BeladyExample? Check(IReadOnlyList<long> references, ReplacementPolicy policy, int maxFrames)
    {
        var misses = Enumerable.Range(1, maxFrames).Select(f => PageCache.Count(policy, f, references, new PythonRandom(0)).Misses).ToArray();
        for (int f = 1; f < maxFrames; f++)
            if (misses[f] > misses[f - 1])
                return new BeladyExample(null, references.ToArray(), f, misses[f - 1], misses[f]);
        return null;
    }
}

/// <summary>A reference string on which more frames gave more misses.</summary>
/// <param name="Seed">The seed that generated it, when it came from <see cref="BeladyAnomaly.Search"/>.</param>
/// <param name="References">The reference string.</param>
/// <param name="Frames">The smaller frame count f.</param>
/// <param name="MissesWithFrames">Misses with f frames.</param>
/// <param name="MissesWithOneMore">Misses with f+1 frames (larger).</param>
public sealed record BeladyExample(int? Seed, long[] References, int Frames, int MissesWithFrames, int MissesWithOneMore);
