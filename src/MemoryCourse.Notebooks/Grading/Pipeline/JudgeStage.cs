using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// Judges each check not decided yet, in the grader's own process: the learner's records against the
/// reference run's (<see cref="Verdicts"/>). An exercise whose cell failed is the likely cause of its checks
/// failing, so its failure is said first. A run that did not reach the checks leaves them unchecked.
/// </summary>
internal sealed class JudgeStage : IGradingStage
{
    public string Name => "judge";

    public Task RunAsync(Submission submission, GradingContext context)
    {
        var chapter = context.Chapter;
        var run = submission.Run!;
        foreach (var check in chapter.Checks)
        {
            if (submission.Outcomes.ContainsKey(check.Name)) continue;
            if (run.Records is null)
            {
                submission.Outcomes[check.Name] = new CheckOutcome(false, GradingMessages.RunDidNotFinish(run.Failure));
                continue;
            }
            var verdict = Verdicts.Judge(chapter.Reference.Where(r => r.Check == check.Name).ToList(),
                run.Records.Where(r => r.Check == check.Name).ToList(), run.CheckFailures.GetValueOrDefault(check.Name));
            string? exerciseFailure = ExerciseFailureBefore(chapter, check, submission);
            submission.Outcomes[check.Name] = verdict.Passed ? new CheckOutcome(true, "passed")
                : new CheckOutcome(false, exerciseFailure is null ? verdict.Message : $"{exerciseFailure}; then {verdict.Message}", verdict.Hint);
        }
        return Task.CompletedTask;
    }

    // The failure of the exercise this check checks (the last exercise before it), told with its line.
    private static string? ExerciseFailureBefore(Grader.Prepared chapter, ExerciseMarkers.CheckCell check, Submission submission)
    {
        var exercise = chapter.Exercises.LastOrDefault(e => e.CellIndex < check.CellIndex);
        if (exercise is null || !submission.Run!.ExerciseFailures.TryGetValue(exercise.CellIndex, out var failure)) return null;
        return GradingMessages.ExerciseFailed(exercise.Name, failure, submission.FileLines.GetValueOrDefault(exercise.CellIndex));
    }
}
