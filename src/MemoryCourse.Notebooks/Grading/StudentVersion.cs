using System.Text;
using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Makes the student version of a chapter: the chapter without its Solutions section and without hidden
/// checks; every other cell, the exercise cells' starting code included, stays as it was.
/// <see cref="Result.Removed"/> records what was taken out, cell by cell.
/// </summary>
public static class StudentVersion
{
    /// <summary>What one cell lost in the student version (Kind: "solutions" for the Solutions section's cells, "hidden-checks").</summary>
    public sealed record RemovedCell(int Cell, string Kind, string Name, string OriginalSource);

    public sealed record Result(InteractiveDocument Student, IReadOnlyList<RemovedCell> Removed);

    public static Result Make(InteractiveDocument source)
    {
        var removed = new List<RemovedCell>();
        int body = ExerciseMarkers.BodyLength(source);
        var solutions = ExerciseMarkers.Solutions(source).ToDictionary(s => s.CellIndex, s => s.Name);
        for (int i = body; i < source.Elements.Count; i++)
            removed.Add(new RemovedCell(i + 1, "solutions", solutions.TryGetValue(i, out var name) ? name : "", source.Elements[i].Contents));
        var student = NotebookFile.CopyCells(ExerciseMarkers.Body(source), (cell, i) =>
        {
            if (ExerciseMarkers.AsCheck(cell, i) is { } check && cell.Contents.Contains(ExerciseMarkers.BeginHidden))
            {
                removed.Add(new RemovedCell(i + 1, "hidden-checks", check.Name, cell.Contents));
                return WithoutHiddenChecks(cell.Contents);
            }
            return cell.Contents;
        });
        return new Result(student, removed.OrderBy(r => r.Cell).ToList());
    }

    // Drops hidden-check regions whole, markers included.
    private static string WithoutHiddenChecks(string source)
    {
        var output = new StringBuilder();
        bool inside = false;
        foreach (var line in ExerciseMarkers.Lines(source))
        {
            string trimmed = line.Trim();
            if (!inside && trimmed == ExerciseMarkers.BeginHidden) { inside = true; continue; }
            if (inside && trimmed == ExerciseMarkers.EndHidden) { inside = false; continue; }
            if (!inside) output.Append(line).Append('\n');
        }
        return output.ToString().TrimEnd('\n');
    }
}
