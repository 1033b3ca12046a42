using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class RunStageTests
{
    [KernelFact]
    public async Task An_exercise_that_ends_the_process_loses_its_checks_and_the_chapter_runs_again_without_it()
    {
        var chapter = Chapter00.Prepared();
        var answers = new Dictionary<string, string>
        {
            [Chapter00.Pages] = "long pagesIn32Bits = 1L << 20;",
            [Chapter00.Vpn] = "ulong vpnOfStackAddress = 0;\nSystem.Environment.FailFast(\"bye\");",
        };
        var submission = Chapter00.Matched(chapter, Chapter00.Answered(chapter, answers));
        var context = Chapter00.Context(chapter, new GradeOptions(MemoryCourse.Notebooks.Execution.RunOptions.Default with
        {
            CellTimeout = TimeSpan.FromSeconds(60),
            Parallelism = 1,
        }) { Unscreened = true });
        await new GateStage().RunAsync(submission, context);
        await new RunStage().RunAsync(submission, context);
        await context.Kernels.DisposeAsync();

        Assert.StartsWith("your exercise cell was stopped:", submission.Outcomes[Chapter00.Vpn].Message);
        int vpn = chapter.Exercises.Single(e => e.Name == Chapter00.Vpn).CellIndex;
        Assert.Equal(chapter.StartingCode[vpn], submission.Code[vpn]);
        // The run again reached the checks: the pages answer is there to judge.
        Assert.Contains(submission.Run!.Records!, r => r.Check == Chapter00.Pages);
    }
}
