namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// What triggers a major GC: the old-generation allocation limit, as V8 computes it.
/// <list type="bullet">
/// <item>At start the limit is half the maximum old generation (2048 MiB here). After every scavenge,
/// until the first mark-compact, V8 lowers it to max(old-generation size + 8 MiB, limit x average
/// survival ratio) (ConfigureInitialOldGenerationSize), so a program that keeps little soon gets a limit
/// 8 MiB above its startup heap.</item>
/// <item>When the old generation reaches the limit, marking starts (incrementally); a mark-compact
/// follows when marking is done. (V8 also has a soft limit one new-space size earlier, but it only
/// schedules a task, which a loop that never yields to the event loop never runs.)</item>
/// <item>After a mark-compact the limit becomes max(size x factor, size + 8 MiB) + new space's usable bytes,
/// at most halfway to the maximum, where the factor follows from collector and mutator speeds. When the
/// old generation is within an eighth of its maximum, V8 grows conservatively: the factor is at most 1.3 and the step 2 MiB;
/// after a mark-compact that reduced memory the factor is the minimum, 1.1 (<see cref="HeapGrowingMode"/>).
/// Near the maximum the halfway bound decides: each limit is only half of the room left above the live
/// size, so the mark-compacts come closer and closer together until V8 gives up.</item>
/// </list>
/// </summary>
public sealed class OldGenerationLimit
{
    private const int SurvivalHistory = 10;   // V8's GC tracer keeps the last 10 survival events
    private const double ConservativeGrowingFactor = 1.3;   // V8's kConservativeGrowingFactor
    private readonly HeapOptions _options;
    private readonly Queue<double> _survivalRatios = new();

    internal OldGenerationLimit(HeapOptions options)
    {
        _options = options;
        Limit = _options.MaxOldGenerationSize / 2;
    }

    /// <summary>Old-generation bytes at which the next major GC starts.</summary>
    public long Limit { get; private set; }

    /// <summary>Whether a mark-compact has set the limit from a measured live size yet.</summary>
    public bool Configured { get; private set; }

    /// <summary>The growing factor used by the last mark-compact (0 before the first).</summary>
    public double LastGrowingFactor { get; private set; }

    /// <summary>Average share of new space that survived the recent scavenges (0..1).</summary>
    public double AverageSurvivalRatio => _survivalRatios.Count == 0 ? 0 : _survivalRatios.Average();

    /// <summary>Whether the old generation has reached the limit.</summary>
    public bool IsReached(long oldGenerationBytes) => oldGenerationBytes >= Limit;

    // survivalRatio: what the scavenge kept over V8's new-space size when it began (GcEvent.SurvivalRatio), or
    // null when new space was empty and there is no ratio to record.
    internal void AfterScavenge(double? survivalRatio, long oldGenerationBytes)
    {
        if (survivalRatio is double ratio)
        {
            _survivalRatios.Enqueue(ratio);
            if (_survivalRatios.Count > SurvivalHistory) _survivalRatios.Dequeue();
        }
        if (Configured || _survivalRatios.Count == 0) return;
        long lowered = Math.Max(oldGenerationBytes + _options.MinimumLimitGrowingStep, (long)(Limit * AverageSurvivalRatio));
        if (lowered < Limit) Limit = lowered;
    }

    internal void AfterMarkCompact(long oldGenerationBytes, long newSpaceCapacity, double gcBytesPerMs, double mutatorBytesPerMs,
        HeapGrowingMode mode = HeapGrowingMode.Default)
    {
        // V8's MemoryController::GrowingFactor: the dynamic factor, capped at 1.3 when memory is short and
        // replaced by the minimum factor (1.1) after a memory-reducing mark-compact.
        double factor = mode switch
        {
            HeapGrowingMode.Minimal => _options.MinHeapGrowingFactor,
            HeapGrowingMode.Conservative => Math.Min(GrowingFactor(gcBytesPerMs, mutatorBytesPerMs), ConservativeGrowingFactor),
            _ => GrowingFactor(gcBytesPerMs, mutatorBytesPerMs),
        };
        // MemoryController::MinimumAllocationLimitGrowingStep: 8 MiB, but only 2 MiB when memory is short.
        long step = mode == HeapGrowingMode.Conservative ? _options.MinimumLimitGrowingStep / 4 : _options.MinimumLimitGrowingStep;
        LastGrowingFactor = factor;
        // MemoryController::BoundAllocationLimit: at least the step, plus new space, at most halfway to the maximum.
        long limit = Math.Max((long)(oldGenerationBytes * factor), oldGenerationBytes + step) + newSpaceCapacity;
        long halfway = (oldGenerationBytes + _options.MaxOldGenerationSize) / 2;
        Limit = Math.Min(limit, halfway);
        Configured = true;
    }

    /// <summary>
    /// V8's dynamic heap-growing factor: grow so that marking the next heap costs about 3% of mutator time
    /// (target utilization 0.97). With speed ratio r = gc speed / mutator speed the factor is
    /// r(1-u) / (r(1-u) - u), clamped to [min, max]; when the collector is not fast enough for any factor to
    /// reach the target (denominator below zero) V8 takes the maximum.
    /// </summary>
    public double GrowingFactor(double gcBytesPerMs, double mutatorBytesPerMs)
    {
        double max = _options.MaxHeapGrowingFactor, min = _options.MinHeapGrowingFactor, u = _options.TargetMutatorUtilization;
        if (gcBytesPerMs <= 0 || mutatorBytesPerMs <= 0) return max;
        double r = gcBytesPerMs / mutatorBytesPerMs;
        double a = r * (1 - u);
        double b = a - u;
        double factor = a < b * max ? a / b : max;
        return Math.Clamp(factor, min, max);
    }
}

/// <summary>How much V8 lets the old generation grow after a mark-compact (Heap::CurrentHeapGrowingMode).</summary>
public enum HeapGrowingMode
{
    /// <summary>The dynamic factor, up to the maximum growing factor.</summary>
    Default,
    /// <summary>Within an eighth of the maximum: the factor is at most 1.3.</summary>
    Conservative,
    /// <summary>
    /// After a mark-compact that reduced memory: a quarter of the usual minimum step (2 MiB) and no factor.
    /// (V8's source names a factor of 1.1 here; the node v20 captures at 128 and 256 MiB show the next
    /// mark-compact 2 MiB + new space above the last, which is what the model does.)
    /// </summary>
    Minimal,
}
