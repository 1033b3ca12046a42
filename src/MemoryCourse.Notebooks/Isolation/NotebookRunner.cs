using System.Diagnostics;
using System.Runtime.InteropServices;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// Runs notebooks, each in its own kernel process (the dotnet-interactive tool, started as VS Code starts
/// it, in the notebook's folder), several at once. A notebook that cannot be read, or whose parameters do
/// not fit, is reported without starting anything; one that loops, exhausts memory or kills its process
/// fails at its own cell, and the others go on.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs the notebooks in parallel; results come back in the order given.</summary>
    public static async Task<IReadOnlyList<NotebookRun>> RunAllAsync(IReadOnlyList<string> paths, RunOptions options, Action<NotebookRun>? onFinished = null)
    {
        var results = new NotebookRun[paths.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            async (i, _) =>
            {
                results[i] = await RunAsync(paths[i], options);
                onFinished?.Invoke(results[i]);
            });
        return results;
    }

    /// <summary>Runs one notebook file in a fresh kernel process.</summary>
    public static async Task<NotebookRun> RunAsync(string path, RunOptions options)
    {
        var clock = Stopwatch.StartNew();
        InteractiveDocument notebook;
        IReadOnlyList<int>? firstLines;
        try
        {
            notebook = NotebookFile.Load(path);
            firstLines = NotebookFile.CellFirstLines(File.ReadAllText(path), path);
        }
        catch (NotebookFormatException e)
        {
            return new NotebookRun(path, null, [], e.Message, clock.Elapsed, null);
        }
        var problems = NotebookParameters.Validate(notebook, path, options.Parameters);
        if (problems.Count > 0) return new NotebookRun(path, null, [], string.Join("; ", problems), clock.Elapsed, null);
        var injected = NotebookParameters.InjectedCode(notebook, options.Parameters);
        var afterCell = injected is null ? null : new Dictionary<int, string> { [NotebookParameters.FindParametersCell(notebook)] = injected };
        return await RunAsync(notebook, path, options, firstLines, afterCell, clock);
    }

    /// <summary>
    /// Runs a notebook held in memory as if it were the file at <paramref name="path"/>, whose folder is
    /// the kernel's working directory.
    /// </summary>
    public static Task<NotebookRun> RunAsync(InteractiveDocument notebook, string path, RunOptions options) =>
        RunAsync(notebook, path, options, null, null, Stopwatch.StartNew());

    private static async Task<NotebookRun> RunAsync(InteractiveDocument notebook, string path, RunOptions options,
        IReadOnlyList<int>? firstLines, IReadOnlyDictionary<int, string>? afterCell, Stopwatch clock)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? tool = options.KernelDll ?? KernelTool.Find();
        if (tool is null || !File.Exists(tool))
            return new NotebookRun(path, null, [], $"{Path.GetFileName(path)} cannot run: {(tool is null ? KernelTool.NotInstalledMessage : $"the kernel {tool} does not exist")}", clock.Elapsed, null);
        var launch = PlainLaunch(tool, directory, options);
        var outcome = await new NotebookExecutor(options).RunAsync(notebook, firstLines, launch, afterCell);
        return new NotebookRun(path, outcome.Executed, outcome.Cells, null, clock.Elapsed, outcome.TimeToFirstResult);
    }

    /// <summary>The kernel started the way VS Code starts it, in <paramref name="directory"/>.</summary>
    internal static KernelLaunch PlainLaunch(string tool, string directory, RunOptions options) =>
        new(DotNetHost(), KernelTool.Arguments(tool, directory), directory, KernelEnvironment(options)) { OutputLimitBytes = options.OutputLimitBytes };

    /// <summary>
    /// The environment of a kernel process. Besides quieting the tool's first-run banner and telemetry, one
    /// setting changes how fast, never what: tiered PGO off, which spends less CPU on instrumenting code
    /// that a short-lived notebook process never runs long enough to profit from. Grading adds a hard
    /// limit on the managed heap, so a memory bomb fails its own cell with an OutOfMemoryException.
    /// The limits in force are handed to the notebook too (<see cref="MemoryCapVariable"/>, <see cref="HeapLimitVariable"/>),
    /// so that a chapter that warns about memory quotes the cap it runs under, not a number written into it.
    /// </summary>
    internal static Dictionary<string, string> KernelEnvironment(RunOptions options)
    {
        var env = new Dictionary<string, string>
        {
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_TieredPGO"] = "0",
        };
        foreach (var (name, value) in options.Environment) env[name] = value;
        env[MemoryCapVariable] = options.MemoryLimitMiB.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (options.ManagedHeapLimit)
        {
            long heapMiB = Math.Max(64, options.MemoryLimitMiB - 512);
            env["DOTNET_GCHeapHardLimit"] = "0x" + (heapMiB << 20).ToString("x");
            env[HeapLimitVariable] = heapMiB.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return env;
    }

    /// <summary>The kernel's environment variable with the memory cap of its process in MiB (<c>--memory</c>).</summary>
    public const string MemoryCapVariable = "MEMCOURSE_MEMORY_CAP_MIB";

    /// <summary>The kernel's environment variable with the hard limit of its managed heap in MiB, when there is one (grading).</summary>
    public const string HeapLimitVariable = "MEMCOURSE_HEAP_LIMIT_MIB";

    /// <summary>The <c>dotnet</c> host of the running runtime, so the kernel runs on the same runtime.</summary>
    internal static string DotNetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string candidate = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(candidate) ? candidate : exe;
    }
}
