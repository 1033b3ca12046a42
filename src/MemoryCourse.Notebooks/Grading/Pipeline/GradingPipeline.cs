namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// Grading one submission, in order: read it, match its exercises to the source's, gate each exercise
/// (missing, unchanged from its starting code, or refused by the screen: none of these runs the learner's
/// code), run it sandboxed, judge each check against the reference run, and make the rows (from which the
/// gradebook and the feedback files are written). A stage that decides the grade on its own (an unreadable
/// file, another chapter) ends the pipeline there.
/// </summary>
internal static class GradingPipeline
{
    /// <summary>The stages, in the order they run.</summary>
    public static readonly IReadOnlyList<IGradingStage> Stages =
        [new ReadStage(), new MatchStage(), new GateStage(), new RunStage(), new JudgeStage(), new RowsStage()];

    /// <summary>Runs the stages over <paramref name="submission"/> until one of them sets its grade.</summary>
    public static async Task<SubmissionGrade> GradeAsync(Submission submission, GradingContext context)
    {
        foreach (var stage in Stages)
        {
            if (submission.Grade is not null) break;
            await stage.RunAsync(submission, context);
        }
        return submission.Grade ?? throw new InvalidOperationException("the rows stage sets every submission's grade");
    }
}
