using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>What happened to a cell.</summary>
public enum CellStatus
{
    /// <summary>The cell ran (or, for markdown, was kept) without error.</summary>
    Passed,
    /// <summary>The cell failed: see <see cref="CellFailure"/>.</summary>
    Failed,
    /// <summary>An earlier cell failed, so this one was not run.</summary>
    NotRun,
    /// <summary>A markdown cell: kept, nothing to run.</summary>
    Text,
}

/// <summary>Why a cell failed, in the terms a report and a test name use.</summary>
public enum FailureKind
{
    CompileError,
    Exception,
    Timeout,
    OutOfMemory,
    StackOverflow,
    ProcessExit,
    Crash,
    /// <summary>The cell names a kernel that cannot run here (one that lives in the editor, or none at all).</summary>
    UnsupportedKernel,
    /// <summary>A magic command (<c>#!import</c>, <c>#r</c>, an unknown <c>#!</c> line) failed.</summary>
    MagicCommand,
    /// <summary>A parameter given with <c>-p</c> does not fit its declaration.</summary>
    Parameter,
    /// <summary>The cell wrote more output than the run allows.</summary>
    OutputLimit,
    /// <summary>The kernel process could not be started or vanished (the tool is missing, or crashed outside any cell).</summary>
    KernelUnavailable,
}

/// <summary>A cell's failure: what kind, the 1-based line inside the cell (0 when unknown) and the message.</summary>
public sealed record CellFailure(FailureKind Kind, int Line, string Message);

/// <summary>The outcome of one cell: its status, outputs, failure (if any) and how long it took.</summary>
/// <param name="Index">1-based position of the cell in the notebook, counted as the learner's file counts it.</param>
public sealed record CellResult(
    int Index, string Kernel, CellStatus Status, IReadOnlyList<InteractiveDocumentOutputElement> Outputs, CellFailure? Failure, TimeSpan Duration)
{
    /// <summary>The line of the notebook file on which the cell's first line stands (0 for an .ipynb).</summary>
    public int FileLine { get; init; }

    public static CellResult NotRun(int index, string kernel) => new(index, kernel, CellStatus.NotRun, [], null, TimeSpan.Zero);
}
