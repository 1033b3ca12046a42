using MemoryCourse.Notebooks.Execution;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// The outcome of running one notebook: every cell's result, the executed notebook (cells with their
/// outputs, ready to save as <c>.ipynb</c> or HTML), or the reason it could not be read at all.
/// </summary>
public sealed record NotebookRun(
    string Path,
    InteractiveDocument? Executed,
    IReadOnlyList<CellResult> Cells,
    string? LoadError,
    TimeSpan Duration,
    TimeSpan? TimeToFirstResult)
{
    /// <summary>Read, and no cell failed.</summary>
    public bool Passed => LoadError is null && Cells.All(c => c.Status != CellStatus.Failed);

    /// <summary>The first failing cell, if any.</summary>
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Status == CellStatus.Failed);

    /// <summary>Every line the exercise checks printed, in cell order: how the learner did (see <see cref="CheckLine"/>).</summary>
    public IReadOnlyList<CheckLine> Checks => Cells.SelectMany(CheckLine.In).ToList();

    /// <summary>Checks that do not hold yet.</summary>
    public IEnumerable<CheckLine> ChecksNotYet => Checks.Where(c => !c.Passed);

    /// <summary>The notebook's file name, as reports show it.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>One line naming notebook, cell and line of the first failure, for test output and CI logs.</summary>
    public string Describe()
    {
        if (LoadError is not null) return $"{Name}: not run: {LoadError}";
        var f = FirstFailure;
        if (f is null) return $"{Name}: passed ({Cells.Count(c => c.Status == CellStatus.Passed)} cells)";
        var where = f.Failure!.Line > 0 ? $", line {f.Failure.Line}{(f.FileLine > 0 ? $" (line {f.FileLine + f.Failure.Line - 1} of the file)" : "")}" : "";
        return $"{Name}: cell {f.Index}{where}: {f.Failure.Kind}: {f.Failure.Message}";
    }
}
