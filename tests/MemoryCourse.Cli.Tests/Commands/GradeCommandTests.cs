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
        AssertRefused(Run("grade", "--source", Source, submission, "--out", "/proc/x.csv"),
            "memcourse grade: --out /proc/x.csv: /proc is the kernel's own file system");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", "/dev/null/x"), "memcourse grade: --out /dev/null/x");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", csv, "--json", "/proc/x.json"), "memcourse grade: --json /proc/x.json");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", csv, "--json", csv),
            "memcourse grade: --json " + csv + ": is also where --out writes");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", submission),
            "memcourse grade: --out " + submission + ": is one of the command's inputs");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", Source), "memcourse grade: --out " + Source + ": is one of the command's inputs");
        AssertRefused(Run("grade", "--source", Source, submission, "--out", csv, "--feedback", submission),
            "memcourse grade: --feedback " + submission + ": is a file, not a folder");
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
        AssertRefused(Run("grade", "--source", Source, fifo, "--out", Path.Combine(folder, "g.csv")),
            "memcourse grade: " + fifo + " is a named pipe (FIFO), not a notebook file");
        var (files, skipped, problem) = MemoryCourse.Cli.Commands.GradeCommand.Submissions([Path.Combine(folder, "subs")], Source);
        Assert.Null(problem);
        Assert.Equal([Path.Combine(folder, "subs", "alice.dib")], files);
        Assert.Equal([fifo + " (a named pipe (FIFO), not a file)"], skipped);
    }

    // Kernels run from here on: chapter 00's worked solutions once, then each submission; kept to two tests.
    [Fact]
    public void A_student_version_handed_back_unsolved_is_graded_zero_with_a_gradebook_its_json_and_a_feedback_file()
    {
        if (MemoryCourse.Notebooks.Kernel.KernelTool.Find() is null) return; // no kernel tool restored: nothing to run
        string folder = TempFolder("grade-class");
        var handout = Run("assign", Source, "--out", Path.Combine(folder, "subs"), "--removed", Path.Combine(folder, "private"));
        Assert.True(handout.Code == 0, handout.Err);
        File.Move(Path.Combine(folder, "subs", "00-start-here.dib"), Path.Combine(folder, "subs", "alice.dib"));
        string csv = Path.Combine(folder, "out", "grades.csv"), json = Path.Combine(folder, "out", "grades.json");
        var (_, code, output, error, _) = Run("grade", "--source", Source, Path.Combine(folder, "subs"), "--out", csv, "--json", json, "--parallel", "1");
        Assert.True(code == 0, error);
        Assert.Contains("[1/1] alice", output);
        Assert.Contains("Graded 1 submission -> " + csv, output);
        Assert.Contains("alice,TOTAL,0,4,", File.ReadAllText(csv));
        Assert.Contains("\"student\": \"alice\"", File.ReadAllText(json));
        Assert.StartsWith("# ", File.ReadAllText(Path.Combine(folder, "out", "feedback", "alice.md")));
    }

    [Fact]
    public void Two_slices_graded_apart_and_merged_give_the_gradebook_of_one_run()
    {
        if (MemoryCourse.Notebooks.Kernel.KernelTool.Find() is null) return; // no kernel tool restored: nothing to run
        string folder = TempFolder("grade-shards");
        var handout = Run("assign", Source, "--out", Path.Combine(folder, "handout"), "--removed", Path.Combine(folder, "private"));
        Assert.True(handout.Code == 0, handout.Err);
        Directory.CreateDirectory(Path.Combine(folder, "subs"));
        foreach (var student in new[] { "alice", "bob" })
            File.Copy(Path.Combine(folder, "handout", "00-start-here.dib"), Path.Combine(folder, "subs", student + ".dib"));
        string[] parts = [Path.Combine(folder, "part-1.json"), Path.Combine(folder, "part-2.json")];
        for (int k = 1; k <= 2; k++)
        {
            var slice = Run("grade", "--source", Source, Path.Combine(folder, "subs"), "--shard", $"{k}/2", "--out", parts[k - 1], "--parallel", "1");
            Assert.True(slice.Code == 0, slice.Err);
            // Slice 1 of 2 holds the first student in grading order (alice), slice 2 the second (bob).
            Assert.Contains($"Graded slice {k}/2: 1 submission", slice.Out);
            Assert.Contains(k == 1 ? "alice" : "bob", slice.Out);
        }
        string merged = Path.Combine(folder, "merged", "grades.csv");
        var merge = Run("gradebook", "merge", parts[0], parts[1], "--out", merged, "--source", Source);
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Contains("Merged 2 submissions", merge.Out);
        var rows = File.ReadAllLines(merged);
        Assert.Contains("alice,TOTAL,0,4,", rows);
        Assert.Contains("bob,TOTAL,0,4,", rows);
        Assert.Equal(["alice.md", "bob.md"],
            Directory.GetFiles(Path.Combine(folder, "merged", "feedback"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
