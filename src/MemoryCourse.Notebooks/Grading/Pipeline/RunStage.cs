namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// Runs the chapter with the gated exercise code in a fresh kernel inside a fresh sandbox. When the learner's
/// code stops the kernel (an endless loop, a memory bomb, a stack overflow, an exit), that exercise loses its
/// checks and runs as its starting code (or that check is left out), and the chapter runs again, so the
/// other exercises still count. A submission with no learner code left to run shares the chapter's one run
/// of its starting code.
/// </summary>
internal sealed class RunStage : IGradingStage
{
    /// <summary>How many times a submission runs again after its code stopped the kernel.</summary>
    public const int MaxRetries = 4;

    public string Name => "run";

    public async Task RunAsync(Submission submission, GradingContext context)
    {
        var chapter = context.Chapter;
        var skippedChecks = new HashSet<string>();
        for (int attempt = 0; attempt <= MaxRetries; attempt++)
        {
            bool startingCodeOnly = skippedChecks.Count == 0
                && chapter.Exercises.All(e => submission.Code[e.CellIndex] == chapter.StartingCode[e.CellIndex]);
            var run = startingCodeOnly
                ? await chapter.StartingCodeRunAsync(context)
                : await SandboxedRun.RunAsync(chapter.Source, submission.Code, context.Options.Hidden, context.Kernels, skippedChecks, learner: true);
            submission.Run = run;
            if (run.Records is not null || run.StoppedAt is not { } stopped) return;
            if (stopped.Role == GradedCellRole.Exercise)
            {
                var exercise = chapter.Exercises.First(e => e.CellIndex == stopped.SourceCell);
                GateStage.Decide(submission, chapter, exercise, GradingMessages.ExerciseStopped(run.Failure));
                submission.Code[exercise.CellIndex] = chapter.StartingCode[exercise.CellIndex];
            }
            else if (stopped.Role == GradedCellRole.Check)
            {
                submission.Outcomes.TryAdd(stopped.Name, new CheckOutcome(false, GradingMessages.CheckStopped(run.Failure)));
                skippedChecks.Add(stopped.Name);
            }
            else return;
        }
    }
}
