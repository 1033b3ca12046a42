using FsCheck;
using FsCheck.Fluent;
using MemoryCourse.Paging.DemandPaging;
using MemoryCourse.Paging.Replacement;

namespace MemoryCourse.Tests.Paging.DemandPaging;

public class DemandPagerTests
{
    private static Arbitrary<(long Page, bool Write)[]> Traces() =>
        (from page in Gen.Choose(0, 9) from write in Gen.Elements(false, true) select ((long)page, write)).ArrayOf().ToArbitrary();

    [Fact]
    public void Dirty_page_is_written_back_once_and_read_back_later()
    {
        // Worked by hand, 1 frame: write A (zero-fill), touch B (evicts dirty A: write-back, zero-fill B),
        // read A (evicts clean B: no write-back; A was saved: swap-in).
        var pager = new DemandPager(1);
        var events = pager.Run([(1, true), (2, false), (1, false)]);
        Assert.Equal([PageFaultKind.ZeroFill, PageFaultKind.ZeroFill, PageFaultKind.SwapIn], events.Select(e => e.Fault));
        Assert.Equal([false, true, false], events.Select(e => e.WroteBack));
        Assert.Equal((1L, 1L), (pager.WriteBacks, pager.SwapIns));
        Assert.Equal(2, pager.Evictions);
    }

    [Fact]
    public void Faults_use_free_frames_before_evicting()
    {
        var pager = new DemandPager(3);
        pager.Run([(10, false), (11, false), (12, false)]);
        Assert.Equal(0, pager.FreeFrames.Count);
        Assert.Equal(0, pager.Evictions);
        var fourth = pager.Access(13);
        Assert.Equal(10, fourth.Evicted); // LRU: 10 was used longest ago
    }

    [Fact]
    public void Counts_add_up_for_any_trace()
    {
        Prop.ForAll(Traces(), Gen.Choose(1, 5).ToArbitrary(), Gen.Elements(Enum.GetValues<EvictionPolicy>()).ToArbitrary(), (trace, frames, policy) =>
        {
            var pager = new DemandPager(frames, policy);
            var events = pager.Run(trace);
            return pager.Faults == pager.ZeroFills + pager.SwapIns
                && pager.Faults == events.Count(e => e.Fault != PageFaultKind.None)
                && pager.WriteBacks <= pager.Evictions
                && pager.Evictions == Math.Max(0, pager.Faults - frames)
                && pager.Store.Reads == pager.SwapIns && pager.Store.Writes == pager.WriteBacks;
        }).CheckOnSeed();
    }

    [Fact]
    public void Read_only_traces_never_write_back()
    {
        Prop.ForAll(Traces(), Gen.Choose(1, 5).ToArbitrary(), (trace, frames) =>
        {
            var pager = new DemandPager(frames);
            pager.Run(trace.Select(t => (t.Page, false)));
            return pager.WriteBacks == 0 && pager.SwapIns == 0;
        }).CheckOnSeed();
    }

    [Fact]
    public void Fault_counts_agree_with_the_replacement_models()
    {
        Prop.ForAll(Traces(), Gen.Choose(1, 5).ToArbitrary(), (trace, frames) =>
        {
            var pages = trace.Select(t => t.Page).ToArray();
            long Faults(EvictionPolicy p) { var d = new DemandPager(frames, p); d.Run(trace); return d.Faults; }
            var clock = new ClockFrames(frames);
            foreach (var p in pages) clock.Access(p);
            return Faults(EvictionPolicy.Lru) == PageCache.Count(ReplacementPolicy.Lru, frames, pages).Misses
                && Faults(EvictionPolicy.Fifo) == PageCache.Count(ReplacementPolicy.Fifo, frames, pages).Misses
                && Faults(EvictionPolicy.Clock) == clock.Misses;
        }).CheckOnSeed();
    }

    [Fact]
    public void Zero_frames_is_rejected_naming_the_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DemandPager(0));
        Assert.Contains("not 0", e.Message);
    }
}
