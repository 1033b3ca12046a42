using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// One graded run: the chapter composed with the given exercise code (<see cref="GradedNotebook"/>), run in a
/// fresh kernel inside a fresh sandbox, and read back: the records the check cells wrote under this run's
/// mark, which cells failed, and where the kernel stopped. Only lines carrying the run's mark are records, and
/// only when the last cell confirms how many there were; anything else the run printed is ignored.
/// </summary>
internal static class SandboxedRun
{
    /// <param name="exercises">The code of each exercise cell (by source cell index).</param>
    /// <param name="skippedChecks">Checks not to run (a run again after one of them stopped the kernel).</param>
    /// <param name="learner">A learner's run (no expected value is computed in it); false for the reference run.</param>
    public static async Task<GradedRun> RunAsync(InteractiveDocument source, IReadOnlyDictionary<int, string> exercises,
        IReadOnlyDictionary<string, string> hidden, SandboxedKernels kernels, IReadOnlySet<string> skippedChecks, bool learner)
    {
        string recorder = GradedNotebook.NewRecorderName();
        string mark = GradedNotebook.NewMark();
        var graded = GradedNotebook.Compose(source, exercises, hidden, recorder, mark, learner, skippedChecks);
        var run = kernels.Run;
        var injected = NotebookParameters.InjectedCode(graded.Notebook, run.Parameters);
        var afterCell = injected is null ? null
            : new Dictionary<int, string> { [NotebookParameters.FindParametersCell(graded.Notebook)] = injected };
        NotebookExecutor.Outcome outcome;
        await using (var kernel = kernels.Take())
            outcome = await new NotebookExecutor(run).RunAsync(graded.Notebook, null, kernel.Start.Launch, afterCell, started: kernel.Start);
        return Read(graded, outcome, mark);
    }

    private static GradedRun Read(GradedNotebook graded, NotebookExecutor.Outcome outcome, string mark)
    {
        var checkFailures = new Dictionary<string, string>();
        var checkFailureLines = new Dictionary<string, CellFailure>();
        var exerciseFailures = new Dictionary<int, CellFailure>();
        GradedCell? stoppedAt = null;
        string? failure = null;
        for (int i = 0; i < outcome.Cells.Count; i++)
        {
            var cell = graded.Cells[i];
            if (outcome.Cells[i].Failure is not { } f) continue;
            if (IsFatal(f) && stoppedAt is null)
            {
                stoppedAt = cell;
                failure = FailureWording.Brief(f);
            }
            if (cell.Role == GradedCellRole.Check)
            {
                checkFailures[cell.Name] = FailureWording.Brief(f);
                checkFailureLines[cell.Name] = f;
            }
            if (cell.Role == GradedCellRole.Exercise) exerciseFailures[cell.SourceCell] = f;
            if (cell.Role is GradedCellRole.Chapter or GradedCellRole.RecorderSetup or GradedCellRole.Report && failure is null)
                failure = $"cell {(cell.SourceCell >= 0 ? cell.SourceCell + 1 : i + 1)} of the chapter failed: {FailureWording.Brief(f)}";
        }
        // The records are the marked lines each check cell wrote as it ran; the last cell only says how many
        // there were, so a run that did not get there (or whose lines went missing) has no records at all.
        var written = new List<CheckRecord>();
        var hiddenLines = new Dictionary<string, int>();
        string? unreadable = null;
        for (int i = 0; i < outcome.Cells.Count; i++)
        {
            if (graded.Cells[i].Role != GradedCellRole.Check) continue;
            foreach (var output in outcome.Cells[i].Outputs.OfType<TextElement>().Where(t => t.Name == "stdout"))
                foreach (var line in output.Text.Split('\n'))
                    if (line.StartsWith(mark + ":at:", StringComparison.Ordinal))
                    {
                        if (int.TryParse(line[(mark.Length + 4)..], out int at)) hiddenLines[graded.Cells[i].Name] = at;
                    }
                    else if (line.StartsWith(mark + ":", StringComparison.Ordinal))
                    {
                        try { written.Add(CheckRecord.ReadLine(line[(mark.Length + 1)..])); }
                        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
                        {
                            unreadable ??= "a check's record could not be read";
                        }
                    }
        }
        IReadOnlyList<CheckRecord>? records = null;
        var report = outcome.Cells[^1];
        if (report.Status == CellStatus.Passed && report.Outputs.Select(o => OutputData.Get(o, "text/plain")).LastOrDefault(t => t is not null) is { } text)
        {
            if (text.Trim().Trim('"') == $"{mark}:done:{written.Count}" && unreadable is null) records = written;
            else failure ??= unreadable ?? "the checks' records are incomplete (a check's output was cut or lost)";
        }
        return new GradedRun(records, checkFailures, exerciseFailures, stoppedAt, failure)
        {
            CheckFailureLines = checkFailureLines,
            HiddenLineReached = hiddenLines,
        };
    }

    /// <summary>A failure that ends the kernel (or its run): the cells after it did not run.</summary>
    public static bool IsFatal(CellFailure f) => f.Kind is FailureKind.Timeout or FailureKind.OutOfMemory or FailureKind.StackOverflow
        or FailureKind.ProcessExit or FailureKind.Crash or FailureKind.OutputLimit or FailureKind.KernelUnavailable;
}
