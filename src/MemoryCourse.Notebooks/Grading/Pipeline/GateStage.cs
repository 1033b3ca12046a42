using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// Decides, exercise by exercise, what runs in its cell: an exercise missing from the submission, left as its
/// starting code, or refused by the exercise screen runs as its starting code, and its checks are decided
/// here (missing, not solved yet with the hint, refused with the line and the construct); only code that
/// passed the screen runs as the learner wrote it.
/// </summary>
internal sealed class GateStage : IGradingStage
{
    public string Name => "gate";

    public Task RunAsync(Submission submission, GradingContext context)
    {
        var chapter = context.Chapter;
        foreach (var exercise in chapter.Exercises)
        {
            string starting = chapter.StartingCode[exercise.CellIndex];
            submission.Code[exercise.CellIndex] = starting;
            if (!submission.Matched.TryGetValue(exercise.CellIndex, out int theirs))
            {
                Decide(submission, chapter, exercise, GradingMessages.Missing(exercise.Name));
                continue;
            }
            // Windows line ends are line ends to everyone; any other \r is refused by the screen (the kernel reads it as a line break, C# does not).
            string code = submission.Notebook!.Elements[theirs].Contents.Replace("\r\n", "\n");
            int fileLine = submission.FirstLines is { } lines && theirs < lines.Count ? lines[theirs] : 0;
            submission.FileLines[exercise.CellIndex] = fileLine;
            if (ExerciseMarkers.Normalize(code) == ExerciseMarkers.Normalize(starting))
            {
                Decide(submission, chapter, exercise, GradingMessages.NotSolved, withHint: true);
                continue;
            }
            var refused = context.Options.Unscreened ? [] : chapter.Screen.Screen(exercise.CellIndex, code);
            if (refused.Count > 0)
            {
                Decide(submission, chapter, exercise, GradingMessages.Refused(refused[0], refused.Count, fileLine));
                continue;
            }
            submission.Code[exercise.CellIndex] = code;
        }
        return Task.CompletedTask;
    }

    /// <summary>Decides every check of <paramref name="exercise"/> not decided yet: failed, with this message (and the check's hint when asked).</summary>
    public static void Decide(Submission submission, Grader.Prepared chapter, ExerciseMarkers.ExerciseCell exercise, string message, bool withHint = false)
    {
        foreach (var check in chapter.ChecksOf(exercise))
        {
            string? hint = withHint ? chapter.Reference.FirstOrDefault(r => r.Check == check.Name)?.Hint : null;
            submission.Outcomes.TryAdd(check.Name, new CheckOutcome(false, message, hint));
        }
    }
}
