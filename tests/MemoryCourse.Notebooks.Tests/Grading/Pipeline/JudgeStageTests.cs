using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class JudgeStageTests
{
    private static readonly CheckRecord[] Reference =
    [
        new(Chapter00.Pages, "Equal", "pages", "2^32 / 2^12", "1048576", null, 0, null),
        new(Chapter00.Vpn, "Equal", "vpn", "shift by 12", "524287", null, 0, null),
        new(Chapter00.Offset, "Equal", "offset", "mask", "291", null, 0, null),
    ];

    private static GradedRun Run(IReadOnlyList<CheckRecord>? records, Dictionary<int, CellFailure>? exerciseFailures = null) =>
        new(records, new Dictionary<string, string>(), exerciseFailures ?? [], null, records is null ? "it ran past the time limit" : null);

    [Fact]
    public async Task A_check_passes_when_the_learners_value_is_the_references_and_fails_with_the_hint_when_not()
    {
        var chapter = Chapter00.Prepared(Reference);
        var submission = new Submission("alice", "alice.dib")
        {
            Run = Run([
                new(Chapter00.Pages, "Equal", "pages", null, null, "1048576", 0, null),
                new(Chapter00.Vpn, "Equal", "vpn", null, null, "7", 0, null),
                new(Chapter00.Offset, "Equal", "offset", null, null, "291", 0, null),
            ]),
        };
        await new JudgeStage().RunAsync(submission, Chapter00.Context(chapter));
        Assert.True(submission.Outcomes[Chapter00.Pages].Passed);
        Assert.True(submission.Outcomes[Chapter00.Offset].Passed);
        Assert.False(submission.Outcomes[Chapter00.Vpn].Passed);
        Assert.Equal("shift by 12", submission.Outcomes[Chapter00.Vpn].Hint);
    }

    [Fact]
    public async Task A_check_decided_by_an_earlier_stage_is_left_as_it_was_and_a_run_without_records_checks_nothing()
    {
        var chapter = Chapter00.Prepared(Reference);
        var submission = new Submission("bob", "bob.dib") { Run = Run(null) };
        submission.Outcomes[Chapter00.Pages] = new CheckOutcome(false, GradingMessages.NotSolved);
        await new JudgeStage().RunAsync(submission, Chapter00.Context(chapter));
        Assert.Equal(GradingMessages.NotSolved, submission.Outcomes[Chapter00.Pages].Message);
        Assert.Equal("not checked: the run did not finish: it ran past the time limit", submission.Outcomes[Chapter00.Vpn].Message);
    }

    [Fact]
    public async Task A_failed_exercise_is_named_before_its_checks_verdict_with_its_file_line()
    {
        var chapter = Chapter00.Prepared(Reference);
        int vpnCell = chapter.Exercises.Single(e => e.Name == Chapter00.Vpn).CellIndex;
        var submission = new Submission("carol", "carol.dib")
        {
            Run = Run([
                new(Chapter00.Pages, "Equal", "pages", null, null, "1048576", 0, null),
                new(Chapter00.Vpn, "Equal", "vpn", null, null, "0", 0, null),
                new(Chapter00.Offset, "Equal", "offset", null, null, "291", 0, null),
            ], new Dictionary<int, CellFailure> { [vpnCell] = new(FailureKind.Exception, 2, "System.DivideByZeroException: Attempted to divide by zero.") }),
        };
        submission.FileLines[vpnCell] = 40;
        await new JudgeStage().RunAsync(submission, Chapter00.Context(chapter));
        Assert.StartsWith($"your exercise cell '{Chapter00.Vpn}' failed at line 2 of the cell (line 41 of your file):",
            submission.Outcomes[Chapter00.Vpn].Message);
        Assert.Contains("; then ", submission.Outcomes[Chapter00.Vpn].Message);
    }
}
