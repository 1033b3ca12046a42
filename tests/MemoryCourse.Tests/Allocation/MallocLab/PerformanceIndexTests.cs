using MemoryCourse.Allocation.MallocLab;

namespace MemoryCourse.Tests.Allocation.MallocLab;

public class PerformanceIndexTests
{
    // By hand: U = (0.9 + 0.7) / 2 = 0.8 -> 48 points; T = 300000 ops / 1 s -> 0.5 x 40 = 20 points.
    [Fact]
    public void The_index_weights_utilization_sixty_and_throughput_forty()
    {
        var index = PerformanceIndex.Score([(0.9, 100_000, 0.25, true), (0.7, 200_000, 0.75, true)]);

        Assert.Equal(0.8, index.Utilization, 12);
        Assert.Equal(300_000, index.Throughput, 6);
        Assert.Equal("Perf index = 48 (util) + 20 (thru) = 68/100", index.ToString());
    }

    [Fact]
    public void Throughput_beyond_the_reference_earns_no_more_than_forty_points()
    {
        var index = PerformanceIndex.Score([(0.5, 6_000_000, 1.0, true)]);
        Assert.Equal("Perf index = 30 (util) + 40 (thru) = 70/100", index.ToString());
    }

    [Fact]
    public void A_correctness_error_scores_zero()
    {
        var index = PerformanceIndex.Score([(0.9, 100, 0.001, true), (0.9, 100, 0.001, false)]);
        Assert.Equal(0, index.Points);
        Assert.False(index.Correct);
    }
}
