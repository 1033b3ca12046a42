namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// The knobs of the Orinoco scheduling model. Each strategy's extra cost is stated here, so that the
/// total work of a run is the stop-the-world work plus exactly that overhead:
/// <list type="bullet">
/// <item>parallel: <c>W x ParallelFraction x SyncOverheadPerHelper x Helpers</c> (threads synchronising);</item>
/// <item>incremental and idle-time: <c>W x IncrementalOverhead</c> (write barrier, re-visiting objects the program changed);</item>
/// <item>concurrent: <c>W x ConcurrentOverhead</c> (the same, plus synchronising with the running program).</item>
/// </list>
/// The defaults are round numbers of the size V8's authors report, meant for comparing strategies, not
/// for predicting a real pause.
/// </summary>
public sealed record OrinocoOptions
{
    /// <summary>Frames per second of the animation the program draws (Chrome: 60).</summary>
    public double FramesPerSecond { get; init; } = 60;

    /// <summary>Time for one frame: 1000 / 60 = 16.7 ms at 60 fps (the seed rounds it to "about 16 ms").</summary>
    public double FrameBudgetMs => 1000.0 / FramesPerSecond;

    /// <summary>Helper threads that work beside the main thread (parallel) or instead of it (concurrent).</summary>
    public int Helpers { get; init; } = 3;

    /// <summary>Share of a collection that can be split between threads; the rest (e.g. scanning the
    /// stack) is done by the main thread alone.</summary>
    public double ParallelFraction { get; init; } = 0.9;

    /// <summary>Extra parallel work per helper thread, as a share of the parallel part (work stealing, atomics).</summary>
    public double SyncOverheadPerHelper { get; init; } = 0.05;

    /// <summary>Longest incremental step on the main thread.</summary>
    public double IncrementalStepMs { get; init; } = 1.0;

    /// <summary>Program time between two incremental steps.</summary>
    public double IncrementalStepIntervalMs { get; init; } = 5.0;

    /// <summary>Extra work of doing a collection in pieces (incremental and idle-time).</summary>
    public double IncrementalOverhead { get; init; } = 0.10;

    /// <summary>Extra work of doing a collection while the program runs (concurrent).</summary>
    public double ConcurrentOverhead { get; init; } = 0.10;

    /// <summary>Share of the work left for a final pause on the main thread after concurrent marking
    /// (re-scanning the roots). 0 gives the seed's "no stop-the-world time at all".</summary>
    public double ConcurrentFinalPauseFraction { get; init; } = 0.05;

    /// <summary>The model's defaults.</summary>
    public static OrinocoOptions Default => new();

    /// <summary>Checks every value; the message names the property and the value.</summary>
    public OrinocoOptions Validated()
    {
        if (!(FramesPerSecond > 0) || double.IsInfinity(FramesPerSecond)) throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond,
            "frames per second must be a positive number.");
        if (Helpers < 0) throw new ArgumentOutOfRangeException(nameof(Helpers), Helpers, "the number of helper threads must not be negative.");
        if (!(ParallelFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(ParallelFraction), ParallelFraction,
            "the parallel fraction must be between 0 and 1.");
        if (!(SyncOverheadPerHelper >= 0)) throw new ArgumentOutOfRangeException(nameof(SyncOverheadPerHelper), SyncOverheadPerHelper,
            "overhead must not be negative.");
        if (!(IncrementalStepMs > 0)) throw new ArgumentOutOfRangeException(nameof(IncrementalStepMs), IncrementalStepMs,
            "an incremental step must take some time.");
        if (!(IncrementalStepIntervalMs > 0)) throw new ArgumentOutOfRangeException(nameof(IncrementalStepIntervalMs), IncrementalStepIntervalMs,
            "the interval between steps must be positive.");
        if (!(IncrementalOverhead >= 0)) throw new ArgumentOutOfRangeException(nameof(IncrementalOverhead), IncrementalOverhead,
            "overhead must not be negative.");
        if (!(ConcurrentOverhead >= 0)) throw new ArgumentOutOfRangeException(nameof(ConcurrentOverhead), ConcurrentOverhead, "overhead must not be negative.");
        if (!(ConcurrentFinalPauseFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(ConcurrentFinalPauseFraction),
            ConcurrentFinalPauseFraction, "the final-pause fraction must be between 0 and 1.");
        return this;
    }

    /// <summary>Total work (all threads) a strategy spends on a collection of <paramref name="workMs"/>.</summary>
    public double TotalWork(GcStrategy strategy, double workMs) => strategy switch
    {
        GcStrategy.StopTheWorld => workMs,
        GcStrategy.Parallel => workMs * (1 + ParallelFraction * SyncOverheadPerHelper * Helpers),
        GcStrategy.Incremental or GcStrategy.IdleTime => workMs * (1 + IncrementalOverhead),
        GcStrategy.Concurrent => workMs * (1 + ConcurrentOverhead),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy."),
    };

    /// <summary>
    /// The pause of one parallel collection: the serial part on the main thread, then the parallel part
    /// (with its overhead) shared by the main thread and the helpers.
    /// </summary>
    public double ParallelPause(double workMs) =>
        workMs * (1 - ParallelFraction) + workMs * ParallelFraction * (1 + SyncOverheadPerHelper * Helpers) / (Helpers + 1);
}
