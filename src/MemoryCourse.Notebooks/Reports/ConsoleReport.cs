using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Reports;

/// <summary>
/// The summary <c>memcourse run</c> prints: each notebook as it finishes, one line per cell, and a closing
/// count. A failure line names the notebook, the cell, the line inside the cell and the message. A notebook
/// with exercises also gets a count of its checks and every check that does not hold yet, with its line: a
/// check never fails its cell, so this is where a learner sees how the exercises went.
/// </summary>
public sealed class ConsoleReport(TextWriter output)
{
    private readonly object _gate = new();

    public void NotebookFinished(NotebookRun run)
    {
        lock (_gate)
        {
            string verdict = run.LoadError is not null ? "ERROR" : run.Passed ? "PASS " : "FAIL ";
            output.WriteLine($"{verdict} {run.Name}  ({Seconds(run.Duration)})");
            if (run.LoadError is not null)
            {
                output.WriteLine($"      {run.LoadError}");
                return;
            }
            foreach (var cell in run.Cells)
            {
                if (cell.Status == CellStatus.Text) continue;
                string line = cell.Status switch
                {
                    CellStatus.Passed => $"ok       {Seconds(cell.Duration)}",
                    CellStatus.NotRun => "not run",
                    _ => $"FAILED   {cell.Failure!.Kind}{(cell.Failure.Line > 0 ? $" at line {cell.Failure.Line}" : "")}: {FirstLine(cell.Failure.Message)}",
                };
                output.WriteLine($"      cell {cell.Index,3} [{cell.Kernel}] {line}");
            }
            if (run.Checks.Count > 0)
            {
                output.WriteLine($"      {CheckCount(run.Checks)}");
                foreach (var notYet in run.ChecksNotYet) output.WriteLine($"        cell {notYet.Cell,3}: {notYet.Text}");
            }
            if (run.FirstFailure is not null) output.WriteLine($"      -> {run.Describe()}");
        }
    }

    public void Summary(IReadOnlyList<NotebookRun> runs)
    {
        int passed = runs.Count(r => r.Passed);
        int cells = runs.Sum(r => r.Cells.Count(c => c.Status is CellStatus.Passed or CellStatus.Failed));
        int failedCells = runs.Sum(r => r.Cells.Count(c => c.Status == CellStatus.Failed));
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine($"{Plural.Of(runs.Count, "notebook")}, {Plural.Of(cells, "cell")} run, {failedCells} failed.");
            output.WriteLine($"Notebooks: {passed} passed, {runs.Count - passed} failed");
            var checks = runs.SelectMany(r => r.Checks).ToList();
            if (checks.Count > 0) output.WriteLine(char.ToUpperInvariant(CheckCount(checks)[0]) + CheckCount(checks)[1..]);
        }
    }

    /// <summary>"checks: 5 passed, 2 not yet".</summary>
    public static string CheckCount(IReadOnlyCollection<CheckLine> checks) =>
        $"checks: {checks.Count(c => c.Passed)} passed, {checks.Count(c => !c.Passed)} not yet";

    private static string FirstLine(string s) => s.Split('\n')[0];

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.00} s";
}
