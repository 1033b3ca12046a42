using System.Text;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Makes the student version of a chapter: each solution region is replaced by a line that throws
/// <c>NotSolvedYetException</c> (a friendly "not solved yet" when run), hidden checks are taken out, and
/// every other byte stays as it was. <see cref="Removed"/> records what was taken out, cell by cell.
/// </summary>
public static class StudentVersion
{
    /// <summary>What one cell lost in the student version.</summary>
    public sealed record RemovedCell(int Cell, string Kind, string Name, string OriginalSource);

    public sealed record Result(Notebook Student, IReadOnlyList<RemovedCell> Removed);

    public static Result Make(Notebook source)
    {
        var exercises = ExerciseMarkers.Exercises(source).ToDictionary(e => e.CellIndex, e => e.Name);
        var removed = new List<RemovedCell>();
        var cells = source.Cells.ToList();
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (exercises.TryGetValue(i, out var name))
            {
                cells[i] = cell with { Source = ReplaceRegions(cell.Source, ExerciseMarkers.BeginSolution, ExerciseMarkers.EndSolution,
                    indent => $"{indent}throw new MemoryCourse.Teaching.Checks.NotSolvedYetException(\"{name}\");") };
                removed.Add(new RemovedCell(i + 1, "solution", name, cell.Source));
            }
            else if (ExerciseMarkers.AsCheck(cell, i) is { } check && cell.Source.Contains(ExerciseMarkers.BeginHidden))
            {
                cells[i] = cell with { Source = ReplaceRegions(cell.Source, ExerciseMarkers.BeginHidden, ExerciseMarkers.EndHidden, null) };
                removed.Add(new RemovedCell(i + 1, "hidden-checks", check.Name, cell.Source));
            }
        }
        return new Result(source with { Cells = cells }, removed);
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
