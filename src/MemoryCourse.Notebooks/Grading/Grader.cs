using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>One row of the gradebook: a student's result on one check (or their total).</summary>
public sealed record GradeRow(string Student, string Check, double Earned, double Possible, string Message);

/// <summary>A graded submission: its rows (one per check of the source) and its total.</summary>
public sealed record SubmissionGrade(string Student, string Path, IReadOnlyList<GradeRow> Rows)
{
    public double Earned => Rows.Where(r => r.Check != Grader.TotalRow).Sum(r => r.Earned);
    public double Possible => Rows.Where(r => r.Check != Grader.TotalRow).Sum(r => r.Possible);
}

/// <summary>
/// Grades submissions of one chapter against its source. The student owns only the exercise cells: every
/// other cell, and every check with its hidden checks, comes from the source, so a submission whose check
/// cells were deleted, reordered or edited is still graded by the original checks (and the row says what
/// was changed). Each submission runs in its own worker process with the run's time and memory limits, with
/// continue-on-error, so one failing exercise costs only its own checks; a submission that kills its process
/// loses the checks from that cell on, with the reason, and never stops the others.
/// </summary>
public static class Grader
{
    public const string TotalRow = "TOTAL";

    public static async Task<IReadOnlyList<SubmissionGrade>> GradeAsync(string sourcePath, InteractiveDocument source, IReadOnlyList<string> submissions, RunOptions options)
    {
        var students = StudentNames(sourcePath, submissions);
        var grades = new SubmissionGrade[submissions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, submissions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            async (i, _) => grades[i] = await GradeOneAsync(sourcePath, source, students[i], submissions[i], options));
        return grades.OrderBy(g => g.Student, StringComparer.Ordinal).ToList();
    }

    private static async Task<SubmissionGrade> GradeOneAsync(string sourcePath, InteractiveDocument source, string student, string submissionPath, RunOptions options)
    {
        var checks = ExerciseMarkers.Checks(source);
        InteractiveDocument submission;
        try
        {
            submission = NotebookFile.Load(submissionPath);
        }
        catch (NotebookFormatException e)
        {
            return Zero(student, submissionPath, checks, OneLine($"submission could not be read: {e.Problem}"));
        }

        var (graded, notes) = Compose(source, submission);
        // The graded notebook runs from the source's folder, so its #r and #!import paths resolve as in the source.
        var run = await NotebookRunner.RunAsync(graded, sourcePath, options with { ContinueOnError = true, ManagedHeapLimit = true, Parameters = new Dictionary<string, string>() });
        if (run.LoadError is not null) return Zero(student, submissionPath, checks, $"submission could not be run: {run.LoadError}");

        string note = notes.Count > 0 ? " [" + string.Join("; ", notes) + "]" : "";
        var died = run.Cells.FirstOrDefault(c => c.Failure?.Kind is FailureKind.Timeout or FailureKind.OutOfMemory or FailureKind.StackOverflow or FailureKind.ProcessExit or FailureKind.Crash);
        var rows = new List<GradeRow>();
        var exercises = ExerciseMarkers.Exercises(source);
        int previousCheck = -1;
        foreach (var check in checks)
        {
            var cell = run.Cells[check.CellIndex];
            // An exercise that failed before this check is the likely cause; say so first.
            var brokenExercise = exercises.Where(e => e.CellIndex > previousCheck && e.CellIndex < check.CellIndex)
                .Select(e => (e.Name, Result: run.Cells[e.CellIndex]))
                .FirstOrDefault(e => e.Result.Status == CellStatus.Failed && !e.Result.Failure!.Message.Contains("NotSolvedYetException", StringComparison.Ordinal));
            previousCheck = check.CellIndex;
            string cause = brokenExercise.Name is null ? "" : $"exercise '{brokenExercise.Name}' failed: {Explain(brokenExercise.Result.Failure!)}; then ";
            string message = cell.Status switch
            {
                CellStatus.Passed => "passed",
                CellStatus.Failed => cause + Explain(cell.Failure!),
                _ when died is not null => $"not run: the submission's process was stopped in cell {died.Index}: {Explain(died.Failure!)}",
                _ => "not run",
            };
            rows.Add(new GradeRow(student, check.Name, cell.Status == CellStatus.Passed ? check.Points : 0, check.Points, OneLine(message + note)));
        }
        rows.Add(new GradeRow(student, TotalRow, rows.Sum(r => r.Earned), rows.Sum(r => r.Possible), notes.Count > 0 ? string.Join("; ", notes) : ""));
        return new SubmissionGrade(student, submissionPath, rows);
    }

