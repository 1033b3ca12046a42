using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Course;

/// <summary>
/// The chapters that run the learner's node (02, 03, 06, 08) on a machine without it: node is hidden from
/// every kernel process (MEMCOURSE_NODE=none through the run's environment), and each chapter must still
/// pass, say so in one line, and show the run the course captured rather than nothing.
/// </summary>
public class LiveChaptersWithoutNodeTests
{
    private static readonly string[] LiveChapters =
        ["02-v8-memory-structure.dib", "03-garbage-collection.dib", "06-process-and-os.dib", "08-one-request-500mb.dib"];

    [Fact]
    public async Task The_live_chapters_run_with_node_hidden_and_show_the_courses_captures()
    {
        var options = RunOptions.Default with { Environment = new Dictionary<string, string> { ["MEMCOURSE_NODE"] = "none" } };
        var runs = await NotebookRunner.RunAllAsync(LiveChapters.Select(n => Path.Combine(RepoPaths.Notebooks, n)).ToList(), options);
        Assert.Equal(LiveChapters.Length, runs.Count);
        foreach (var run in runs)
        {
            Assert.True(run.Passed, run.Describe());
            string text = string.Concat(run.Executed!.Elements.SelectMany(c => c.Outputs).OfType<TextElement>().Select(t => t.Text));
            Assert.Contains("node is hidden (MEMCOURSE_NODE=none): showing the runs the course captured", text);
            Assert.Contains("captured: node v20.20.2", text);
            Assert.DoesNotContain("ships no capture", text);
        }
    }
}
