namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// Runs a <see cref="FrameWorkload"/> frame by frame under one <see cref="GcStrategy"/> and records what
/// the main thread and the helper threads did. The program draws one frame per vsync (every
/// <see cref="OrinocoOptions.FrameBudgetMs"/>); a frame that is not done by the next vsync is missed and
/// the next one starts late. A collection becomes due when the program has done enough work (its
/// trigger) and is scheduled by the strategy:
/// <list type="bullet">
/// <item>stop-the-world: one pause of the whole work, right away;</item>
/// <item>parallel: one pause, the serial part on the main thread, the parallel part shared with the helpers;</item>
/// <item>incremental: steps of at most <see cref="OrinocoOptions.IncrementalStepMs"/>, one every
/// <see cref="OrinocoOptions.IncrementalStepIntervalMs"/> of program time;</item>
/// <item>concurrent: the helpers do the work while the program runs; a short final pause ends it;</item>
/// <item>idle-time: slices in the idle time after each frame's work, until the next vsync.</item>
/// </list>
/// Work still left when the collection's deadline comes (the next collection is due, or the program
/// ends) is done in one forced pause. Deterministic; O(frames + pauses).
/// </summary>
public static class OrinocoScheduler
{
    private const double Eps = 1e-9;

    /// <summary>Runs the workload under one strategy.</summary>
    public static OrinocoRun Run(FrameWorkload workload, GcStrategy strategy, OrinocoOptions? options = null) =>
        new Simulation(workload, strategy, (options ?? OrinocoOptions.Default).Validated()).Run();

    /// <summary>Runs the same workload under every strategy, in the order of <see cref="GcStrategy"/>.</summary>
    public static IReadOnlyList<OrinocoRun> RunAll(FrameWorkload workload, OrinocoOptions? options = null) =>
        Enum.GetValues<GcStrategy>().Select(s => Run(workload, s, options)).ToList();

    private sealed class Simulation(FrameWorkload workload, GcStrategy strategy, OrinocoOptions o)
    {
        private readonly List<GcPause> pauses = new();
        private readonly List<HelperSlice> helpers = new();
        private readonly List<FrameRecord> frames = new();
        private double t;              // wall clock
        private double m;              // program time done
        private int frame;
        private int nextJob;           // index of the next job not yet started
        private double frameBlocking, frameIdleGc;

        // The collection in progress (incremental, concurrent, idle-time).
        private GcJob? active;
        private double remaining;      // main-thread work left (incremental, idle-time)
        private double nextStepAt;     // program time of the next incremental step
        private double helpersDoneAt;  // wall time the helpers finish (concurrent)
        private double finalPause;     // concurrent final pause

        public OrinocoRun Run()
        {
            double budget = o.FrameBudgetMs;
            for (frame = 0; frame < workload.FrameWorkMs.Count; frame++)
            {
                double vsync = frame * budget, deadline = vsync + budget;
                t = Math.Max(t, vsync);
                double start = t;
                frameBlocking = frameIdleGc = 0;
                double left = workload.FrameWorkMs[frame];
                while (true)
                {
                    ProcessDue(finishing: false);
                    if (left <= Eps) break;
                    double until = m + left;
                    if (nextJob < workload.Jobs.Count) until = Math.Min(until, workload.Jobs[nextJob].TriggerMutatorMs);
                    if (active is not null)
                    {
                        until = Math.Min(until, Deadline(active));
                        if (strategy == GcStrategy.Incremental) until = Math.Min(until, nextStepAt);
                    }
                    double dt = Math.Max(0, until - m);
                    if (active is not null && strategy == GcStrategy.Concurrent && helpersDoneAt > t && helpersDoneAt < t + dt)
                        dt = helpersDoneAt - t;
                    if (dt <= Eps && left > Eps && !DueNow()) dt = Math.Min(left, Eps * 10);   // guard against rounding
                    t += dt; m += dt; left -= dt;
                }
                double done = t;
                if (strategy == GcStrategy.IdleTime && active is not null)
                {
                    double idle = deadline - t;
                    if (idle > Eps)
                    {
                        double slice = Math.Min(idle, remaining);
                        AddPause(active.Index, PauseKind.IdleSlice, slice);
                        remaining -= slice;
                        if (remaining <= Eps) active = null;
                    }
                }
                frames.Add(new FrameRecord(frame, vsync, start, workload.FrameWorkMs[frame], frameBlocking, frameIdleGc, done, deadline));
            }
            frame = Math.Max(0, workload.FrameWorkMs.Count - 1);
            ProcessDue(finishing: true);
            return new OrinocoRun(strategy, o, pauses, helpers, frames);
        }

