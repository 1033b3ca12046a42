using System.Text.RegularExpressions;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// What a C# cell pulls in from outside: the notebooks it <c>#!import</c>s and the assemblies and packages it
/// <c>#r</c>s, as written (relative paths stay relative to the notebook's folder). Grading reads both to know
/// what a submission's scratch folder must hold and what the exercise screen must compile against.
/// </summary>
public static partial class NotebookDirectives
{
    /// <summary>The paths of a cell's <c>#!import</c> lines, quotes removed.</summary>
    public static IEnumerable<string> Imports(string code) =>
        ImportLine().Matches(code).Select(m => m.Groups["path"].Value.Trim().Trim('"'));

    /// <summary>The targets of a cell's <c>#r "..."</c> lines: a path, or <c>nuget:Id, Version</c>.</summary>
    public static IEnumerable<string> References(string code) =>
        ReferenceLine().Matches(code).Select(m => m.Groups["target"].Value);

    [GeneratedRegex(@"^\s*#!import\s+(?<path>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ImportLine();

    [GeneratedRegex(@"^\s*#r\s+""(?<target>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex ReferenceLine();
}
