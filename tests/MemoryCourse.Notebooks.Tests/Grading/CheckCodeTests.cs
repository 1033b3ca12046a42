using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class CheckCodeTests
{
    [Fact]
    public void Every_check_call_goes_to_the_recorder_inside_one_block()
    {
        string code = "var x = Twice(2);\nCheck.Equal(4, x, \"twice 2\");\n"
            + "foreach (var n in new[] { 1, 2 }) MemoryCourse.Teaching.Checks.Check.Equal(Model(n), n, $\"{n}\");";
        string recording = CheckCode.ToRecording("twice", code, "__r");
        Assert.Equal("__r.Begin(\"twice\");\n{\nvar x = Twice(2);\n__r.Equal(4, x, \"twice 2\");\n"
            + "foreach (var n in new[] { 1, 2 }) __r.Equal(Model(n), n, $\"{n}\");\n}", recording);
    }

    [Fact]
    public void Calls_that_only_look_like_checks_are_left_alone()
    {
        string code = "var Check = new Checker();\nCheck.Equal(1, 1, \"x\");\nmyCheck.Equal(1, 2, \"y\");\nCheck.Something(1);";
        string recording = CheckCode.ToRecording("c", code, "__r");
        Assert.Contains("myCheck.Equal(1, 2, \"y\")", recording);
        Assert.Contains("Check.Something(1)", recording);
        Assert.Contains("__r.Equal(1, 1, \"x\")", recording);
    }

    [Fact]
    public void In_a_learners_run_the_expected_side_of_every_check_is_left_out_of_the_code()
    {
        string code = "Check.Equal(Secret(1), Answer(1), \"one\", \"hint\");\nCheck.Near(Expected(), Measured(), 0.5, \"near\");\n"
            + "Check.Sequence(Model().Select(x => x), Mine(), hint: \"h\", what: \"seq\");";
        string recording = CheckCode.ToRecording("c", code, null, "__r", learner: true);
        Assert.DoesNotContain("Secret", recording);
        Assert.DoesNotContain("Expected", recording);
        Assert.DoesNotContain("Model", recording);
        Assert.DoesNotContain("0.5", recording);
        Assert.Contains("__r.EqualActual(actual: Answer(1), what: \"one\", hint: \"hint\")", recording);
        Assert.Contains("__r.NearActual(actual: Measured(), what: \"near\")", recording);
        Assert.Contains("__r.SequenceActual(actual: Mine(), what: \"seq\", hint: \"h\")", recording);
    }

    [Fact]
    public void In_a_learners_run_statements_that_only_prepare_an_expected_value_are_left_out()
    {
        string visible = "var parsed = Model.Parse(line);\nvar trial = NewHeap();\nRunOps(trial, ops);\nvar mine = Mine(line);\n"
            + "Check.Equal(parsed.Start, mine.Start, \"start\");\nCheck.Equal(trial.Allocate(30), mine.Ok, \"ok\");";
        string hidden = "var cases = new[] { 1, 2 };\nforeach (var c in cases) Check.Equal(Model.Of(c), Mine(c), \"case\");";
        var (v, h) = CheckCode.WithoutExpectedOnly(visible, hidden);
        Assert.DoesNotContain("Model.Parse", v);
        Assert.DoesNotContain("NewHeap", v);
        Assert.DoesNotContain("RunOps", v);
        Assert.Contains("var mine = Mine(line);", v);
        Assert.Contains("var cases = new[] { 1, 2 };", h); // read by the learner's side (the loop)
        string recording = CheckCode.ToRecording("c", visible, hidden, "__r", learner: true);
        Assert.DoesNotContain("Model", recording);
        Assert.DoesNotContain("trial", recording);
    }

    [Fact]
    public void Hidden_checks_run_after_the_visible_ones_and_a_throw_there_is_recorded_as_its_type_alone()
    {
        var (visible, hidden) = CheckCode.SplitHidden("Check.Equal(A(), a, \"a\");\n// BEGIN HIDDEN CHECKS\nCheck.Equal(B(), b, \"b\");\n// END HIDDEN CHECKS");
        Assert.Equal("Check.Equal(A(), a, \"a\");", visible);
        Assert.Equal("Check.Equal(B(), b, \"b\");", hidden);
        string recording = CheckCode.ToRecording("c", visible, hidden, "__r", learner: true);
        Assert.Matches(@"__r\.EqualActual\(actual: a, what: ""a""\);\s*try\s*\{\s*__r\.EqualActual\(actual: b, what: ""b""\);\s*\}\s*"
            + @"catch \(global::System\.Exception __r_hidden\)\s*\{\s*__r\.HiddenFailed\(__r_hidden\);", recording);
    }

    [Theory]
    [InlineData("using System.IO;\nCheck.Equal(Model(), x, \"t\");", "line 1: a check cell may not hold a using directive")]
    [InlineData("class Helper { }\nCheck.Equal(Model(), x, \"t\");", "line 1: a check cell may not declare a type")]
    [InlineData("var x = 1;", "it calls no Check.Equal")]
    public void Check_cells_a_graded_run_cannot_run_in_a_block_are_reported_with_their_line(string code, string problem) =>
        Assert.StartsWith(problem, CheckCode.Problems(code).Single());

    [Theory]
    [InlineData("var x = Mine();\nCheck.True(x > 0, \"positive\");", "line 2: Check.True decides its verdict where the learner's code runs")]
    [InlineData("Check.Equal(4, Twice(2), \"twice\");", "line 1: the expected value of Check.Equal ('4') is a constant the learner can read")]
    [InlineData("Check.Near(-(2.5 * 2), Mine(), 0.1, \"near\");", "line 1: the expected value of Check.Near ('-(2.5 * 2)') is a constant")]
    [InlineData("Check.Sequence(new[] { 1, 2 }, Mine(), \"seq\");", "line 1: the expected value of Check.Sequence ('new[] { 1, 2 }') is a constant")]
    [InlineData("Check.Sequence([1, 2], Mine(), \"seq\");", "line 1: the expected value of Check.Sequence ('[1, 2]') is a constant")]
    [InlineData("var want = 3 * 4;\nvar also = want;\nCheck.Equal(actual: Mine(), expected: also, what: \"named\");",
        "line 3: the expected value of Check.Equal ('also')")]
    [InlineData("Check.Equal(Model() > 0, Mine() > 0, \"positive\");",
        "line 1: the expected value of Check.Equal ('Model() > 0') is whether a condition holds")]
    [InlineData("// BEGIN HIDDEN CHECKS\nCheck.Equal(Model() is > 0, Mine() is > 0, \"x\");\n// END HIDDEN CHECKS",
        "line 2: the expected value of Check.Equal")]
    public void A_check_whose_verdict_code_past_the_screen_could_forge_is_refused_with_its_line(string code, string problem) =>
        Assert.StartsWith(problem, Assert.Single(CheckCode.Problems(code)));

    [Theory]
    [InlineData("Check.Equal(Model(4), Twice(2), \"twice\");")]
    [InlineData("Check.Equal(table.Translate(3).Frame, frame, \"frame\");")]
    [InlineData("var seen = new List<int>();\nforeach (var n in Model()) seen.Add(n);\nCheck.Sequence(seen, Mine(), \"seq\");")]
    [InlineData("int count = 0;\nwhile (Step()) count++;\nCheck.Equal(count, Mine(), \"count\");")]
    [InlineData("Check.Equal(Model().Succeeded, Mine(), \"a bool answer read from the model\");")]
    [InlineData("// BEGIN HIDDEN CHECKS\nCheck.Equal(0x2A4L, Mine() % 4096, \"a constant the learner never sees\");\n// END HIDDEN CHECKS")]
    public void A_check_comparing_with_a_value_only_the_reference_run_computes_is_accepted(string code) =>
        Assert.Empty(CheckCode.Problems(code));

    [Fact]
    public void The_instructors_hidden_checks_may_hold_constants_but_no_check_true_and_name_their_own_lines()
    {
        Assert.Empty(CheckCode.Problems("Check.Equal(Model(), x, \"x\");", "Check.Equal(0, Mine(0), \"zero\");"));
        var problem = Assert.Single(CheckCode.Problems("Check.Equal(Model(), x, \"x\");", "var y = 1;\nCheck.True(y > 0, \"y\");"));
        Assert.StartsWith("line of the hidden checks 2: Check.True", problem);
    }
}
