using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// The exercise convention of the course's notebooks, as the assign and grade commands read it:
/// <list type="bullet">
/// <item>an <b>exercise cell</b> starts with <c>// exercise: NAME</c> and holds the learner's starting code
/// (variables with a neutral value, a method returning a neutral value, and <c>// your answer here</c>);</item>
/// <item>a <b>check cell</b> starts with <c>// check: NAME (N points)</c> and calls <c>Check.*</c>;</item>
/// <item>a check cell may hold <b>hidden checks</b> between <c>// BEGIN HIDDEN CHECKS</c> and
/// <c>// END HIDDEN CHECKS</c>, which the student version leaves out and grading puts back;</item>
/// <item>the chapter ends with a <b>Solutions section</b>: a markdown cell whose first line is
/// <c>## Solutions</c>, then for each exercise a cell starting <c>// solution: NAME</c> holding the whole
/// worked exercise cell. The student version leaves the section out; grading runs the solutions, in place
/// of the starting code, for the expected values.</item>
/// </list>
/// </summary>
public static partial class ExerciseMarkers
{
    public const string BeginHidden = "// BEGIN HIDDEN CHECKS";
    public const string EndHidden = "// END HIDDEN CHECKS";
    public const string SolutionsHeading = "## Solutions";

    [GeneratedRegex(@"^//\s*check:\s*(?<name>[A-Za-z0-9_.\-]+)\s*\((?<points>\d+(\.\d+)?)\s*points?\)\s*$")]
    private static partial Regex CheckHeader();

    [GeneratedRegex(@"^//\s*exercise:\s*(?<name>[A-Za-z0-9_.\-]+)\s*$")]
    private static partial Regex ExerciseHeader();

    [GeneratedRegex(@"^//\s*solution:\s*(?<name>[A-Za-z0-9_.\-]+)\s*$")]
    private static partial Regex SolutionHeader();

    /// <summary>A check cell: its name, the points it is worth, and its position (0-based cell index).</summary>
    public sealed record CheckCell(int CellIndex, string Name, double Points);

    /// <summary>An exercise cell (or a solution cell): its name and position.</summary>
    public sealed record ExerciseCell(int CellIndex, string Name);