    /// <summary>
    /// The notebook to grade: the source's cells, with each exercise cell taken from the submission (matched
    /// by its declared name, else by order). Also returns what the submission changed outside its exercises.
    /// </summary>
    public static (InteractiveDocument Graded, IReadOnlyList<string> Notes) Compose(InteractiveDocument source, InteractiveDocument submission)
    {
        var notes = new List<string>();
        var sourceExercises = ExerciseMarkers.Exercises(source);
        var submitted = ExerciseMarkers.Exercises(submission);
        var student = StudentVersion.Make(source).Student;
        var cells = source.Elements.Select(e => e.Contents).ToList();
        for (int k = 0; k < sourceExercises.Count; k++)
        {
            var exercise = sourceExercises[k];
            var match = submitted.FirstOrDefault(e => e.Name == exercise.Name && !e.Name.StartsWith("exercise-", StringComparison.Ordinal))
                        ?? (k < submitted.Count && submitted[k].Name.StartsWith("exercise-", StringComparison.Ordinal) == exercise.Name.StartsWith("exercise-", StringComparison.Ordinal) ? submitted[k] : null);
            if (match is null)
            {
                notes.Add($"exercise '{exercise.Name}' is missing from the submission");
                cells[exercise.CellIndex] = student.Elements[exercise.CellIndex].Contents;
                continue;
            }
            cells[exercise.CellIndex] = submission.Elements[match.CellIndex].Contents;
        }

        // What happened to the check cells the student was given.
        var given = ExerciseMarkers.Checks(student);
        var found = ExerciseMarkers.Checks(submission);
        foreach (var check in given)
        {
            var theirs = found.FirstOrDefault(c => c.Name == check.Name);
            if (theirs is null) notes.Add($"check cell '{check.Name}' was deleted or renamed; graded with the original");
            else if (Normalize(submission.Elements[theirs.CellIndex].Contents) != Normalize(student.Elements[check.CellIndex].Contents))
                notes.Add($"check cell '{check.Name}' was edited; graded with the original");
        }
        var order = found.Select(c => c.Name).Where(n => given.Any(g => g.Name == n)).ToList();
        if (!order.SequenceEqual(given.Select(g => g.Name).Where(order.Contains)))
            notes.Add("check cells were reordered; graded in the original order");
        if (submitted.Count == 0 && found.Count == 0)
            notes.Add("the submission has none of this chapter's exercises or checks (another chapter?)");
        return (NotebookFile.CopyCells(source, (_, i) => cells[i]), notes);
    }

    // Gradebook messages stay on one line, so the CSV reads well in any tool.
    private static string OneLine(string s) => string.Join(" | ", s.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    private static string Normalize(string s) => string.Join("\n", s.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()));

    private static string Explain(CellFailure failure)
    {
        if (failure.Message.Contains("NotSolvedYetException", StringComparison.Ordinal)) return "not solved yet";
        string message = failure.Message.Replace("MemoryCourse.Teaching.Checks.CheckFailedException: ", "check failed: ");
        return failure.Line > 0 ? $"{failure.Kind} at line {failure.Line}: {message}" : $"{failure.Kind}: {message}";
    }

    private static SubmissionGrade Zero(string student, string path, IReadOnlyList<ExerciseMarkers.CheckCell> checks, string reason)
    {
        var rows = checks.Select(c => new GradeRow(student, c.Name, 0, c.Points, reason)).ToList();
        rows.Add(new GradeRow(student, TotalRow, 0, checks.Sum(c => c.Points), reason));
        return new SubmissionGrade(student, path, rows);
    }

    /// <summary>
    /// A student's name: the submission's file name, or its folder's name when the file keeps the chapter's
    /// name (submissions/alice/04-heap-fragmentation.dib is alice). Clashes get the folder added.
    /// </summary>
    public static IReadOnlyList<string> StudentNames(string sourcePath, IReadOnlyList<string> submissions)
    {
        string sourceStem = Path.GetFileNameWithoutExtension(sourcePath);
        var names = submissions.Select(s =>
        {
            string stem = Path.GetFileNameWithoutExtension(s);
            return stem == sourceStem ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(s))) ?? stem : stem;
        }).ToList();
        for (int i = 0; i < names.Count; i++)
            if (names.Count(n => n == names[i]) > 1)
                names[i] = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(submissions[i])))}/{Path.GetFileName(submissions[i])}";
        return names;
    }
}
