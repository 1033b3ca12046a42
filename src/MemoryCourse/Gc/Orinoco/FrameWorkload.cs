namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// A program drawing an animation: the work of each frame (ms of main-thread program work) and the
/// collections it needs along the way. It says nothing about scheduling, so the very same workload can
/// be run under every <see cref="GcStrategy"/>.
/// </summary>
public sealed record FrameWorkload
{
    /// <summary>Creates and checks a workload; the message of a bad one names the frame or job.</summary>
    public FrameWorkload(IReadOnlyList<double> frameWorkMs, IReadOnlyList<GcJob> jobs)
    {
        for (int f = 0; f < frameWorkMs.Count; f++)
            if (!(frameWorkMs[f] >= 0) || double.IsInfinity(frameWorkMs[f]))
                throw new ArgumentOutOfRangeException(nameof(frameWorkMs), frameWorkMs[f], $"frame {f}: program work must be a non-negative number of ms.");
        double total = frameWorkMs.Sum();
        double last = 0;
        foreach (var job in jobs)
        {
            if (!(job.WorkMs >= 0) || double.IsInfinity(job.WorkMs))
                throw new ArgumentOutOfRangeException(nameof(jobs), job.WorkMs, $"collection {job.Index}: work must be a non-negative number of ms.");
            if (job.TriggerMutatorMs < last - 1e-9)
                throw new ArgumentException($"collection {job.Index}: due at {job.TriggerMutatorMs} ms, before the previous one ({last} ms); list " +
                    $"collections in order.", nameof(jobs));
            if (job.TriggerMutatorMs < 0 || job.TriggerMutatorMs > total + 1e-9)
                throw new ArgumentOutOfRangeException(nameof(jobs), job.TriggerMutatorMs,
                    $"collection {job.Index}: due at {job.TriggerMutatorMs} ms, outside the program's {total} ms of work.");
            if (job.DeadlineMutatorMs < job.TriggerMutatorMs)
                throw new ArgumentException($"collection {job.Index}: deadline {job.DeadlineMutatorMs} ms is before it is due ({job.TriggerMutatorMs} ms).",
                    nameof(jobs));
            last = job.TriggerMutatorMs;
        }
        FrameWorkMs = frameWorkMs;
        Jobs = jobs;
    }

    /// <summary>Program work of each frame, in ms.</summary>
    public IReadOnlyList<double> FrameWorkMs { get; }

    /// <summary>The collections, in the order they become due.</summary>
    public IReadOnlyList<GcJob> Jobs { get; }

    /// <summary>Total program work.</summary>
    public double MutatorMs => FrameWorkMs.Sum();

    /// <summary>Total GC work if every collection ran stop-the-world.</summary>
    public double GcWorkMs => Jobs.Sum(j => j.WorkMs);

    /// <summary>
    /// A workload from collections given as (due at, work) pairs: each may be spread until the next one is
    /// due (the last one until the program ends).
    /// </summary>
    public static FrameWorkload Create(IReadOnlyList<double> frameWorkMs, IEnumerable<(double TriggerMutatorMs, double WorkMs)> collections,
        V8Heap.GcKind kind = V8Heap.GcKind.MarkCompact)
    {
        var list = collections.ToList();
        double end = frameWorkMs.Sum();
        var jobs = list.Select((c, i) => new GcJob(i + 1, kind, c.TriggerMutatorMs, c.WorkMs,
            i + 1 < list.Count ? Math.Max(c.TriggerMutatorMs, list[i + 1].TriggerMutatorMs) : Math.Max(c.TriggerMutatorMs, end))).ToList();
        return new FrameWorkload(frameWorkMs, jobs);
    }
}