        private double Deadline(GcJob job) =>
            nextJob < workload.Jobs.Count ? Math.Min(job.DeadlineMutatorMs, workload.Jobs[nextJob].TriggerMutatorMs) : job.DeadlineMutatorMs;

        private bool DueNow() =>
            (nextJob < workload.Jobs.Count && m >= workload.Jobs[nextJob].TriggerMutatorMs - Eps) ||
            (active is not null && (m >= Deadline(active) - Eps || (strategy == GcStrategy.Incremental && m >= nextStepAt - Eps)));

        private void ProcessDue(bool finishing)
        {
            while (true)
            {
                if (active is not null)
                {
                    var job = active;
                    if (strategy == GcStrategy.Concurrent && t >= helpersDoneAt - Eps)
                    {
                        AddPause(job.Index, PauseKind.Final, finalPause);
                        active = null;
                        continue;
                    }
                    if (finishing || m >= Deadline(job) - Eps)
                    {
                        ForceFinish();
                        continue;
                    }
                    if (strategy == GcStrategy.Incremental && m >= nextStepAt - Eps)
                    {
                        double step = Math.Min(o.IncrementalStepMs, remaining);
                        AddPause(job.Index, PauseKind.Step, step);
                        remaining -= step;
                        nextStepAt = m + o.IncrementalStepIntervalMs;
                        if (remaining <= Eps) active = null;
                        continue;
                    }
                }
                if (nextJob < workload.Jobs.Count && (finishing || m >= workload.Jobs[nextJob].TriggerMutatorMs - Eps))
                {
                    if (active is not null) { ForceFinish(); continue; }
                    Start(workload.Jobs[nextJob++]);
                    continue;
                }
                return;
            }
        }

        // The deadline came: finish the collection now. Concurrent: wait for the helpers, then the final pause.
        private void ForceFinish()
        {
            var job = active!;
            if (strategy == GcStrategy.Concurrent)
            {
                AddPause(job.Index, PauseKind.Wait, Math.Max(0, helpersDoneAt - t));
                AddPause(job.Index, PauseKind.Final, finalPause);
            }
            else AddPause(job.Index, PauseKind.Forced, remaining);
            active = null;
        }

        private void Start(GcJob job)
        {
            double w = job.WorkMs;
            switch (strategy)
            {
                case GcStrategy.StopTheWorld:
                    AddPause(job.Index, PauseKind.Atomic, w);
                    break;
                case GcStrategy.Parallel:
                {
                    double serial = w * (1 - o.ParallelFraction);
                    double share = w * o.ParallelFraction * (1 + o.SyncOverheadPerHelper * o.Helpers) / (o.Helpers + 1);
                    double begin = t;
                    AddPause(job.Index, PauseKind.Atomic, serial + share);
                    if (share > 0)
                        for (int h = 1; h <= o.Helpers; h++) helpers.Add(new HelperSlice(job.Index, h, begin + serial, share));
                    break;
                }
                case GcStrategy.Incremental:
                    active = job;
                    remaining = o.TotalWork(strategy, w);
                    nextStepAt = m;
                    break;
                case GcStrategy.IdleTime:
                    active = job;
                    remaining = o.TotalWork(strategy, w);
                    break;
                case GcStrategy.Concurrent:
                {
                    int threads = Math.Max(1, o.Helpers);
                    finalPause = w * o.ConcurrentFinalPauseFraction;
                    double background = Math.Max(0, o.TotalWork(strategy, w) - finalPause);
                    double each = background / threads;
                    if (each > 0)
                        for (int h = 1; h <= threads; h++) helpers.Add(new HelperSlice(job.Index, h, t, each));
                    helpersDoneAt = t + each;
                    active = job;
                    break;
                }
            }
            if (active is not null && strategy != GcStrategy.Concurrent && remaining <= Eps) active = null;
        }

        private void AddPause(int job, PauseKind kind, double duration)
        {
            if (duration <= Eps) return;
            pauses.Add(new GcPause(pauses.Count + 1, job, kind, t, duration, frame));
            t += duration;
            if (kind == PauseKind.IdleSlice) frameIdleGc += duration; else frameBlocking += duration;
        }
    }
}
