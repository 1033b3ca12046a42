using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// Runs notebooks, each in its own worker process, several at once. The parent watches every worker: a
/// cell that runs past the timeout or a process that grows past the memory cap is stopped; a worker that
/// dies (stack overflow, <c>Environment.Exit</c>, a crash) fails its notebook at the cell that was running,
/// with the reason; and the other notebooks go on.
/// </summary>
public static class NotebookRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

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

    /// <summary>Runs one notebook in a fresh worker process.</summary>
    public static async Task<NotebookRun> RunAsync(string path, RunOptions options)
    {
        var clock = Stopwatch.StartNew();
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (NotebookFormatException e)
        {
            return new NotebookRun(path, null, [], e.Message, clock.Elapsed, null);
        }
        var problems = NotebookParameters.Validate(notebook, path, options.Parameters);
        if (problems.Count > 0) return new NotebookRun(path, null, [], string.Join("; ", problems), clock.Elapsed, null);
        return await RunAsync(NotebookParameters.Inject(notebook, options.Parameters), path, options, clock);
    }

    /// <summary>
    /// Runs a notebook held in memory as if it were the file at <paramref name="path"/> (whose folder is the
    /// working directory): how grading runs a submission with the source's checks put back.
    /// </summary>
    public static Task<NotebookRun> RunAsync(Notebook notebook, string path, RunOptions options) =>
        RunAsync(notebook, path, options, Stopwatch.StartNew());

    private static async Task<NotebookRun> RunAsync(Notebook notebook, string path, RunOptions options, Stopwatch clock)
    {
        string jobDir = Directory.CreateTempSubdirectory("memcourse-job-").FullName;
        try
        {
            var job = new WorkerJob(Path.GetFullPath(path), DibFormat.Write(notebook), options.ContinueOnError, Guid.NewGuid().ToString("N"));
            string jobPath = Path.Combine(jobDir, "job.json");
            await File.WriteAllTextAsync(jobPath, JsonSerializer.Serialize(job, WorkerProtocol.Json));
            var watch = await WatchWorkerAsync(job, jobPath, options, clock);
            var cells = Complete(notebook, watch);
            var executed = notebook with
            {
                Cells = notebook.Cells.Select((c, i) => c with { Outputs = i < cells.Count ? cells[i].Outputs : [] }).ToList(),
            };
            string? unreadable = watch.Unreadable;
            return new NotebookRun(path, unreadable is null ? executed : null, unreadable is null ? cells : [], unreadable, clock.Elapsed, watch.FirstResult);
        }
        finally
        {
            try { Directory.Delete(jobDir, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class WorkerWatch
    {
        public readonly Dictionary<int, CellResult> Results = [];
        public int Running;
        public DateTime RunningSince = DateTime.UtcNow;
        public bool Done;
        public int? ExitCalled;
        public CellFailure? KilledBecause;
        public int ProcessExitCode;
        public string Stderr = "";
        public string? Unreadable;
        public TimeSpan? FirstResult;
    }

    private static async Task<WorkerWatch> WatchWorkerAsync(WorkerJob job, string jobPath, RunOptions options, Stopwatch clock)
    {
        var watch = new WorkerWatch();
        var gate = new object();
        var start = new ProcessStartInfo(DotNetHost(), [WorkerAssembly(), "--job", jobPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(job.NotebookPath)!,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // The managed heap's hard limit turns a memory bomb into an OutOfMemoryException in the cell.
        if (options.ManagedHeapLimit)
            start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)options.MemoryLimitMiB << 20).ToString("x");
        start.Environment["DOTNET_TieredPGO"] = "0"; // faster start-up for short-lived workers
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the notebook worker");
        process.StandardInput.Close();
        var stderr = new StringBuilder();
        var stderrTask = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardError.ReadAsync(buffer)) > 0)
                lock (stderr)
                {
                    stderr.Append(buffer, 0, n);
                    if (stderr.Length > 65536) stderr.Remove(0, stderr.Length - 65536); // keep the tail: that is where the reason is
                }
        });
        var stdoutTask = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var e = WorkerProtocol.TryDecode(job.Nonce, line);
                if (e is null) continue;
                lock (gate)
                {
                    switch (e.Type)
                    {
                        case "start": watch.Running = e.Cell; watch.RunningSince = DateTime.UtcNow; break;
                        case "end":
                            watch.Results[e.Cell] = e.Result!;
                            watch.Running = 0;
                            watch.RunningSince = DateTime.UtcNow;
                            if (watch.FirstResult is null && e.Result!.Status != CellStatus.Text) watch.FirstResult = clock.Elapsed;
                            break;
                        case "exit": watch.ExitCalled = e.ExitCode; watch.Running = e.Cell; break;
                        case "unreadable": watch.Unreadable = e.Message; break;
                        case "done": watch.Done = true; break;
                    }
                }
            }
        });

        long rssLimit = ((long)options.MemoryLimitMiB << 20) + (512L << 20); // heap cap plus room for the runtime itself
        while (!process.HasExited)
        {
            await Task.Delay(PollInterval);
            CellFailure? kill = null;
            lock (gate)
            {
                if (DateTime.UtcNow - watch.RunningSince > options.CellTimeout)
                    kill = new CellFailure(FailureKind.Timeout, 0, $"the cell ran longer than the {options.CellTimeout.TotalSeconds:0.#} s timeout and was stopped (an endless loop?)");
                else if (ResidentBytes(process) is long rss && rss > rssLimit)
                    kill = new CellFailure(FailureKind.OutOfMemory, 0, $"the notebook's process grew past its {rssLimit >> 20} MiB memory cap and was stopped");
            }
            if (kill is null) continue;
            lock (gate) watch.KilledBecause = kill;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            break;
        }
        await process.WaitForExitAsync();
        await Task.WhenAll(stdoutTask, stderrTask);
        watch.ProcessExitCode = process.ExitCode;
        lock (stderr) watch.Stderr = stderr.ToString();
        return watch;
    }

    // Every cell gets a result: the worker's, or — for the cell the worker died in — the reason, and "not
    // run" after it. The worker reports every cell it finishes, in order (skipped ones included), so the
    // first cell without a report is the one it was running.
    private static List<CellResult> Complete(Notebook notebook, WorkerWatch watch)
    {
        var results = new List<CellResult>();
        bool died = false;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            int index = i + 1;
            var cell = notebook.Cells[i];
            if (watch.Results.TryGetValue(index, out var r)) { results.Add(r); continue; }
            if (cell.KernelName == KernelNames.Markdown) { results.Add(new CellResult(index, cell.KernelName, CellStatus.Text, [], null, TimeSpan.Zero)); continue; }
            if (!died && !watch.Done)
            {
                var reason = WhyTheWorkerStopped(watch);
                results.Add(new CellResult(index, cell.KernelName, CellStatus.Failed,
                    [CellOutput.Failure(reason.Kind.ToString(), reason.Message)], reason, DateTime.UtcNow - watch.RunningSince));
                died = true;
                continue;
            }
            results.Add(CellResult.NotRun(index, cell.KernelName));
        }
        return results;
    }

    private static CellFailure WhyTheWorkerStopped(WorkerWatch watch)
    {
        if (watch.KilledBecause is { } killed) return killed;
        if (watch.ExitCalled is { } code)
            return new CellFailure(FailureKind.ProcessExit, 0, $"the cell ended the notebook's process with Environment.Exit({code})");
        string tail = watch.Stderr.Trim();
        if (tail.Contains("Stack overflow", StringComparison.Ordinal))
            return new CellFailure(FailureKind.StackOverflow, 0, "stack overflow: the cell recursed too deeply (is there a recursion without a base case?)");
        if (tail.Contains("OutOfMemoryException", StringComparison.Ordinal))
            return new CellFailure(FailureKind.OutOfMemory, 0, "the notebook's process ran out of memory");
        string firstLines = string.Join("\n", tail.Split('\n').Take(5));
        return new CellFailure(FailureKind.Crash, 0, $"the notebook's process exited with code {watch.ProcessExitCode}{(firstLines.Length > 0 ? ": " + firstLines : "")}");
    }

    private static long? ResidentBytes(Process process)
    {
        try
        {
            process.Refresh();
            return process.WorkingSet64;
        }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>The worker: this assembly, next to whichever program (memcourse, a test host) is running it.</summary>
    internal static string WorkerAssembly()
    {
        string local = Path.Combine(AppContext.BaseDirectory, "MemoryCourse.Notebooks.dll");
        return File.Exists(local) ? local : typeof(NotebookRunner).Assembly.Location;
    }

    /// <summary>The <c>dotnet</c> host of the running runtime, so the worker runs on the same runtime.</summary>
    internal static string DotNetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string candidate = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(candidate) ? candidate : exe;
    }
}
