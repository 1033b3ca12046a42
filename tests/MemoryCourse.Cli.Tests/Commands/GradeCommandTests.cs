using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse grade</c> checks its limits and every output before it grades anyone (these tests start no
/// kernel). Reported: --out /proc/x.csv, a read-only folder or /dev/null/x graded the whole class and then
/// exited 70; --json unwritable left the CSV written; --timeout -1 or 0 gave the whole class 0; --timeout NaN,
/// Infinity, 1e400 exited 70; --memory 1 was blamed on the instructor's notebook.
/// </summary>
public class GradeCommandTests
{
    private static readonly string Source = Memcourse.InRepo("notebooks", "00-start-here.dib");

    private static (string Folder, string Submission) Class()
    {
        string folder = TempFolder("grade");
        Directory.CreateDirectory(Path.Combine(folder, "subs"));
        string submission = Path.Combine(folder, "subs", "alice.dib");
        File.WriteAllText(submission, "#!csharp\n\n1\n");
        return (folder, submission);
    }

    [Fact]
    public void Every_output_is_checked_before_anyone_is_graded()
    {
        var (folder, submission) = Class();
        string csv = Path.Combine(folder, "grades.csv");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", "/proc/x.csv"), "memcourse grade: --out /proc/x.csv: /proc is the kernel's own file system");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", "/dev/null/x"), "memcourse grade: --out /dev/null/x");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", csv, "--json", "/proc/x.json"), "memcourse grade: --json /proc/x.json");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", csv, "--json", csv), "memcourse grade: --json " + csv + ": is also where --out writes");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", submission), "memcourse grade: --out " + submission + ": is one of the command's inputs");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", Source), "memcourse grade: --out " + Source + ": is one of the command's inputs");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", csv, "--feedback", submission), "memcourse grade: --feedback " + submission + ": is a file, not a folder");
        AssertRefused(Run("grade", "--source", Source, submission, "--shard", "1/2", "--out", "/proc/p.json"), "memcourse grade: --out /proc/p.json");
        Assert.False(File.Exists(csv));
        Assert.False(Directory.Exists(Path.Combine(folder, "feedback")));
    }

    [Fact]
    public void A_feedback_folder_holding_a_file_memcourse_did_not_write_is_refused_before_grading()
    {
        var (folder, submission) = Class();
        string feedback = Path.Combine(folder, "feedback");
        Directory.CreateDirectory(feedback);
        File.WriteAllText(Path.Combine(feedback, "alice.md"), "a letter to alice");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", Path.Combine(folder, "g.csv")),
            "memcourse grade: --feedback " + feedback + ": would replace " + Path.Combine(feedback, "alice.md"));
        Assert.Equal("a letter to alice", File.ReadAllText(Path.Combine(feedback, "alice.md")));
    }

    [Theory]
    [InlineData("--timeout", "NaN", "--timeout NaN: the per-cell time limit must be")]
    [InlineData("--timeout", "Infinity", "--timeout Infinity: the per-cell time limit must be")]
    [InlineData("--timeout", "1e400", "--timeout Infinity: the per-cell time limit must be")]
    [InlineData("--timeout", "922337203600", "--timeout 922337203600: the per-cell time limit must be")]
    [InlineData("--timeout", "-1", "--timeout -1: the per-cell time limit must be")]
    [InlineData("--timeout", "0", "--timeout 0: the per-cell time limit must be")]
    [InlineData("--memory", "1", "--memory 1: the memory cap must be from 256 MiB")]
    [InlineData("--parallel", "0", "--parallel 0: must be from 1")]
    public void A_limit_that_is_not_a_sane_number_is_refused_naming_the_option(string option, string value, string message)
    {
        var (folder, submission) = Class();
        AssertRefused(Run("grade", "--source", Source, submission, "--out", Path.Combine(folder, "g.csv"), option, value), "memcourse grade: " + message);
    }

    // Reported: a FIFO among the submissions blocked grading forever.
    [Fact]
    public void A_submission_that_is_a_named_pipe_is_refused_before_grading()
    {
        var (folder, _) = Class();
        string fifo = Path.Combine(folder, "subs", "bob.dib");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        AssertRefused(Run("grade", "--source", Source, fifo, "--out", Path.Combine(folder, "g.csv")), "memcourse grade: " + fifo + " is a named pipe (FIFO), not a notebook file");
        var (files, skipped, problem) = MemoryCourse.Cli.Commands.GradeCommand.Submissions([Path.Combine(folder, "subs")], Source);
        Assert.Null(problem);
        Assert.Equal([Path.Combine(folder, "subs", "alice.dib")], files);
        Assert.Equal([fifo + " (a named pipe (FIFO), not a file)"], skipped);
    }
}
