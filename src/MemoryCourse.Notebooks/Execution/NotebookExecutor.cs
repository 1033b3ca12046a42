using System.Diagnostics;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Runs one notebook's cells, in order, in one kernel process, as VS Code's <i>Run All</i> does: each cell
/// is sent to the kernel it names (markdown is kept, never sent), and its events become its outputs.
/// Around each cell it keeps the course's limits: past the cell timeout, or past the memory cap, the
/// kernel process is stopped and the cell fails with the limit that stopped it; a kernel process that
/// dies fails the cell it was running, with the reason (stack overflow, exit code, crash). After a
/// failure the rest is not run, unless the run continues on errors.
/// </summary>
internal sealed class NotebookExecutor(RunOptions options)
{
    // How often a running cell is looked at (time, memory); a reply ends the wait at once, whatever this is.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    internal static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Extra time for the first cell of each language in a kernel (the first C# cell, the first F# cell, ...):
    /// that language's compiler starts on first use, which on a busy machine can take longer than a cell
    /// should. That is not the cell's doing.
    /// </summary>
    internal static readonly TimeSpan WarmUpAllowance = TimeSpan.FromSeconds(120);

    /// <summary>What running the notebook produced.</summary>
    public sealed record Outcome(IReadOnlyList<CellResult> Cells, InteractiveDocument Executed, TimeSpan? TimeToFirstResult);

    /// <param name="notebook">The parsed notebook.</param>
    /// <param name="firstLines">Each cell's first line in the file, for messages (null for .ipynb).</param>
    /// <param name="launch">How to start the kernel process (plain, or inside a sandbox).</param>
    /// <param name="afterCell">Optional: commands to send right after a cell (0-based index) ran, whose outputs join that cell's.</param>
    /// <param name="started">Optional: this notebook's kernel, already started with <paramref name="launch"/> (see
    /// <see cref="KernelStart"/>); the run takes it over, and stops it when the notebook had nothing to send.</param>
    public async Task<Outcome> RunAsync(InteractiveDocument notebook, IReadOnlyList<int>? firstLines, KernelLaunch launch,
        IReadOnlyDictionary<int, string>? afterCell = null, KernelStart? started = null)
    {
        var clock = Stopwatch.StartNew();
        var outputs = new CellOutputs();
        var results = new List<CellResult>();
        var executed = NotebookFile.CopyCells(notebook);
        TimeSpan? firstResult = null;
        KernelProcess? kernel = null;
        CellFailure? stopped = null; // why the remaining cells do not run
        int executionCount = 0;
        var warmedUp = new HashSet<string>(StringComparer.Ordinal); // the languages whose compiler has started
        try
        {
            for (int i = 0; i < notebook.Elements.Count; i++)
            {
                var cell = notebook.Elements[i];
                var target = executed.Elements[i];
                int fileLine = firstLines is not null && i < firstLines.Count ? firstLines[i] : 0;
                if (cell.KernelName == KernelNames.Markdown)
                {
                    results.Add(new CellResult(i + 1, KernelNames.Markdown, CellStatus.Text, [], null, TimeSpan.Zero) { FileLine = fileLine });
                    continue;
                }
                string kernelName = cell.KernelName ?? KernelNames.CSharp;
                if (stopped is not null)
                {
                    results.Add(CellResult.NotRun(i + 1, kernelName) with { FileLine = fileLine });
                    continue;
                }
                var cellClock = Stopwatch.StartNew();
                var cellOutputs = outputs.BeginCell();
                CellFailure? failure;
                if (KernelNames.RunsInEditor(kernelName))
                    failure = new CellFailure(FailureKind.UnsupportedKernel, 0,
                        $"'{kernelName}' cells run in VS Code's webview, not in the kernel process, so a headless run cannot run them");
                else if (!KernelNames.Known().Contains(kernelName))
                    failure = new CellFailure(FailureKind.UnsupportedKernel, 0,
                        $"there is no '{kernelName}' kernel in Polyglot Notebooks (it has " +
                        $"{string.Join(", ", KernelNames.Known().Select(k => k.Name).Where(n => n != KernelNames.Markdown))})");
                else
                {
                    if (kernel is null)
                    {
                        try { kernel = started is not null ? await started.TakeAsync() : (await KernelProcess.StartAsync(launch, StartTimeout)).Kernel; }
                        catch (KernelStartException e)
                        {
                            stopped = new CellFailure(FailureKind.KernelUnavailable, 0, $"the kernel could not start: {e.Message}");
                            outputs.AddFailure(stopped);
                            results.Add(new CellResult(i + 1, kernelName, CellStatus.Failed, cellOutputs, stopped, cellClock.Elapsed) { FileLine = fileLine });
                            continue;
                        }
                    }
                    failure = await SubmitAsync(kernel, cell.Contents, kernelName, outputs, warmUp: warmedUp.Add(kernelName));
                    if (failure is null && afterCell is not null && afterCell.TryGetValue(i, out var extra))
                    {
                        failure = await SubmitAsync(kernel, extra, KernelNames.CSharp, outputs);
                        if (failure is not null && failure.Kind is FailureKind.CompileError or FailureKind.Exception)
                            failure = failure with
                            {
                                Kind = FailureKind.Parameter,
                                Line = 0,
                                Message = $"setting the parameters ({NotebookParameters.Describe(options.Parameters)}) failed: {failure.Message}",
                            };
                    }
                }
                outputs.EndCell();
                target.ExecutionOrder = ++executionCount;
                if (failure is not null)
                {
                    failure = WithParameters(failure);
                    outputs.AddFailure(failure);
                    if (!options.ContinueOnError || kernel is { HasExited: true }) stopped = failure;
                }
                var status = failure is null ? CellStatus.Passed : CellStatus.Failed;
                results.Add(new CellResult(i + 1, kernelName, status, cellOutputs, failure, cellClock.Elapsed) { FileLine = fileLine });
                firstResult ??= clock.Elapsed;
            }
        }
        finally
        {
            kernel?.Dispose();
            started?.Dispose();
        }
        for (int i = 0; i < results.Count; i++)
            executed.Elements[i].Outputs.AddRange(results[i].Outputs);
        return new Outcome(results, executed, firstResult);
    }

