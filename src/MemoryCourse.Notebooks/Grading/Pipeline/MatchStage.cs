using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// Matches the submission to the source: which of its cells answers each exercise (by the exercise's name),
/// and which check cells it edited or deleted (graded with the originals all the same; the row says so). A
/// submission sharing no exercise and no check with the source is another chapter's, and earns nothing here.
/// </summary>
internal sealed class MatchStage : IGradingStage
{
    public string Name => "match";

    public Task RunAsync(Submission submission, GradingContext context)
    {
        var chapter = context.Chapter;
        var notebook = submission.Notebook!;
        submission.Matched = Match(chapter, notebook);
        if (submission.Matched.Count == 0 && ExerciseMarkers.Checks(notebook).All(c => chapter.Checks.All(p => p.Name != c.Name)))
        {
            submission.Grade = RowsStage.NotGraded(chapter, submission, GradingMessages.AnotherChapter(NotebookTitle.Of(notebook), chapter.Title));
            return Task.CompletedTask;
        }
        submission.EditNotes = EditNotes(chapter, notebook);
        return Task.CompletedTask;
    }

    /// <summary>Which submission cell answers each source exercise (source cell index → submission cell index), by the exercise's name.</summary>
    public static IReadOnlyDictionary<int, int> Match(Grader.Prepared chapter, InteractiveDocument submission)
    {
        var submitted = ExerciseMarkers.Exercises(submission);
        var matched = new Dictionary<int, int>();
        foreach (var exercise in chapter.Exercises)
            if (submitted.FirstOrDefault(e => e.Name == exercise.Name) is { } match) matched[exercise.CellIndex] = match.CellIndex;
        return matched;
    }

    /// <summary>What the submission changed of the check cells it was given, per check: a note for that check's row only.</summary>
    public static IReadOnlyDictionary<string, string> EditNotes(Grader.Prepared chapter, InteractiveDocument submission)
    {
        var notes = new Dictionary<string, string>();
        var found = ExerciseMarkers.Checks(submission);
        foreach (var check in ExerciseMarkers.Checks(chapter.StudentVersion))
        {
            var theirs = found.FirstOrDefault(c => c.Name == check.Name);
            if (theirs is null)
            {
                notes[check.Name] = GradingMessages.CheckDeleted;
                continue;
            }
            // The check cell as the student version gives it, or as the source has it (hidden lines included): both are unedited.
            string mine = ExerciseMarkers.Normalize(submission.Elements[theirs.CellIndex].Contents);
            if (mine != ExerciseMarkers.Normalize(chapter.StudentVersion.Elements[check.CellIndex].Contents)
                && mine != ExerciseMarkers.Normalize(chapter.Source.Elements[check.CellIndex].Contents))
                notes[check.Name] = GradingMessages.CheckEdited;
        }
        return notes;
    }
}
