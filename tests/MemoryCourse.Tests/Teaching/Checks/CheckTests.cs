using MemoryCourse.Teaching.Checks;

namespace MemoryCourse.Tests.Teaching.Checks;

public class CheckTests
{
    [Fact]
    public void Equal_explains_what_was_expected_and_what_came()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Equal(5, 7, "the PFN of VPN 3"));
        Assert.Equal("the PFN of VPN 3: expected 5, but got 7", e.Message);
        Assert.Equal("the PFN of VPN 3", e.What);
    }

    [Fact]
    public void Equal_passes_quietly_when_the_values_match() => Check.Equal("heap", "heap", "region");

    [Fact]
    public void Near_accepts_values_within_the_tolerance_only()
    {
        Check.Near(0.5, 0.52, 0.05, "utilization");
        Assert.Throws<CheckFailedException>(() => Check.Near(0.5, 0.6, 0.05, "utilization"));
        Assert.Throws<CheckFailedException>(() => Check.Near(0.5, double.NaN, 0.05, "utilization"));
    }

    [Fact]
    public void Sequence_names_the_first_position_that_differs()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Sequence([1, 2, 3], [1, 9, 3], "victims"));
        Assert.Equal("victims: at position 1, expected 2, but got 9", e.Message);
    }
}
