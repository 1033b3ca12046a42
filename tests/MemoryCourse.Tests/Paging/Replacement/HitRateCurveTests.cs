using MemoryCourse.Paging.Replacement;

namespace MemoryCourse.Tests.Paging.Replacement;

public class HitRateCurveTests
{
    [Fact]
    public void Random_references_match_paging_policy_pys_draws()
    {
        // paging-policy.py -s 0 -n 20 (reference example paging-policy-000.txt) accesses these pages.
        long[] expected = [8, 7, 4, 2, 5, 4, 7, 3, 4, 5, 9, 5, 2, 7, 6, 2, 9, 9, 8, 9];
        Assert.Equal(expected, HitRateCurve.RandomReferences(0, 20, 10));
    }

    [Fact]
    public void Curve_has_one_point_per_frame_count_for_every_policy()
    {
        var refs = HitRateCurve.RandomReferences(1, 200, 12);
        var series = HitRateCurve.ForAllPolicies(refs, [1, 2, 4, 8, 12]);
        Assert.Equal(8, series.Count);
        foreach (var (name, points) in series)
        {
            Assert.Equal([1, 2, 4, 8, 12], points.Select(p => p.Frames));
            Assert.All(points, p => Assert.Equal(200, p.Hits + p.Misses));
            // With a frame per page, only the compulsory misses remain.
            Assert.Equal(refs.Distinct().Count(), points[^1].Misses);
        }
    }
}
