using System.Diagnostics;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// Runs notebooks, each in its own kernel process (the dotnet-interactive tool, started as VS Code starts
/// it, in the notebook's folder), several at once. A notebook that cannot be read, or whose parameters do
/// not fit, is reported without starting anything; one that loops, exhausts memory or kills its process
/// fails at its own cell, and the others go on. The kernel is the fast one where it is prepared (see
/// <see cref="FastKernel"/>), and while notebooks run, the next notebook's kernel is already starting.
/// </summary>
public static class NotebookRunner
{
    /// <summary>A notebook read and checked, ready to run, or the reason it cannot.</summary>
    private sealed record Plan(
        string Path, InteractiveDocument? Notebook, IReadOnlyList<int>? FirstLines, IReadOnlyDictionary<int, string>? AfterCell, string? Problem);

    /// <summary>
    /// Runs the notebooks in parallel; results come back in the order given. Once a notebook's kernel is
    /// ready, the kernel of the next notebook waiting for its turn starts (one at a time), so that a
    /// notebook finds its kernel ready when a place frees up.
    /// </summary>
    public static async Task<IReadOnlyList<NotebookRun>> RunAllAsync(IReadOnlyList<string> paths, RunOptions options, Action<NotebookRun>? onFinished = null)
    {
        var plans = paths.Select(p => Load(p, options)).ToList();
        var results = new NotebookRun[paths.Count];
        string? tool = plans.Any(p => p.Problem is null) ? await ChooseKernelAsync(options) : null;
        var gate = new object();
        var ahead = new Dictionary<int, KernelStart>();
        int next = 0;

        // The kernel of the first notebook not yet taken by a worker, unless one is already starting ahead.
        void StartAhead()
        {
            lock (gate)
            {
                if (ahead.Count > 0) return;
                for (int j = next; j < plans.Count; j++)
                {
                    if (plans[j].Problem is not null || tool is null || !File.Exists(tool)) continue;
                    ahead[j] = KernelStart.Begin(PlainLaunch(tool, Folder(plans[j].Path), options), NotebookExecutor.StartTimeout);
                    return;
                }
            }
        }

        async Task Worker()
        {
            while (true)
            {
                int i;
                KernelStart? start;
                lock (gate)
                {
                    if (next >= plans.Count) return;
                    i = next++;
                    ahead.Remove(i, out start);
                }
                var plan = plans[i];
                if (plan.Problem is null && tool is not null && File.Exists(tool))
                {
                    start ??= KernelStart.Begin(PlainLaunch(tool, Folder(plan.Path), options), NotebookExecutor.StartTimeout);
                    _ = start.Ready.ContinueWith(_ => StartAhead(), TaskScheduler.Default);
                }
                results[i] = await RunPlanAsync(plan, tool, options, start);
                onFinished?.Invoke(results[i]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(options.Parallelism, plans.Count))).Select(_ => Task.Run(Worker)));
        lock (gate)
            foreach (var left in ahead.Values) left.Dispose();
        return results;
    }

    /// <summary>Runs one notebook file in a fresh kernel process.</summary>
    public static async Task<NotebookRun> RunAsync(string path, RunOptions options)
    {
        var plan = Load(path, options);
        return await RunPlanAsync(plan, plan.Problem is null ? await ChooseKernelAsync(options) : null, options, null);
    }

    /// <summary>
    /// Runs a notebook held in memory as if it were the file at <paramref name="path"/>, whose folder is
    /// the kernel's working directory.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(InteractiveDocument notebook, string path, RunOptions options) =>
        await RunPlanAsync(new Plan(path, notebook, null, null, null), await ChooseKernelAsync(options), options, null);

    /// <summary>
    /// The kernel a run starts: <see cref="RunOptions.KernelDll"/> when set, else the fast kernel (prepared
    /// now if this machine has never run a notebook, see <see cref="FastKernel"/>), else the plain tool.
    /// </summary>
    internal static async Task<string?> ChooseKernelAsync(RunOptions options) =>
        options.KernelDll ?? (await FastKernel.ChooseAsync(options.Progress ?? (line => Console.Error.WriteLine(line)))).Dll;

    private static Plan Load(string path, RunOptions options)
    {
        LoadedNotebook loaded;
        try { loaded = NotebookFile.LoadWithFirstLines(path); }
        catch (NotebookFormatException e) { return new Plan(path, null, null, null, e.Message); }
        var (notebook, firstLines) = loaded;
        var problems = NotebookParameters.Validate(notebook, path, options.Parameters);
        if (problems.Count > 0) return new Plan(path, null, null, null, string.Join("; ", problems));
        var injected = NotebookParameters.InjectedCode(notebook, options.Parameters);
        var afterCell = injected is null ? null : new Dictionary<int, string> { [NotebookParameters.FindParametersCell(notebook)] = injected };
        return new Plan(path, notebook, firstLines, afterCell, null);
    }

    private static async Task<NotebookRun> RunPlanAsync(Plan plan, string? tool, RunOptions options, KernelStart? started)
    {
        var clock = Stopwatch.StartNew();
        string path = plan.Path;
        if (plan.Problem is not null)
            return new NotebookRun(path, null, [], plan.Problem, clock.Elapsed, null);
        if (tool is null || !File.Exists(tool))
        {
            started?.Dispose();
            string why = tool is null ? KernelTool.NotInstalledMessage : $"the kernel {tool} does not exist";
            return new NotebookRun(path, null, [], $"{Path.GetFileName(path)} cannot run: {why}", clock.Elapsed, null);
        }
        var launch = started?.Launch ?? PlainLaunch(tool, Folder(path), options);
        var outcome = await new NotebookExecutor(options).RunAsync(plan.Notebook!, plan.FirstLines, launch, plan.AfterCell, started: started);
        return new NotebookRun(path, outcome.Executed, outcome.Cells, null, clock.Elapsed, outcome.TimeToFirstResult);
    }

    private static string Folder(string path) => Path.GetDirectoryName(Path.GetFullPath(path))!;

    /// <summary>The kernel started the way VS Code starts it, in <paramref name="directory"/>.</summary>
    internal static KernelLaunch PlainLaunch(string tool, string directory, RunOptions options) =>
        new(KernelTool.DotNetHost(), KernelTool.Arguments(tool, directory), directory,
            KernelEnvironment.For(options.MemoryLimitMiB, options.ManagedHeapLimit, options.Environment))
        { OutputLimitBytes = options.OutputLimitBytes };
}
