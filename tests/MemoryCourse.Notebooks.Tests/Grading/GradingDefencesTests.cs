using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class GradingDefencesTests
{
    [Fact]
    public void Every_defence_says_what_it_stops_and_is_applied_by_preparation_or_a_stage_of_the_pipeline()
    {
        var stages = GradingPipeline.Stages.Select(s => s.Name).Append("prepare").ToHashSet();
        Assert.NotEmpty(GradingDefences.All);
        Assert.All(GradingDefences.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Stops), d.Name);
            Assert.Contains(d.Stage, stages);
            Assert.Equal(typeof(Grader).Assembly, d.LivesIn.Assembly);
        });
        Assert.Equal(GradingDefences.All.Count, GradingDefences.All.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void The_screen_the_sandbox_and_the_verdict_are_on_the_list()
    {
        var homes = GradingDefences.All.Select(d => d.LivesIn).ToHashSet();
        Assert.Contains(typeof(ExerciseScreen), homes);
        Assert.Contains(typeof(GradingSandbox), homes);
        Assert.Contains(typeof(Verdicts), homes);
    }
}
