using System.Security.Cryptography;
using System.Text;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Reports;

/// <summary>
/// One test case per executable cell (and one per unreadable notebook), and one per line an exercise check
/// printed, the shape both the JUnit and the TRX report are written from. A check that does not hold yet is a
/// failure when <c>checksMustPass</c> (a learner's CI), else not executed (skipped) with its line as the
/// message: the course's own chapters keep their exercises unsolved. Names are stable across runs, so CI can
/// follow a cell's or a check's history.
/// </summary>
public sealed record TestCase(string Suite, string Name, string Outcome, TimeSpan Duration, string? Message)
{
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string NotExecuted = "NotExecuted";

    public static IReadOnlyList<TestCase> From(IReadOnlyList<NotebookRun> runs, bool checksMustPass = false)
    {
        var cases = new List<TestCase>();
        foreach (var run in runs)
        {
            string suite = Path.GetFileNameWithoutExtension(run.Path);
            if (run.LoadError is not null)
            {
                cases.Add(new TestCase(suite, "load", Failed, run.Duration, $"{run.Name}: {run.LoadError}"));
                continue;
            }
            foreach (var cell in run.Cells.Where(c => c.Status != CellStatus.Text))
            {
                string outcome = cell.Status switch { CellStatus.Passed => Passed, CellStatus.Failed => Failed, _ => NotExecuted };
                string? message = cell.Failure is { } f
                    ? $"{run.Name}, cell {cell.Index}{(f.Line > 0 ? $", line {f.Line}" : "")}: {f.Kind}: {f.Message}"
                    : cell.Status == CellStatus.NotRun ? "not run: an earlier cell failed" : null;
                cases.Add(new TestCase(suite, $"cell {cell.Index:00} ({cell.Kernel})", outcome, cell.Duration, message));
            }
            foreach (var cell in run.Checks.GroupBy(c => c.Cell))
                foreach (var (check, k) in cell.Select((c, k) => (c, k + 1)))
                {
                    var checkOutcome = check.Passed ? Passed : checksMustPass ? Failed : NotExecuted;
                    string? checkMessage = check.Passed ? null : $"{run.Name}, cell {check.Cell}: {check.Text}";
                    cases.Add(new TestCase(suite, $"cell {check.Cell:00} check {k}", checkOutcome, TimeSpan.Zero, checkMessage));
                }
        }
        return cases;
    }

    /// <summary>A GUID derived from text, so ids in reports are the same on every run.</summary>
    public static Guid StableId(string text) => new(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
