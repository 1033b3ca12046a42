using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class CheckCodeTests
{
    [Fact]
    public void Every_check_call_goes_to_the_recorder_inside_one_block()
    {
        string code = "var x = Twice(2);\nCheck.Equal(4, x, \"twice 2\");\nforeach (var n in new[] { 1, 2 }) MemoryCourse.Teaching.Checks.Check.True(n > 0, $\"{n} > 0\");";
        string recording = CheckCode.ToRecording("twice", code, "__r");
        Assert.Equal("__r.Begin(\"twice\");\n{\nvar x = Twice(2);\n__r.Equal(4, x, \"twice 2\");\nforeach (var n in new[] { 1, 2 }) __r.True(n > 0, $\"{n} > 0\");\n}", recording);
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
            + "Check.Sequence(Model().Select(x => x), Mine(), hint: \"h\", what: \"seq\");\nCheck.True(Mine().Any(), \"any\");";
        string recording = CheckCode.ToRecording("c", code, null, "__r", learner: true);
        Assert.DoesNotContain("Secret", recording);
        Assert.DoesNotContain("Expected", recording);
        Assert.DoesNotContain("Model", recording);
        Assert.DoesNotContain("0.5", recording);
        Assert.Contains("__r.EqualActual(actual: Answer(1), what: \"one\", hint: \"hint\")", recording);
        Assert.Contains("__r.NearActual(actual: Measured(), what: \"near\")", recording);
        Assert.Contains("__r.SequenceActual(actual: Mine(), what: \"seq\", hint: \"h\")", recording);
        Assert.Contains("__r.True(condition: Mine().Any(), what: \"any\")", recording);
    }

    [Fact]
    public void In_a_learners_run_statements_that_only_prepare_an_expected_value_are_left_out()
    {
        string visible = "var parsed = Model.Parse(line);\nvar trial = NewHeap();\nRunOps(trial, ops);\nvar mine = Mine(line);\nCheck.Equal(parsed.Start, mine.Start, \"start\");\nCheck.Equal(trial.Allocate(30), mine.Ok, \"ok\");";
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
        var (visible, hidden) = CheckCode.SplitHidden("Check.True(a, \"a\");\n// BEGIN HIDDEN CHECKS\nCheck.True(b, \"b\");\n// END HIDDEN CHECKS");
        Assert.Equal("Check.True(a, \"a\");", visible);
        Assert.Equal("Check.True(b, \"b\");", hidden);
        string recording = CheckCode.ToRecording("c", visible, hidden, "__r", learner: true);
        Assert.Matches(@"__r\.True\(condition: a, what: ""a""\);\s*try\s*\{\s*__r\.True\(condition: b, what: ""b""\);\s*\}\s*catch \(global::System\.Exception __r_hidden\)\s*\{\s*__r\.HiddenFailed\(__r_hidden\);", recording);
    }

    [Theory]
    [InlineData("using System.IO;\nCheck.True(true, \"t\");", "line 1: a check cell may not hold a using directive")]
    [InlineData("class Helper { }\nCheck.True(true, \"t\");", "line 1: a check cell may not declare a type")]
    [InlineData("var x = 1;", "it calls no Check.Equal")]
    public void Check_cells_a_graded_run_cannot_run_in_a_block_are_reported_with_their_line(string code, string problem) =>
        Assert.StartsWith(problem, CheckCode.Problems(code).Single());
}
