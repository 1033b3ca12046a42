namespace MemoryCourse.Notebooks.Execution;

/// <summary>How notebooks are run: limits per cell and per notebook process, parallelism, parameters.</summary>
/// <param name="CellTimeout">The longest one cell may run before its notebook is stopped (default 60 s).</param>
/// <param name="MemoryLimitMiB">The memory cap of each notebook's process tree: past this resident size the process is stopped, and the
/// failure quotes it. The kernel is told it (<see cref="Kernel.KernelEnvironment.MemoryCapVariable"/>).</param>
/// <param name="Parallelism">How many notebooks run at once (default: the number of cores).</param>
/// <param name="ContinueOnError">Run the remaining cells after a failing one.</param>
/// <param name="Parameters">Values for the parameters cell (<c>-p name=value</c>).</param>
public sealed record RunOptions(
    TimeSpan CellTimeout,
    int MemoryLimitMiB,
    int Parallelism,
    bool ContinueOnError,
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>
    /// Also give the managed heap a hard limit of <see cref="MemoryLimitMiB"/>, so that a memory bomb fails
    /// its own cell with an OutOfMemoryException and later cells still run. Grading wants that; running the
    /// course does not, because the limit changes what the GC reports (a chapter reading
    /// GC.GetGCMemoryInfo would see other numbers than in VS Code).
    /// </summary>
    public bool ManagedHeapLimit { get; init; }

    /// <summary>
    /// The kernel to start (a <c>Microsoft.DotNet.Interactive.App.dll</c>); null: the pinned tool, fast where it is prepared, see
    /// <see cref="Kernel.FastKernel"/>.
    /// </summary>
    public string? KernelDll { get; init; }

    /// <summary>
    /// Where the engine says what it is preparing (the fast kernel, once per machine, with progress) and why
    /// it runs the plain tool instead, one line at a time; null: standard error.
    /// </summary>
    public Action<string>? Progress { get; init; }

    /// <summary>The most a kernel may write back (its events, outputs included) before it is stopped: a flood is not an answer.</summary>
    public long OutputLimitBytes { get; init; } = 256L << 20;

    /// <summary>Grading: the CPU time a submission's kernel may use in all (its own start included).</summary>
    public TimeSpan CpuLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Grading: how many processes and threads a submission's kernel may have at once (the kernel itself needs about 60).</summary>
    public int ProcessLimit { get; init; } = 512;

    /// <summary>Extra environment variables for every kernel process (e.g. a PATH without node, to run the chapters as a machine without it would).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static RunOptions Default { get; } = new(TimeSpan.FromSeconds(60), 2048, System.Environment.ProcessorCount, false, new Dictionary<string, string>());
}
