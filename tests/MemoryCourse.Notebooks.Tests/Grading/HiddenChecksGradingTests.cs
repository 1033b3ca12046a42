using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// An instructor's hidden checks file is checked before any submission is graded: it must compile against the
/// chapter and run clean on the worked solutions, or grading is refused naming the file, the line and the check.
/// </summary>
public class HiddenChecksGradingTests
{
    private static readonly string SourcePath = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");

    private static async Task<string> Refusal(string hiddenFile)
    {
        var source = NotebookFile.Load(SourcePath);
        var hidden = HiddenChecks.Parse(hiddenFile, "private/checks-00.cs", ExerciseMarkers.Checks(source).Select(c => c.Name).ToList());
        var options = new GradeOptions(RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(60), Parallelism = 1 }) { Hidden = hidden };
        return (await Assert.ThrowsAsync<GradingException>(() => Grader.PrepareAsync(SourcePath, source, options))).Message;
    }

    [Fact]
    public async Task A_hidden_check_naming_something_the_chapter_does_not_have_is_refused_with_its_file_line()
    {
        string message = await Refusal("// private checks\n// check: offset-of\nCheck.Equal(0UL, OffsetOf(4096, 4096), \"fine\");\n" +
            "Check.Equal(noSuchValue, OffsetOf(1, 4096), \"undefined\");\n");
        Assert.Contains("private/checks-00.cs:4", message);
        Assert.Contains("section 'offset-of'", message);
        Assert.Contains("noSuchValue", message);
    }

    [Fact]
    public async Task A_stray_closing_brace_in_a_hidden_check_is_refused_with_its_section()
    {
        string message = await Refusal("// check: vpn-of-address\nCheck.Equal(1UL, vpnOfStackAddress, \"a\");\n}\n" +
            "Check.Equal(2UL, vpnOfStackAddress, \"b\");\n");
        Assert.Contains("private/checks-00.cs:", message);
        Assert.Contains("section 'vpn-of-address'", message);
        Assert.Contains("does not compile", message);
    }

    [KernelFact]
    public async Task A_hidden_check_that_throws_on_the_worked_solutions_is_refused_with_its_file_line()
    {
        string message = await Refusal("// check: offset-of\nvar none = new int[0];\nCheck.Equal(0, none[1], \"out of range\");\n");
        Assert.Contains("private/checks-00.cs:3", message);
        Assert.Contains("section 'offset-of'", message);
        Assert.Contains("throws on the worked solutions", message);
    }
}
