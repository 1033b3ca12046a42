using MemoryCourse.Paging.Replacement;

namespace MemoryCourse.Tests.Paging.Replacement;

public class BeladyAnomalyTests
{
    [Fact]
    public void Search_finds_a_fifo_string_where_more_frames_miss_more()
    {
        var example = BeladyAnomaly.Search(ReplacementPolicy.Fifo, length: 20, maxPage: 5, maxFrames: 5, attempts: 1000);
        Assert.NotNull(example);
        // A separate FIFO written in Python over random.seed(s, version=1) draws finds the first anomaly at seed 39.
        Assert.Equal(39, example!.Seed);
        // Re-check independently of the search: replay both frame counts.
        Assert.Equal(example.MissesWithFrames, PageCache.Count(ReplacementPolicy.Fifo, example.Frames, example.References).Misses);
        Assert.Equal(example.MissesWithOneMore, PageCache.Count(ReplacementPolicy.Fifo, example.Frames + 1, example.References).Misses);
        Assert.True(example.MissesWithOneMore > example.MissesWithFrames);
    }

    [Fact]
    public void Classic_string_is_recognised()
    {
        var example = BeladyAnomaly.Check(BeladyAnomaly.ClassicReferenceString, ReplacementPolicy.Fifo, 4);
        Assert.NotNull(example);
        Assert.Equal(3, example!.Frames);
        Assert.Equal((9, 10), (example.MissesWithFrames, example.MissesWithOneMore));
    }

    [Fact]
    public void Lru_shows_no_anomaly_where_fifo_does()
    {
        Assert.Null(BeladyAnomaly.Check(BeladyAnomaly.ClassicReferenceString, ReplacementPolicy.Lru, 5));
        Assert.Null(BeladyAnomaly.Search(ReplacementPolicy.Lru, length: 20, maxPage: 5, maxFrames: 5, attempts: 300));
    }
}
