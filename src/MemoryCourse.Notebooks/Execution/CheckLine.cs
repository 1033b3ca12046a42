using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// One line an exercise check printed: <c>Passed: what</c> or <c>Not yet: what: the problem. Hint: ...</c>.
/// A check never stops its chapter, so a cell full of wrong answers still passes as a cell; these lines are
/// how a run tells a learner (and a learner's CI) how the exercises went.
/// </summary>
/// <param name="Cell">1-based index of the cell that printed it, as <see cref="CellResult.Index"/> counts.</param>
/// <param name="Passed">The check held.</param>
/// <param name="Text">The whole line, as the learner sees it under the cell.</param>
public sealed record CheckLine(int Cell, bool Passed, string Text)
{
    /// <summary>How a passing check's line starts (see MemoryCourse.Teaching.Checks.Checker).</summary>
    public const string PassedPrefix = "Passed: ";

    /// <summary>How a failing check's line starts.</summary>
    public const string NotYetPrefix = "Not yet: ";

    /// <summary>The check lines among a cell's standard output, in the order they were printed.</summary>
    public static IEnumerable<CheckLine> In(CellResult cell) =>
        cell.Outputs.OfType<TextElement>()
            .Where(t => t.Name is null or "" or "stdout")
            .SelectMany(t => t.Text.Split('\n'))
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith(PassedPrefix, StringComparison.Ordinal) || line.StartsWith(NotYetPrefix, StringComparison.Ordinal))
            .Select(line => new CheckLine(cell.Index, line.StartsWith(PassedPrefix, StringComparison.Ordinal), line));
}
