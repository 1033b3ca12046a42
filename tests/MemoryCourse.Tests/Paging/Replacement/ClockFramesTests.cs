using MemoryCourse.Paging.Replacement;

namespace MemoryCourse.Tests.Paging.Replacement;

public class ClockFramesTests
{
    [Fact]
    public void Hand_gives_referenced_pages_a_second_chance()
    {
        // Worked by hand: 3 frames take 1,2,3 with their bits set. 4 misses: the hand clears 1,2,3, comes
        // round to 1 (now clear) and evicts it, stopping at frame 1. 2 hits and sets its bit again. 5
        // misses: frame 1 (page 2) is spared and cleared, frame 2 (page 3, cleared earlier) is evicted.
        var clock = new ClockFrames(3);
        foreach (var p in new long[] { 1, 2, 3 }) Assert.False(clock.Access(p));
        Assert.False(clock.Access(4, out var first));
        Assert.Equal(1, first);
        Assert.Equal(1, clock.Hand);
        Assert.True(clock.Access(2));
        Assert.False(clock.Access(5, out var second));
        Assert.Equal(3, second);
        Assert.Equal([(4L, true), (2L, false), (5L, true)], clock.Face());
    }

    [Fact]
    public void With_one_frame_every_new_page_evicts_the_last()
    {
        var clock = new ClockFrames(1);
        clock.Access(7);
        Assert.False(clock.Access(8, out var victim));
        Assert.Equal(7, victim);
    }

    [Fact]
    public void Zero_frames_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockFrames(0));
    }
}
