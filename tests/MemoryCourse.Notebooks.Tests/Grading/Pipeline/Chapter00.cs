using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;
using MemoryCourse.Notebooks.Execution;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

/// <summary>
/// Chapter 00 prepared for the stages' tests without running it: its checks, exercises and screen, and
/// reference records given by the test. Chapter 00 has three exercises, each with one check of the same name.
/// </summary>
internal static class Chapter00
{
    public const string Pages = "pages-in-32-bit", Vpn = "vpn-of-address", Offset = "offset-of";

    public static readonly string SourcePath = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");

    public static Grader.Prepared Prepared(IReadOnlyList<CheckRecord>? reference = null)
    {
        var source = NotebookFile.Load(SourcePath);
        var screen = new ExerciseScreen(source, RepoPaths.Notebooks, ExercisePolicy.ForChapter("00-start-here"));
        return new Grader.Prepared(SourcePath, source, ExerciseMarkers.Checks(source), ExerciseMarkers.Exercises(source),
            reference ?? [], screen, NotebookTitle.Of(source)!);
    }

    public static GradingContext Context(Grader.Prepared chapter, GradeOptions? options = null)
    {
        options ??= new GradeOptions(RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(30), Parallelism = 1 });
        return new GradingContext(chapter, options, new SandboxedKernels(chapter.Source, chapter.SourcePath, options, () => false));
    }

    /// <summary>The student version with the exercises named in <paramref name="answers"/> answered, as a notebook in memory.</summary>
    public static InteractiveDocument Answered(Grader.Prepared chapter, IReadOnlyDictionary<string, string> answers)
    {
        var names = chapter.Exercises.ToDictionary(e => e.CellIndex, e => e.Name);
        return new InteractiveDocument(chapter.StudentVersion.Elements.Select((cell, i) =>
            names.TryGetValue(i, out var name) && answers.TryGetValue(name, out var code)
                ? new InteractiveDocumentElement($"// exercise: {name}\n{code}", cell.KernelName)
                : new InteractiveDocumentElement(cell.Contents, cell.KernelName)).ToList());
    }

    /// <summary>A submission as the read and match stages leave it: read from memory, its exercises matched.</summary>
    public static Submission Matched(Grader.Prepared chapter, InteractiveDocument notebook)
    {
        var submission = new Submission("alice", "alice.dib") { Notebook = notebook };
        submission.Matched = MatchStage.Match(chapter, notebook);
        submission.EditNotes = MatchStage.EditNotes(chapter, notebook);
        return submission;
    }
}