    public static CheckCell? AsCheck(InteractiveDocumentElement cell, int index)
    {
        if (cell.KernelName != KernelNames.CSharp) return null;
        var m = CheckHeader().Match(FirstLine(cell.Contents));
        return m.Success
            ? new CheckCell(index, m.Groups["name"].Value, double.Parse(m.Groups["points"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The index of the Solutions heading, or -1 when the notebook has none (a student version).</summary>
    public static int SolutionsStart(InteractiveDocument notebook)
    {
        for (int i = 0; i < notebook.Elements.Count; i++)
            if (notebook.Elements[i].KernelName == KernelNames.Markdown && FirstLine(notebook.Elements[i].Contents) == SolutionsHeading) return i;
        return -1;
    }

    /// <summary>How many cells come before the Solutions section (all of them when there is none).</summary>
    public static int BodyLength(InteractiveDocument notebook) => SolutionsStart(notebook) is var s and >= 0 ? s : notebook.Elements.Count;

    /// <summary>The check cells, in the body of the chapter.</summary>
    public static IReadOnlyList<CheckCell> Checks(InteractiveDocument notebook) =>
        notebook.Elements.Take(BodyLength(notebook)).Select(AsCheck).OfType<CheckCell>().ToList();

    /// <summary>The exercise cells: C# cells of the body whose first line is <c>// exercise: NAME</c>.</summary>
    public static IReadOnlyList<ExerciseCell> Exercises(InteractiveDocument notebook) => Named(notebook, ExerciseHeader(), 0, BodyLength(notebook));

    /// <summary>The solution cells: C# cells of the Solutions section whose first line is <c>// solution: NAME</c>.</summary>
    public static IReadOnlyList<ExerciseCell> Solutions(InteractiveDocument notebook) =>
        SolutionsStart(notebook) is var s and >= 0 ? Named(notebook, SolutionHeader(), s + 1, notebook.Elements.Count) : [];

    private static List<ExerciseCell> Named(InteractiveDocument notebook, Regex header, int from, int to)
    {
        var list = new List<ExerciseCell>();
        for (int i = from; i < to; i++)
        {
            var cell = notebook.Elements[i];
            if (cell.KernelName == KernelNames.CSharp && header.Match(FirstLine(cell.Contents)) is { Success: true } m)
                list.Add(new ExerciseCell(i, m.Groups["name"].Value));
        }
        return list;
    }

    /// <summary>The worked solution of each exercise (by exercise cell index), as an exercise cell: its header says <c>// exercise: NAME</c>.</summary>
    public static IReadOnlyDictionary<int, string> SolutionCode(InteractiveDocument notebook)
    {
        var solutions = Solutions(notebook).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First().CellIndex);
        var code = new Dictionary<int, string>();
        foreach (var exercise in Exercises(notebook))
            if (solutions.TryGetValue(exercise.Name, out int cell))
                code[exercise.CellIndex] = $"// exercise: {exercise.Name}\n" + string.Join("\n", Lines(notebook.Elements[cell].Contents).Skip(1));
        return code;
    }

    /// <summary>The body of the chapter: every cell before the Solutions section (the notebook's metadata kept).</summary>
    public static InteractiveDocument Body(InteractiveDocument notebook) => Truncated(NotebookFile.CopyCells(notebook), BodyLength(notebook));

    /// <summary>The body with each exercise cell's starting code replaced by its worked solution: the chapter as its author solved it.</summary>
    public static InteractiveDocument Solved(InteractiveDocument notebook)
    {
        var solutions = SolutionCode(notebook);
        return Truncated(NotebookFile.CopyCells(notebook, (e, i) => solutions.TryGetValue(i, out var code) ? code : e.Contents), BodyLength(notebook));
    }

    private static InteractiveDocument Truncated(InteractiveDocument copy, int length)
    {
        while (copy.Elements.Count > length) copy.Elements.RemoveAt(copy.Elements.Count - 1);
        return copy;
    }

    /// <summary>Checks the markers pair up and every exercise has its one solution; returns the problems (cell number and what is wrong).</summary>
    public static IReadOnlyList<string> Validate(InteractiveDocument notebook)
    {
        var problems = new List<string>();
        int body = BodyLength(notebook);
        for (int i = 0; i < notebook.Elements.Count; i++)
        {
            var lines = Lines(notebook.Elements[i].Contents).Select(l => l.Trim()).ToList();
            int depth = 0;
            foreach (var l in lines)
            {
                if (l == BeginHidden) depth++;
                else if (l == EndHidden) depth--;
                if (depth is < 0 or > 1) break;
            }
            if (depth != 0) problems.Add($"cell {i + 1}: '{BeginHidden}' and '{EndHidden}' do not pair up");
            if (lines.Contains(BeginHidden) && AsCheck(notebook.Elements[i], i) is null)
                problems.Add($"cell {i + 1}: hidden checks must be inside a check cell (first line '// check: NAME (N points)')");
            if (i < body && notebook.Elements[i].KernelName == KernelNames.CSharp && SolutionHeader().IsMatch(FirstLine(notebook.Elements[i].Contents)))
                problems.Add($"cell {i + 1}: a solution cell must come after the '{SolutionsHeading}' heading, where the learner meets it last");
            if (i >= body && (AsCheck(notebook.Elements[i], i) is not null || ExerciseHeader().IsMatch(FirstLine(notebook.Elements[i].Contents))))
                problems.Add($"cell {i + 1}: exercises and checks belong before the '{SolutionsHeading}' heading");
        }
        var duplicates = Checks(notebook).GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        problems.AddRange(duplicates.Select(d => $"check '{d}' appears more than once"));
        var exercises = Exercises(notebook);
        var solutions = Solutions(notebook);
        problems.AddRange(exercises.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => $"exercise '{g.Key}' appears more than once"));
        problems.AddRange(solutions.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => $"solution '{g.Key}' appears more than once"));
        if (SolutionsStart(notebook) >= 0)
        {
            foreach (var e in exercises.Where(e => solutions.All(s => s.Name != e.Name)))
                problems.Add($"exercise '{e.Name}' (cell {e.CellIndex + 1}) has no solution cell ('// solution: {e.Name}') in the Solutions section");
            foreach (var s in solutions.Where(s => exercises.All(e => e.Name != s.Name)))
                problems.Add($"solution '{s.Name}' (cell {s.CellIndex + 1}) answers no exercise ('// exercise: {s.Name}')");
        }
        return problems;
    }

    internal static string FirstLine(string source) => Lines(source).FirstOrDefault()?.Trim() ?? "";

    internal static string[] Lines(string source) => source.Replace("\r\n", "\n").Split('\n');

    /// <summary>Code as compared for "unchanged": line endings, blank lines and the spaces around each line do not count.</summary>
    public static string Normalize(string s) =>
        string.Join("\n", s.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
