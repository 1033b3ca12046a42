using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// The exercise convention of the course's notebooks, as the assign and grade commands read it:
/// <list type="bullet">
/// <item>an <b>exercise cell</b> holds a solution region, whole statements between <c>// BEGIN SOLUTION</c>
/// and <c>// END SOLUTION</c>; it may name itself on its first line with <c>// exercise: NAME</c>;</item>
/// <item>a <b>check cell</b> starts with <c>// check: NAME (N points)</c> and calls <c>Check.*</c>;</item>
/// <item>a check cell may hold <b>hidden checks</b> between <c>// BEGIN HIDDEN CHECKS</c> and
/// <c>// END HIDDEN CHECKS</c>, which the student version leaves out and grading puts back.</item>
/// </list>
/// </summary>
public static partial class ExerciseMarkers
{
    public const string BeginSolution = "// BEGIN SOLUTION";
    public const string EndSolution = "// END SOLUTION";
    public const string BeginHidden = "// BEGIN HIDDEN CHECKS";
    public const string EndHidden = "// END HIDDEN CHECKS";

    [GeneratedRegex(@"^//\s*check:\s*(?<name>[A-Za-z0-9_.\-]+)\s*\((?<points>\d+(\.\d+)?)\s*points?\)\s*$")]
    private static partial Regex CheckHeader();

    [GeneratedRegex(@"^//\s*exercise:\s*(?<name>[A-Za-z0-9_.\-]+)\s*$")]
    private static partial Regex ExerciseHeader();

    /// <summary>A check cell: its name, the points it is worth, and its position (0-based cell index).</summary>
    public sealed record CheckCell(int CellIndex, string Name, double Points);

    /// <summary>An exercise cell: its name (declared, or "exercise-K" by order) and position.</summary>
    public sealed record ExerciseCell(int CellIndex, string Name);

    public static CheckCell? AsCheck(InteractiveDocumentElement cell, int index)
    {
        if (cell.KernelName != KernelNames.CSharp) return null;
        var m = CheckHeader().Match(FirstLine(cell.Contents));
        return m.Success ? new CheckCell(index, m.Groups["name"].Value, double.Parse(m.Groups["points"].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    public static bool HasSolution(InteractiveDocumentElement cell) =>
        cell.KernelName == KernelNames.CSharp && Lines(cell.Contents).Any(l => l.Trim() == BeginSolution);

    public static IReadOnlyList<CheckCell> Checks(InteractiveDocument notebook) =>
        notebook.Elements.Select(AsCheck).OfType<CheckCell>().ToList();

    /// <summary>
    /// The exercise cells: those with a solution region, or (in a submission whose markers were deleted)
    /// those that still carry their <c>// exercise: NAME</c> first line.
    /// </summary>
    public static IReadOnlyList<ExerciseCell> Exercises(InteractiveDocument notebook)
    {
        var list = new List<ExerciseCell>();
        for (int i = 0; i < notebook.Elements.Count; i++)
        {
            var cell = notebook.Elements[i];
            var m = ExerciseHeader().Match(FirstLine(cell.Contents));
            if (!HasSolution(cell) && !(cell.KernelName == KernelNames.CSharp && m.Success)) continue;
            list.Add(new ExerciseCell(i, m.Success ? m.Groups["name"].Value : $"exercise-{list.Count + 1}"));
        }
        return list;
    }

    /// <summary>Checks the markers pair up in every cell; returns the problems (cell number and what is wrong).</summary>
    public static IReadOnlyList<string> Validate(InteractiveDocument notebook)
    {
        var problems = new List<string>();
        for (int i = 0; i < notebook.Elements.Count; i++)
        {
            var lines = Lines(notebook.Elements[i].Contents).Select(l => l.Trim()).ToList();
            foreach (var (begin, end) in new[] { (BeginSolution, EndSolution), (BeginHidden, EndHidden) })
            {
                int depth = 0;
                foreach (var l in lines)
                {
                    if (l == begin) depth++;
                    else if (l == end) depth--;
                    if (depth is < 0 or > 1) break;
                }
                if (depth != 0) problems.Add($"cell {i + 1}: '{begin}' and '{end}' do not pair up");
            }
            if (lines.Contains(BeginHidden) && AsCheck(notebook.Elements[i], i) is null)
                problems.Add($"cell {i + 1}: hidden checks must be inside a check cell (first line '// check: NAME (N points)')");
        }
        var duplicates = Checks(notebook).GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        problems.AddRange(duplicates.Select(d => $"check '{d}' appears more than once"));
        return problems;
    }

    internal static string FirstLine(string source) => Lines(source).FirstOrDefault()?.Trim() ?? "";

    internal static string[] Lines(string source) => source.Replace("\r\n", "\n").Split('\n');
}
