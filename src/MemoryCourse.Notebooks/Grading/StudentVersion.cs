using System.Text;
using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Makes the student version of a chapter: each solution region is replaced by a line that throws
/// <c>NotSolvedYetException</c> (a friendly "not solved yet" when run), hidden checks are taken out, and
/// every other cell stays as it was. <see cref="Result.Removed"/> records what was taken out, cell by cell.
/// </summary>
public static class StudentVersion
{
    /// <summary>What a solution region becomes: a line that fails with "not solved yet" (the start of it, without the exercise's name).</summary>
    public const string Placeholder = "throw new MemoryCourse.Teaching.Checks.NotSolvedYetException(";

    /// <summary>What one cell lost in the student version.</summary>
    public sealed record RemovedCell(int Cell, string Kind, string Name, string OriginalSource);

    public sealed record Result(InteractiveDocument Student, IReadOnlyList<RemovedCell> Removed);

    public static Result Make(InteractiveDocument source)
    {
        var exercises = ExerciseMarkers.Exercises(source).ToDictionary(e => e.CellIndex, e => e.Name);
        var removed = new List<RemovedCell>();
        var student = NotebookFile.CopyCells(source, (cell, i) =>
        {
            if (exercises.TryGetValue(i, out var name))
            {
                removed.Add(new RemovedCell(i + 1, "solution", name, cell.Contents));
                return ReplaceRegions(cell.Contents, ExerciseMarkers.BeginSolution, ExerciseMarkers.EndSolution,
                    indent => $"{indent}{Placeholder}\"{name}\");");
            }
            if (ExerciseMarkers.AsCheck(cell, i) is { } check && cell.Contents.Contains(ExerciseMarkers.BeginHidden))
            {
                removed.Add(new RemovedCell(i + 1, "hidden-checks", check.Name, cell.Contents));
                return ReplaceRegions(cell.Contents, ExerciseMarkers.BeginHidden, ExerciseMarkers.EndHidden, null);
            }
            return cell.Contents;
        });
        return new Result(student, removed);
    }

    // Keeps the marker lines of a solution (students write between them) and drops hidden-check regions whole.
    private static string ReplaceRegions(string source, string begin, string end, Func<string, string>? placeholder)
    {
        var output = new StringBuilder();
        bool inside = false;
        foreach (var line in ExerciseMarkers.Lines(source))
        {
            string trimmed = line.Trim();
            if (!inside && trimmed == begin)
            {
                inside = true;
                if (placeholder is not null)
                {
                    output.Append(line).Append('\n');
                    output.Append(placeholder(line[..(line.Length - line.TrimStart().Length)])).Append('\n');
                }
                continue;
            }
            if (inside && trimmed == end)
            {
                inside = false;
                if (placeholder is not null) output.Append(line).Append('\n');
                continue;
            }
            if (!inside) output.Append(line).Append('\n');
        }
        return output.ToString().TrimEnd('\n');
    }
}
