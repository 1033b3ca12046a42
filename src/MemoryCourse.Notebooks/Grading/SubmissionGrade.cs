namespace MemoryCourse.Notebooks.Grading;

/// <summary>A graded submission: its rows (one per check of the source, then the total).</summary>
public sealed record SubmissionGrade(string Student, string Path, IReadOnlyList<GradeRow> Rows)
{
    public double Earned => Rows.Where(r => r.Check != Grader.TotalRow).Sum(r => r.Earned);
    public double Possible => Rows.Where(r => r.Check != Grader.TotalRow).Sum(r => r.Possible);
}
