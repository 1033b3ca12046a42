using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Every sentence a gradebook row or a feedback file says about a submission, in one place: what became of
/// an exercise (missing, not solved yet, refused, stopped), why a submission was not graded, and how a failed
/// cell is told to a learner. A row is one line, so the CSV reads well in any tool.
/// </summary>
public static class GradingMessages
{
    /// <summary>An exercise left as its starting code.</summary>
    public const string NotSolved = "not solved yet";

    /// <summary>The row of a check when the whole submission was not graded: its TOTAL says why.</summary>
    public const string SeeTotal = "not graded: see TOTAL";

    public static string Missing(string exercise) => $"exercise '{exercise}' is missing from the submission";

    public static string Unreadable(string problem) => $"the submission could not be read: {problem}";

    public static string CouldNotGrade(Exception e) => $"this submission could not be graded: {e.GetType().Name}: {e.Message}";

    public static string AnotherChapter(string? theirTitle, string title)
    {
        string other = theirTitle is { } t && t != title ? $"'{t}'" : "another chapter";
        return $"this is a submission of {other}, not of '{title}': none of its exercises or checks belong to this chapter";
    }

    public static string Refused(ScreenFinding first, int count, int fileLine) =>
        $"refused before running: {Where(first.Line, fileLine)}: {first.Construct} ({first.Reason}), which an exercise never needs"
        + (count > 1 ? $" (and {count - 1} more)" : "");

    public static string ExerciseStopped(string? failure) => $"your exercise cell was stopped: {failure}";

    public static string CheckStopped(string? failure) => $"checking stopped: {failure}";

    public static string RunDidNotFinish(string? failure) => $"not checked: the run did not finish: {failure}";

    public static string ExerciseFailed(string exercise, CellFailure failure, int fileLine) =>
        $"your exercise cell '{exercise}' failed at {Where(failure.Line, fileLine)}: {FailureWording.Brief(failure)}";

    public const string CheckDeleted = "its check cell was deleted or renamed; graded with the original";

    public const string CheckEdited = "its check cell was edited; graded with the original";

    /// <summary>Where a line of a learner's cell is: the cell's line, and the file's when known.</summary>
    public static string Where(int line, int fileLine) =>
        line <= 0 ? "an unknown line"
        : fileLine > 0 ? $"line {line} of the cell (line {fileLine + line - 1} of your file)"
        : $"line {line} of the cell";

    /// <summary>Gradebook messages stay on one line, so the CSV reads well in any tool.</summary>
    public static string OneLine(string s) =>
        string.Join(" | ", s.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
