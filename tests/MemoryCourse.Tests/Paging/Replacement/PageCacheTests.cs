using FsCheck;
using FsCheck.Fluent;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Paging.Replacement;

namespace MemoryCourse.Tests.Paging.Replacement;

public class PageCacheTests
{
    // OSTEP chapter 22 (Beyond Physical Memory: Policies), figures 22.1-22.5: the stream 0,1,2,0,1,3,0,3,1,2,1
    // with a 3-page cache gives OPT 6 hits, FIFO 4 hits, LRU 6 hits.
    private static readonly long[] OstepBookStream = [0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1];

    [Theory]
    [InlineData(ReplacementPolicy.Opt, 6, 5)]
    [InlineData(ReplacementPolicy.Fifo, 4, 7)]
    [InlineData(ReplacementPolicy.Lru, 6, 5)]
    public void Book_example_stream_gives_the_books_hit_counts(ReplacementPolicy policy, int hits, int misses)
    {
        var summary = PageCache.Count(policy, 3, OstepBookStream);
        Assert.Equal(hits, summary.Hits);
        Assert.Equal(misses, summary.Misses);
    }

    [Fact]
    public void Opt_evicts_the_page_used_furthest_in_the_future()
    {
        // Book figure 22.1: at the reference to 3, pages 0,1,2 are resident; 2 is used last of them, so it goes.
        var trace = PageCache.Replay(ReplacementPolicy.Opt, 3, OstepBookStream);
        Assert.Equal(2, trace[5].Victim);
        Assert.False(trace[5].Hit);
    }

    [Fact]
    public void Fifo_shows_beladys_anomaly_on_the_classic_string()
    {
        Assert.Equal(9, PageCache.Count(ReplacementPolicy.Fifo, 3, BeladyAnomaly.ClassicReferenceString).Misses);
        Assert.Equal(10, PageCache.Count(ReplacementPolicy.Fifo, 4, BeladyAnomaly.ClassicReferenceString).Misses);
    }

    [Fact]
    public void Zero_frames_is_rejected_naming_the_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PageCache(ReplacementPolicy.Lru, 0, [1, 2]));
        Assert.Contains("not 0", e.Message);
    }

    [Fact]
    public void Random_policies_without_a_generator_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PageCache(ReplacementPolicy.Rand, 2, [1, 2]));
    }

    [Fact]
    public void Unknown_policy_names_are_rejected_naming_the_value()
    {
        var e = Assert.Throws<ArgumentException>(() => ReplacementPolicies.Parse("lru"));
        Assert.Contains("'lru'", e.Message);
        Assert.Equal(ReplacementPolicy.Lru, ReplacementPolicies.Parse("LRU"));
    }

    private static Arbitrary<long[]> ReferenceStrings() =>
        Gen.Choose(0, 7).Select(x => (long)x).ArrayOf().ToArbitrary();

    private static int Misses(ReplacementPolicy p, int frames, long[] refs) =>
        PageCache.Count(p, frames, refs, new PythonRandom(7)).Misses;

    [Fact]
    public void Opt_never_misses_more_than_any_other_policy()
    {
        Prop.ForAll(ReferenceStrings(), Gen.Choose(1, 6).ToArbitrary(), (refs, frames) =>
            ReplacementPolicies.All.All(p => Misses(ReplacementPolicy.Opt, frames, refs) <= Misses(p, frames, refs)))
            .CheckOnSeed();
    }

    [Fact]
    public void Unopt_never_misses_less_than_any_other_policy()
    {
        Prop.ForAll(ReferenceStrings(), Gen.Choose(1, 6).ToArbitrary(), (refs, frames) =>
            ReplacementPolicies.All.All(p => Misses(ReplacementPolicy.Unopt, frames, refs) >= Misses(p, frames, refs)))
            .CheckOnSeed();
    }

    [Fact]
    public void Lru_and_opt_with_more_frames_never_miss_more()
    {
        // Stack algorithms: what is resident with f frames is resident with f+1.
        Prop.ForAll(ReferenceStrings(), Gen.Choose(1, 6).ToArbitrary(), (refs, frames) =>
            Misses(ReplacementPolicy.Lru, frames + 1, refs) <= Misses(ReplacementPolicy.Lru, frames, refs)
            && Misses(ReplacementPolicy.Opt, frames + 1, refs) <= Misses(ReplacementPolicy.Opt, frames, refs))
            .CheckOnSeed();
    }

    [Fact]
    public void With_a_frame_for_every_page_only_first_touches_miss()
    {
        Prop.ForAll(ReferenceStrings(), refs =>
            ReplacementPolicies.All.All(p => Misses(p, 8, refs) == refs.Distinct().Count()))
            .CheckOnSeed();
    }

    [Fact]
    public void Resident_set_never_exceeds_the_frames_and_always_holds_the_page_just_used()
    {
        Prop.ForAll(ReferenceStrings(), Gen.Choose(1, 5).ToArbitrary(), Gen.Elements(ReplacementPolicies.All.ToArray()).ToArbitrary(), (refs, frames, policy) =>
        {
            var cache = new PageCache(policy, frames, refs, new PythonRandom(3));
            while (!cache.Done)
            {
                var access = cache.Next();
                if (cache.Resident.Count > frames || !cache.Resident.Contains(access.Page)) return false;
                if (cache.Resident.Distinct().Count() != cache.Resident.Count) return false;
                if (access.Victim is long v && cache.Resident.Contains(v)) return false;
            }
            return true;
        }).CheckOnSeed();
    }
}
