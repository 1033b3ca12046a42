using MemoryCourse.Notebooks.Grading.Pipeline;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class GradingPipelineTests
{
    [Fact]
    public void The_stages_run_in_the_order_the_architecture_names_them()
    {
        Assert.Equal(["read", "match", "gate", "run", "judge", "rows"], GradingPipeline.Stages.Select(s => s.Name));
    }

    [Fact]
    public async Task A_stage_that_grades_the_submission_ends_the_pipeline_there()
    {
        var chapter = Chapter00.Prepared();
        // A file that is not there: the read stage grades it, and the run stage (which would start a kernel) never runs.
        var submission = new Submission("nobody", Path.Combine(Path.GetTempPath(), $"memcourse-missing-{Guid.NewGuid():N}.dib"));
        var grade = await GradingPipeline.GradeAsync(submission, Chapter00.Context(chapter));
        Assert.Null(submission.Run);
        Assert.Equal(0, grade.Earned);
        Assert.Equal(4, grade.Possible);
    }
}
