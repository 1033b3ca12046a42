using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class GateStageTests
{
    [Fact]
    public async Task Missing_unsolved_and_refused_exercises_run_as_their_starting_code_and_their_checks_are_decided()
    {
        var chapter = Chapter00.Prepared([new CheckRecord(Chapter00.Vpn, "Equal", "the page number", "shift by 12", "524287", null, 0, null)]);
        var answered = Chapter00.Answered(chapter, new Dictionary<string, string>
        {
            [Chapter00.Pages] = "long pagesIn32Bits = System.IO.File.ReadAllText(\"/etc/passwd\").Length;",
        });
        // Drop the offset-of exercise: missing.
        int offsetCell = chapter.Exercises.Single(e => e.Name == Chapter00.Offset).CellIndex;
        var submission = Chapter00.Matched(chapter, new InteractiveDocument(answered.Elements.Where((_, i) => i != offsetCell).ToList()));
        await new GateStage().RunAsync(submission, Chapter00.Context(chapter));

        Assert.All(chapter.Exercises, e => Assert.Equal(chapter.StartingCode[e.CellIndex], submission.Code[e.CellIndex]));
        Assert.StartsWith("refused before running: line 2 of the cell: System.IO.File", submission.Outcomes[Chapter00.Pages].Message);
        Assert.Equal(new CheckOutcome(false, GradingMessages.NotSolved, "shift by 12"), submission.Outcomes[Chapter00.Vpn]);
        Assert.Equal(new CheckOutcome(false, GradingMessages.Missing(Chapter00.Offset)), submission.Outcomes[Chapter00.Offset]);
    }

    [Fact]
    public async Task An_answer_that_passes_the_screen_runs_as_written_and_its_checks_are_left_to_the_judge()
    {
        var chapter = Chapter00.Prepared();
        const string Answer = "long pagesIn32Bits = 1L << 20;";
        var submission = Chapter00.Matched(chapter, Chapter00.Answered(chapter, new Dictionary<string, string> { [Chapter00.Pages] = Answer }));
        await new GateStage().RunAsync(submission, Chapter00.Context(chapter));
        int pages = chapter.Exercises.Single(e => e.Name == Chapter00.Pages).CellIndex;
        Assert.Equal($"// exercise: {Chapter00.Pages}\n{Answer}", submission.Code[pages]);
        Assert.False(submission.Outcomes.ContainsKey(Chapter00.Pages));
    }
}
