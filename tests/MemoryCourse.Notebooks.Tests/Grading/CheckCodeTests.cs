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

    [Theory]
    [InlineData("using System.IO;\nCheck.True(true, \"t\");", "line 1: a check cell may not hold a using directive")]
    [InlineData("class Helper { }\nCheck.True(true, \"t\");", "line 1: a check cell may not declare a type")]
    [InlineData("var x = 1;", "it calls no Check.Equal")]
    public void Check_cells_a_graded_run_cannot_run_in_a_block_are_reported_with_their_line(string code, string problem) =>
        Assert.StartsWith(problem, CheckCode.Problems(code).Single());
}
