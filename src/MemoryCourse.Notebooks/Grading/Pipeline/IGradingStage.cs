namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>One step of grading a submission (see <see cref="GradingPipeline.Stages"/> for their order).</summary>
internal interface IGradingStage
{
    /// <summary>The stage's name, as ARCHITECTURE.md and <see cref="GradingDefences"/> call it.</summary>
    string Name { get; }

    /// <summary>Does this stage's part of grading <paramref name="submission"/>.</summary>
    Task RunAsync(Submission submission, GradingContext context);
}
