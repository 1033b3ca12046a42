using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class VerdictsTests
{
    private static CheckRecord R(string kind, string? expected, string? actual, double tolerance = 0, string what = "w", string? hint = null) =>
        new("c", kind, what, hint, expected, actual, tolerance, null);

    [Theory]
    [InlineData("Equal", "42", "42", 0, true)]
    [InlineData("Equal", "42", "43", 0, false)]
    [InlineData("Equal", "\"heap\"", "\"Heap\"", 0, false)]
    [InlineData("Sequence", "[1,2,3]", "[1,2,3]", 0, true)]
    [InlineData("Sequence", "[1,2,3]", "[1,2]", 0, false)]
    [InlineData("Near", "0.5", "0.52", 0.05, true)]
    [InlineData("Near", "0.5", "0.6", 0.05, false)]
    [InlineData("Near", "0.5", "\"NaN\"", 0.05, false)]
    [InlineData("True", "true", "true", 0, true)]
    [InlineData("True", "true", "false", 0, false)]
    public void A_learner_value_passes_only_against_the_reference_expected_value(
        string kind, string expected, string learnerActual, double tolerance, bool passes)
    {
        // The reference's own actual is its expected (the instructor's solution passes); the learner's expected is ignored.
        var reference = R(kind, expected, expected, tolerance);
        var learner = R(kind, "\"whatever the learner's process claims\"", learnerActual, tolerance);
        Assert.Equal(passes, Verdicts.Compare(reference, learner) is null);
    }

    [Fact]
    public void A_learner_process_cannot_pass_by_reporting_its_own_expected_value()
    {
        var reference = R("Equal", "21156", "21156");
        var learner = R("Equal", "-1", "-1"); // expected and actual agree in the learner's process: irrelevant
        Assert.Equal("w: not what the check expects", Verdicts.Compare(reference, learner));
    }

    [Fact]
    public void Failing_messages_never_hold_the_expected_value_but_carry_the_hint()
    {
        var verdict = Verdicts.Judge([R("Equal", "21156", "21156", hint: "count the pages"), R("True", "true", "true", what: "x")],
                                     [R("Equal", "-1", "-1"), R("True", "true", "true", what: "x")], null);
        Assert.False(verdict.Passed);
        Assert.DoesNotContain("21156", verdict.Message);
        Assert.Equal("count the pages", verdict.Hint);
    }

    [Fact]
    public void A_check_that_ran_differently_or_stopped_early_fails_with_the_reason()
    {
        Assert.Contains("ran differently", Verdicts.Compare(R("Equal", "1", "1", what: "a"), R("Equal", "1", "1", what: "b")));
        var stopped = Verdicts.Judge([R("Equal", "1", "1"), R("Equal", "2", "2")], [R("Equal", "1", "1")], "your code threw IndexOutOfRangeException");
        Assert.Equal("checking stopped: your code threw IndexOutOfRangeException", stopped.Message);
        Assert.True(Verdicts.Judge([R("Equal", "1", "1")], [R("Equal", "1", "1")], null).Passed);
    }

    [Fact]
    public void A_reference_run_whose_own_solution_fails_is_reported()
    {
        Assert.Single(Verdicts.SelfCheck([R("Equal", "1", "2"), R("True", "true", "true")]));
    }

    [Fact]
    public void Every_failing_comparison_of_a_check_is_named_with_its_hint_and_no_value()
    {
        var verdict = Verdicts.Judge(
            [R("Near", "0.62", "0.62", what: "the external fragmentation", hint: "1 - largest / free"),
             R("Equal", "false", "false", what: "whether Alloc(30) succeeds", hint: "one block must hold all 30"),
             R("True", "true", "true", what: "a fraction", hint: "use doubles")],
            [R("Near", "0.62", "-1", what: "the external fragmentation"), R("Equal", "false", "true", what: "whether Alloc(30) succeeds"),
             R("True", "true", "true", what: "a fraction")], null);
        Assert.False(verdict.Passed);
        Assert.Equal("2 of this check's 3 comparisons do not hold: the external fragmentation: not what the check expects; " +
            "whether Alloc(30) succeeds: not what the check expects", verdict.Message);
        Assert.Equal("the external fragmentation: 1 - largest / free; whether Alloc(30) succeeds: one block must hold all 30", verdict.Hint);
        Assert.DoesNotContain("0.62", verdict.Message + verdict.Hint);
    }
}
