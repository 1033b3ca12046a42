namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// Makes the submission's gradebook rows: one per check of the source, in the source's order, with its points
/// when it passed, its message (and a note when its check cell was edited) and its hint, then the TOTAL with
/// the notes. The gradebook and each student's feedback file are written from these rows (<see cref="Gradebook"/>).
/// </summary>
internal sealed class RowsStage : IGradingStage
{
    public string Name => "rows";

    public Task RunAsync(Submission submission, GradingContext context)
    {
        var rows = new List<GradeRow>();
        foreach (var check in context.Chapter.Checks)
        {
            var outcome = submission.Outcomes[check.Name];
            string note = submission.EditNotes.TryGetValue(check.Name, out var n) ? $" [{n}]" : "";
            rows.Add(new GradeRow(submission.Student, check.Name, outcome.Passed ? check.Points : 0, check.Points,
                GradingMessages.OneLine(outcome.Message + note), outcome.Hint));
        }
        rows.Add(new GradeRow(submission.Student, Grader.TotalRow, rows.Sum(r => r.Earned), rows.Sum(r => r.Possible),
            GradingMessages.OneLine(string.Join("; ", submission.EditNotes.Values.Distinct()))));
        submission.Grade = new SubmissionGrade(submission.Student, submission.Path, rows);
        return Task.CompletedTask;
    }

    /// <summary>The grade of a submission that was not graded: no points for any check, and the reason in its TOTAL.</summary>
    public static SubmissionGrade NotGraded(Grader.Prepared chapter, Submission submission, string reason)
    {
        var rows = chapter.Checks.Select(c => new GradeRow(submission.Student, c.Name, 0, c.Points, GradingMessages.SeeTotal)).ToList();
        rows.Add(new GradeRow(submission.Student, Grader.TotalRow, 0, chapter.Checks.Sum(c => c.Points), GradingMessages.OneLine(reason)));
        return new SubmissionGrade(submission.Student, submission.Path, rows);
    }
}