    /// <summary>Sends one cell and watches it: the reply, or the limit or death that ended it first.</summary>
    internal async Task<CellFailure?> SubmitAsync(KernelProcess kernel, string code, string kernelName, CellOutputs outputs, bool warmUp = false)
    {
        var gate = new object();
        var replyTask = kernel.SendAsync(new SubmitCode(code, kernelName), e => { lock (gate) outputs.Add(e); });
        var started = Stopwatch.StartNew();
        var limit = warmUp || kernel.CommandsSent == 1 ? options.CellTimeout + WarmUpAllowance : options.CellTimeout;
        CellFailure? killed = null;
        while (!replyTask.IsCompleted)
        {
            await Task.WhenAny(replyTask, Task.Delay(Poll));
            if (replyTask.IsCompleted) break;
            if (started.Elapsed > limit)
                killed = FailureWording.Timeout(options.CellTimeout);
            else if (ProcessTree.ResidentBytes(kernel.ProcessId) is long rss && rss > (long)options.MemoryLimitMiB << 20)
                killed = FailureWording.MemoryCap(options.MemoryLimitMiB);
            if (killed is null) continue;
            kernel.Kill();
            break;
        }
        var reply = await replyTask;
        if (killed is not null) return killed;
        return reply.Status switch
        {
            KernelReplyStatus.Succeeded => null,
            KernelReplyStatus.Failed => FailureAnalysis.Analyse(reply, code),
            _ => await WhyTheKernelDiedAsync(kernel),
        };
    }

    private static async Task<CellFailure> WhyTheKernelDiedAsync(KernelProcess kernel)
    {
        await kernel.WaitForExitAsync();
        return FailureWording.KernelDied(kernel.OutputLimitExceeded, kernel.StandardErrorTail, kernel.ExitCode);
    }

    // A limit reached with -p given is most likely the parameters' doing: say which they were.
    private CellFailure WithParameters(CellFailure failure) =>
        options.Parameters.Count > 0 && failure.Kind is FailureKind.Timeout or FailureKind.OutOfMemory
            ? failure with { Message = $"{failure.Message}; this run set {NotebookParameters.Describe(options.Parameters)}" }
            : failure;
}
