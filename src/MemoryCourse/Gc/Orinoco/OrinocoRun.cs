namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// One workload run under one strategy: every GC pause on the main thread, every stretch of helper-thread
/// work, every frame, and the summary figures a notebook plots (pause distribution, mutator utilization,
/// missed frames).
/// </summary>
public sealed record OrinocoRun(
    GcStrategy Strategy,
    OrinocoOptions Options,
    IReadOnlyList<GcPause> Pauses,
    IReadOnlyList<HelperSlice> HelperWork,
    IReadOnlyList<FrameRecord> Frames)
{
    /// <summary>Program work (the same under every strategy).</summary>
    public double MutatorMs => Frames.Sum(f => f.MutatorMs);

    /// <summary>GC work on the main thread, idle slices included (waiting for helpers is not work).</summary>
    public double MainThreadGcMs => Pauses.Where(p => p.IsWork).Sum(p => p.DurationMs);

    /// <summary>Time GC stopped the program: pauses and waits, idle slices excluded.</summary>
    public double BlockingGcMs => Pauses.Where(p => p.Blocking).Sum(p => p.DurationMs);

    /// <summary>GC work on helper threads.</summary>
    public double HelperGcMs => HelperWork.Sum(h => h.DurationMs);

    /// <summary>All GC work, every thread: the stop-the-world work plus the strategy's overhead.</summary>
    public double TotalGcWorkMs => MainThreadGcMs + HelperGcMs;

    /// <summary>Wall-clock time until the last frame and the last collection were done.</summary>
    public double WallMs => Math.Max(Frames.Count == 0 ? 0 : Frames[^1].DoneMs, Pauses.Count == 0 ? 0 : Pauses.Max(p => p.EndMs));

    /// <summary>
    /// Mutator utilization: the share of the time the program wanted the main thread that it got,
    /// program / (program + blocking GC). 1 means GC never got in the way. V8 prints the same idea as
    /// "mu" in --trace-gc lines.
    /// </summary>
    public double MutatorUtilization => MutatorMs + BlockingGcMs == 0 ? 1 : MutatorMs / (MutatorMs + BlockingGcMs);

    /// <summary>The longest blocking pause (0 when there was none).</summary>
    public double MaxPauseMs => Pauses.Where(p => p.Blocking).Select(p => p.DurationMs).DefaultIfEmpty(0).Max();

    /// <summary>Frames not ready by their deadline.</summary>
    public int FramesMissed => Frames.Count(f => f.Missed);

    /// <summary>The blocking pause durations, shortest first: the pause-time distribution.</summary>
    public IReadOnlyList<double> PauseDurations() => Pauses.Where(p => p.Blocking).Select(p => p.DurationMs).OrderBy(d => d).ToList();

    /// <summary>The <paramref name="percent"/>th percentile of the blocking pauses (nearest rank; 0 when none).</summary>
    public double PausePercentile(double percent)
    {
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is between 0 and 100.");
        var d = PauseDurations();
        if (d.Count == 0) return 0;
        int rank = Math.Max(1, (int)Math.Ceiling(percent / 100 * d.Count));
        return d[rank - 1];
    }

    /// <summary>Blocking pauses counted in buckets of <paramref name="bucketMs"/>: (bucket start, count), for a histogram.</summary>
    public IReadOnlyList<(double FromMs, int Count)> PauseHistogram(double bucketMs)
    {
        if (!(bucketMs > 0)) throw new ArgumentOutOfRangeException(nameof(bucketMs), bucketMs, "bucket width must be positive.");
        return PauseDurations().GroupBy(d => Math.Floor(d / bucketMs)).OrderBy(g => g.Key)
            .Select(g => (g.Key * bucketMs, g.Count())).ToList();
    }

    /// <summary>
    /// Minimum mutator utilization for windows of <paramref name="windowMs"/>: over every stretch of that
    /// length in the run, the smallest share not taken by blocking GC. 0 means some pause is at least that
    /// long; a curve of it over window sizes shows how bursty the pauses are. O(pauses x log pauses).
    /// </summary>
    public double MinimumMutatorUtilization(double windowMs)
    {
        if (!(windowMs > 0)) throw new ArgumentOutOfRangeException(nameof(windowMs), windowMs, "window must be positive.");
        var pauses = Pauses.Where(p => p.Blocking && p.DurationMs > 0).OrderBy(p => p.StartMs).ToList();
        double wall = WallMs;
        if (pauses.Count == 0) return 1;
        if (windowMs >= wall) return Math.Max(0, 1 - BlockingGcMs / wall);
        var starts = pauses.Select(p => p.StartMs).ToArray();
        var prefix = new double[pauses.Count + 1];
        for (int i = 0; i < pauses.Count; i++) prefix[i + 1] = prefix[i] + pauses[i].DurationMs;

        // Blocking GC time in [0, x].
        double GcBefore(double x)
        {
            int lo = 0, hi = pauses.Count;        // first pause starting at or after x
            while (lo < hi) { int mid = (lo + hi) / 2; if (starts[mid] < x) lo = mid + 1; else hi = mid; }
            double total = prefix[lo];
            if (lo > 0) total -= Math.Max(0, pauses[lo - 1].EndMs - x);   // the pause straddling x counts only up to x
            return total;
        }

        double worst = 1;
        foreach (var p in pauses)
            foreach (double a in new[] { p.StartMs, p.EndMs - windowMs })
            {
                double start = Math.Clamp(a, 0, wall - windowMs);
                double gc = GcBefore(start + windowMs) - GcBefore(start);
                worst = Math.Min(worst, 1 - gc / windowMs);
            }
        return Math.Max(0, worst);
    }

    /// <summary>One row for a comparison table.</summary>
    public OrinocoSummary Summary() => new(Strategy, Pauses.Count(p => p.Blocking), MaxPauseMs, PausePercentile(50), PausePercentile(99),
        BlockingGcMs, Pauses.Where(p => !p.Blocking).Sum(p => p.DurationMs), HelperGcMs, TotalGcWorkMs, MutatorUtilization,
        MinimumMutatorUtilization(Options.FrameBudgetMs), FramesMissed);
}

/// <summary>A strategy's run in one row: pauses, where the GC work went, utilization and missed frames.</summary>
public sealed record OrinocoSummary(
    GcStrategy Strategy,
    int Pauses,
    double MaxPauseMs,
    double MedianPauseMs,
    double P99PauseMs,
    double BlockingGcMs,
    double IdleGcMs,
    double HelperGcMs,
    double TotalGcWorkMs,
    double MutatorUtilization,
    double MmuPerFrame,
    int FramesMissed);
