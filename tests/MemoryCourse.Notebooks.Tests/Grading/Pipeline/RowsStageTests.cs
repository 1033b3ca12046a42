using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class RowsStageTests
{
    [Fact]
    public async Task Rows_follow_the_sources_checks_with_their_points_notes_on_their_own_row_and_a_total()
    {
        var chapter = Chapter00.Prepared();
        var submission = new Submission("alice", "alice.dib") { EditNotes = new Dictionary<string, string> { [Chapter00.Vpn] = GradingMessages.CheckEdited } };
        submission.Outcomes[Chapter00.Offset] = new CheckOutcome(true, "passed");
        submission.Outcomes[Chapter00.Pages] = new CheckOutcome(false, "line one\nline two", "a hint");
        submission.Outcomes[Chapter00.Vpn] = new CheckOutcome(true, "passed");
        await new RowsStage().RunAsync(submission, Chapter00.Context(chapter));
        var rows = submission.Grade!.Rows;
        Assert.Equal([Chapter00.Pages, Chapter00.Vpn, Chapter00.Offset, Grader.TotalRow], rows.Select(r => r.Check));
        Assert.Equal(new GradeRow("alice", Chapter00.Pages, 0, 1, "line one | line two", "a hint"), rows[0]);
        Assert.Equal($"passed [{GradingMessages.CheckEdited}]", rows[1].Message);
        Assert.Equal(new GradeRow("alice", Grader.TotalRow, 3, 4, GradingMessages.CheckEdited), rows[3]);
    }
}
