namespace MemoryCourse.Notebooks.Grading;

/// <summary>One row of the gradebook: a student's result on one check (or their total), with the check's hint when it failed.</summary>
public sealed record GradeRow(string Student, string Check, double Earned, double Possible, string Message, string? Hint = null);
