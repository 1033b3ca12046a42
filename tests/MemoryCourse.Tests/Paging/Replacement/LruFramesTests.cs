using FsCheck.Fluent;
using MemoryCourse.Paging.Replacement;

namespace MemoryCourse.Tests.Paging.Replacement;

public class LruFramesTests
{
    [Fact]
    public void Constant_time_lru_evicts_the_same_pages_as_the_list_based_replay()
    {
        Prop.ForAll(Gen.Choose(0, 9).Select(x => (long)x).ArrayOf().ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), (refs, frames) =>
        {
            var fast = new LruFrames(frames);
            var trace = PageCache.Replay(ReplacementPolicy.Lru, frames, refs);
            for (int i = 0; i < refs.Length; i++)
            {
                bool hit = fast.Access(refs[i], out var victim);
                if (hit != trace[i].Hit || victim != trace[i].Victim) return false;
            }
            return true;
        }).CheckOnSeed();
    }

    [Fact]
    public void Recency_order_runs_from_least_to_most_recent()
    {
        var lru = new LruFrames(3);
        foreach (var p in new long[] { 1, 2, 3, 1 }) lru.Access(p);
        Assert.Equal([2, 3, 1], lru.InRecencyOrder());
    }

    [Fact]
    public void Zero_frames_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LruFrames(0));
    }
}
