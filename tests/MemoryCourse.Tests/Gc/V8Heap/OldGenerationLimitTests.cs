using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Heap;

public class OldGenerationLimitTests
{
    [Fact]
    public void Growing_factor_is_the_maximum_when_the_collector_is_slow_and_shrinks_when_it_is_fast()
    {
        var limit = new OldGenerationLimit(HeapOptions.Node20);
        Assert.Equal(4.0, limit.GrowingFactor(1.5, 8));
        // r = 1000: r(1-u) = 30, factor = 30 / 29.03, clamped up to the minimum 1.1.
        Assert.Equal(1.1, limit.GrowingFactor(1000, 1), 6);
        // r = 40: a = 1.2, b = 0.23, a/b = 5.2 > 4 -> 4.
        Assert.Equal(4.0, limit.GrowingFactor(40, 1), 6);
        // r = 100: a = 3, b = 2.03 -> 1.478.
        Assert.Equal(3.0 / 2.03, limit.GrowingFactor(100, 1), 6);
    }

    [Fact]
    public void The_limit_after_the_first_K10_mark_compact_is_where_V8_started_the_second()
    {
        // Truth: trace-gc-nvp-k10.txt. The second mark-compact's marking started after the scavenge that
        // took the old generation (total - new-space survivors) past the limit.
        var log = Captures.Read("trace-gc-nvp-k10.txt");
        var events = log.NvpEvents.ToList();
        int firstMc = events.FindIndex(e => e.Collector == "mc");
        int secondMc = events.FindIndex(firstMc + 1, e => e.Collector == "mc");
        long liveAfterFirst = (long)events[firstMc].Number("total_size_after");
        double Old(int i) => events[i].Number("total_size_after") - events[i].Number("new_space_survived");

        var limit = new OldGenerationLimit(HeapOptions.Node20);
        limit.AfterMarkCompact(liveAfterFirst, 16L * HeapOptions.MiB, gcBytesPerMs: 1.5 * HeapOptions.MiB, mutatorBytesPerMs: 8 * HeapOptions.MiB);
        Assert.InRange(limit.Limit, Old(secondMc - 2), Old(secondMc - 1));
    }

    [Fact]
    public void Before_any_mark_compact_the_limit_settles_8_MiB_above_the_old_generation()
    {
        var limit = new OldGenerationLimit(HeapOptions.Node20);
        Assert.Equal(2048L * HeapOptions.MiB, limit.Limit);
        long old = 3_400_000;
        for (int i = 0; i < 10; i++) limit.AfterScavenge(0.2, old);   // 200 000 of 1 000 000 bytes kept
        Assert.Equal(old + 8 * HeapOptions.MiB, limit.Limit);
    }
}
