using MemoryCourse.Teaching.Checks;

namespace MemoryCourse.Tests.Teaching.Checks;

public class CheckTests
{
    // What a check prints, and whether it held.
    private static (bool Held, string Output) Run(Func<Checker, bool> check)
    {
        var output = new StringWriter { NewLine = "\n" };
        bool held = check(new Checker(output));
        return (held, output.ToString());
    }

    [Fact]
    public void A_failing_check_says_what_is_wrong_in_one_line_without_giving_the_expected_value_away()
    {
        var (held, output) = Run(c => c.Equal(21156, 7, "the PFN of VPN 3", "look up VPN 3's row"));
        Assert.False(held);
        Assert.Equal("Not yet: the PFN of VPN 3: your value 7 is not it. Hint: look up VPN 3's row\n", output);
        Assert.DoesNotContain("21156", output);
    }

    [Fact]
    public void A_failing_check_does_not_throw_so_the_chapter_runs_on() =>
        Assert.Null(Record.Exception(() => Run(c => c.Equal(10, 9, "the anomaly", "try four frames"))));

    [Fact]
    public void A_failing_check_ends_with_its_hint() =>
        Assert.Equal("Not yet: the anomaly: your value 9 is not it. Hint: try four frames\n",
            Run(c => c.Equal(10, 9, "the anomaly", "try four frames")).Output);

    [Fact]
    public void Without_a_hint_the_line_ends_at_the_problem() =>
        Assert.Equal("Not yet: the anomaly: your value 9 is not it.\n", Run(c => c.Equal(10, 9, "the anomaly")).Output);

    [Fact]
    public void A_passing_check_prints_one_line_naming_what_passed()
    {
        var (held, output) = Run(c => c.Equal("heap", "heap", "region", "a hint"));
        Assert.True(held);
        Assert.Equal("Passed: region\n", output);
        Assert.Equal("Passed: region", Check.PassedLine("region"));
    }

    [Fact]
    public void Near_accepts_values_within_the_tolerance_only()
    {
        Assert.True(Run(c => c.Near(0.5, 0.52, 0.05, "utilization")).Held);
        var (held, output) = Run(c => c.Near(0.5, 0.6, 0.05, "utilization"));
        Assert.False(held);
        Assert.Equal("Not yet: utilization: your value 0.6 is not within 0.05 of it.\n", output);
        Assert.False(Run(c => c.Near(0.5, double.NaN, 0.05, "utilization")).Held);
    }

    [Theory]
    [InlineData(new[] { 9, 2, 3 }, "victims: it goes wrong at the first item (yours is 9).")]
    [InlineData(new[] { 1, 9, 3 }, "victims: the first item is right, then yours has 9.")]
    [InlineData(new[] { 1, 2, 9 }, "victims: the first 2 items are right, then yours has 9.")]
    [InlineData(new[] { 1, 2 }, "victims: yours stops after 2 items, too early.")]
    [InlineData(new[] { 1, 2, 3, 4 }, "victims: yours has 4 items, more than it should.")]
    public void Sequence_names_where_the_learners_sequence_first_goes_wrong(int[] actual, string message)
    {
        var (held, output) = Run(c => c.Sequence([1, 2, 3], actual, "victims"));
        Assert.False(held);
        Assert.Equal($"Not yet: {message}\n", output);
    }

    [Fact]
    public void Check_prints_on_the_console_and_returns_whether_it_held()
    {
        // Check is Checker on Console.Out; its static calls hold and fail the same way.
        Assert.True(Check.Equal(1, 1, "one", "count"));
        Assert.False(Check.Sequence(new[] { 1, 2 }, new[] { 2, 1 }, "never", "it never holds"));
    }
}
