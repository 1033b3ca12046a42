namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// The "mu" of V8's <c>--trace-gc</c> lines: the share of time the program (the mutator) ran between two
/// mark-compacts. Each mark-compact after the first gives a current value, (time since the previous
/// mark-compact ended - its own pause) / time since the previous mark-compact ended; the average keeps
/// halving the weight of older cycles (V8's GCTracer::RecordMutatorUtilization). Both are 1 until a
/// second mark-compact ran. Scavenge pauses count as program time here, as in V8.
/// </summary>
public sealed class MutatorUtilization
{
    private double? _previousEndMs;
    private double _averageMarkCompactMs;
    private double _averageMutatorMs;

    /// <summary>The last cycle's utilization (0..1).</summary>
    public double Current { get; private set; } = 1;

    /// <summary>The running average V8 uses to detect ineffective mark-compacts (0..1).</summary>
    public double Average => _averageMarkCompactMs + _averageMutatorMs == 0 ? 1 : _averageMutatorMs / (_averageMutatorMs + _averageMarkCompactMs);

    internal void RecordMarkCompact(double endMs, double pauseMs)
    {
        if (_previousEndMs is not double previous)
        {
            _previousEndMs = endMs;
            return;
        }
        double total = endMs - previous;
        double mutator = total - pauseMs;
        if (_averageMarkCompactMs == 0 && _averageMutatorMs == 0)
        {
            _averageMarkCompactMs = pauseMs;
            _averageMutatorMs = mutator;
        }
        else
        {
            _averageMarkCompactMs = (_averageMarkCompactMs + pauseMs) / 2;
            _averageMutatorMs = (_averageMutatorMs + mutator) / 2;
        }
        Current = total > 0 ? mutator / total : 0;
        _previousEndMs = endMs;
    }
}
