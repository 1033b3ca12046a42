using MemoryCourse.Teaching.Checks;

namespace MemoryCourse.Tests.Teaching.Checks;

public class CheckTests
{
    [Fact]
    public void Equal_says_what_is_wrong_without_giving_the_expected_value_away()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Equal(21156, 7, "the PFN of VPN 3"));
        Assert.Equal("the PFN of VPN 3: your value 7 is not it.", e.Message);
        Assert.Equal("the PFN of VPN 3", e.What);
        Assert.DoesNotContain("21156", e.Message);
    }

    [Fact]
    public void A_failing_check_ends_with_its_hint()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.True(false, "the anomaly", "try four frames"));
        Assert.Equal("the anomaly: this does not hold yet. Hint: try four frames", e.Message);
    }

    [Fact]
    public void A_passing_check_has_one_line_naming_what_passed() =>
        Assert.Equal("Passed: region", Check.PassedLine("region"));

    [Fact]
    public void Equal_does_not_throw_when_the_values_match() => Check.Equal("heap", "heap", "region");

    [Fact]
    public void Near_accepts_values_within_the_tolerance_only()
    {
        Check.Near(0.5, 0.52, 0.05, "utilization");
        var far = Assert.Throws<CheckFailedException>(() => Check.Near(0.5, 0.6, 0.05, "utilization"));
        Assert.DoesNotContain("0.5 ", far.Message);
        Assert.Throws<CheckFailedException>(() => Check.Near(0.5, double.NaN, 0.05, "utilization"));
    }

    [Theory]
    [InlineData(new[] { 9, 2, 3 }, "victims: it goes wrong at the first item (yours is 9).")]
    [InlineData(new[] { 1, 9, 3 }, "victims: the first item is right, then yours has 9.")]
    [InlineData(new[] { 1, 2, 9 }, "victims: the first 2 items are right, then yours has 9.")]
    [InlineData(new[] { 1, 2 }, "victims: yours stops after 2 items, too early.")]
    [InlineData(new[] { 1, 2, 3, 4 }, "victims: yours has 4 items, more than it should.")]
    public void Sequence_names_where_the_learners_sequence_first_goes_wrong(int[] actual, string message)
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Sequence([1, 2, 3], actual, "victims"));
        Assert.Equal(message, e.Message);
    }
}
