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
        private readonly List<GcPause> _pauses = new();
        private readonly List<HelperSlice> _helpers = new();
        private readonly List<FrameRecord> _frames = new();
        private double _t;              // wall clock
        private double _m;              // program time done
        private int _frame;
        private int _nextJob;           // index of the next job not yet started
        private double _frameBlocking, _frameIdleGc;

        // The collection in progress (incremental, concurrent, idle-time).
        private GcJob? _active;
        private double _remaining;      // main-thread work left (incremental, idle-time)
        private double _nextStepAt;     // program time of the next incremental step
        private double _helpersDoneAt;  // wall time the helpers finish (concurrent)
        private double _finalPause;     // concurrent final pause

        public OrinocoRun Run()
        {
            double budget = o.FrameBudgetMs;
            for (_frame = 0; _frame < workload.FrameWorkMs.Count; _frame++)
            {
                double vsync = _frame * budget, deadline = vsync + budget;
                _t = Math.Max(_t, vsync);
                double start = _t;
                _frameBlocking = _frameIdleGc = 0;
                double left = workload.FrameWorkMs[_frame];
                while (true)
                {
                    ProcessDue(finishing: false);
                    if (left <= Eps) break;
                    double until = _m + left;
                    if (_nextJob < workload.Jobs.Count) until = Math.Min(until, workload.Jobs[_nextJob].TriggerMutatorMs);
                    if (_active is not null)
                    {
                        until = Math.Min(until, Deadline(_active));
                        if (strategy == GcStrategy.Incremental) until = Math.Min(until, _nextStepAt);
                    }
                    double dt = Math.Max(0, until - _m);
                    if (_active is not null && strategy == GcStrategy.Concurrent && _helpersDoneAt > _t && _helpersDoneAt < _t + dt)
                        dt = _helpersDoneAt - _t;
                    if (dt <= Eps && left > Eps && !DueNow()) dt = Math.Min(left, Eps * 10);   // guard against rounding
                    _t += dt; _m += dt; left -= dt;
                }
                double done = _t;
                if (strategy == GcStrategy.IdleTime && _active is not null)
                {
                    double idle = deadline - _t;
                    if (idle > Eps)
                    {
                        double slice = Math.Min(idle, _remaining);
                        AddPause(_active.Index, PauseKind.IdleSlice, slice);
                        _remaining -= slice;
                        if (_remaining <= Eps) _active = null;
                    }
                }
                _frames.Add(new FrameRecord(_frame, vsync, start, workload.FrameWorkMs[_frame], _frameBlocking, _frameIdleGc, done, deadline));
            }
            _frame = Math.Max(0, workload.FrameWorkMs.Count - 1);
            ProcessDue(finishing: true);
            return new OrinocoRun(strategy, o, _pauses, _helpers, _frames);
        }

        private double Deadline(GcJob job) =>
            _nextJob < workload.Jobs.Count ? Math.Min(job.DeadlineMutatorMs, workload.Jobs[_nextJob].TriggerMutatorMs) : job.DeadlineMutatorMs;

        private bool DueNow() =>
            (_nextJob < workload.Jobs.Count && _m >= workload.Jobs[_nextJob].TriggerMutatorMs - Eps) ||
            (_active is not null && (_m >= Deadline(_active) - Eps || (strategy == GcStrategy.Incremental && _m >= _nextStepAt - Eps)));

        private void ProcessDue(bool finishing)
        {
            while (true)
            {
                if (_active is not null)
                {
                    var job = _active;
                    if (strategy == GcStrategy.Concurrent && _t >= _helpersDoneAt - Eps)
                    {
                        AddPause(job.Index, PauseKind.Final, _finalPause);
                        _active = null;
                        continue;
                    }
                    if (finishing || _m >= Deadline(job) - Eps)
                    {
                        ForceFinish();
                        continue;
                    }
                    if (strategy == GcStrategy.Incremental && _m >= _nextStepAt - Eps)
                    {
                        double step = Math.Min(o.IncrementalStepMs, _remaining);
                        AddPause(job.Index, PauseKind.Step, step);
                        _remaining -= step;
                        _nextStepAt = _m + o.IncrementalStepIntervalMs;
                        if (_remaining <= Eps) _active = null;
                        continue;
                    }
                }
                if (_nextJob < workload.Jobs.Count && (finishing || _m >= workload.Jobs[_nextJob].TriggerMutatorMs - Eps))
                {
                    if (_active is not null) { ForceFinish(); continue; }
                    Start(workload.Jobs[_nextJob++]);
                    continue;
                }
                return;
            }
        }

        // The deadline came: finish the collection now. Concurrent: wait for the helpers, then the final pause.
        private void ForceFinish()
        {
            var job = _active!;
            if (strategy == GcStrategy.Concurrent)
            {
                AddPause(job.Index, PauseKind.Wait, Math.Max(0, _helpersDoneAt - _t));
                AddPause(job.Index, PauseKind.Final, _finalPause);
            }
            else AddPause(job.Index, PauseKind.Forced, _remaining);
            _active = null;
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
                    double begin = _t;
                    AddPause(job.Index, PauseKind.Atomic, serial + share);
                    if (share > 0)
                        for (int h = 1; h <= o.Helpers; h++) _helpers.Add(new HelperSlice(job.Index, h, begin + serial, share));
                    break;
                }
                case GcStrategy.Incremental:
                    _active = job;
                    _remaining = o.TotalWork(strategy, w);
                    _nextStepAt = _m;
                    break;
                case GcStrategy.IdleTime:
                    _active = job;
                    _remaining = o.TotalWork(strategy, w);
                    break;
                case GcStrategy.Concurrent:
                {
                    int threads = Math.Max(1, o.Helpers);
                    _finalPause = w * o.ConcurrentFinalPauseFraction;
                    double background = Math.Max(0, o.TotalWork(strategy, w) - _finalPause);
                    double each = background / threads;
                    if (each > 0)
                        for (int h = 1; h <= threads; h++) _helpers.Add(new HelperSlice(job.Index, h, _t, each));
                    _helpersDoneAt = _t + each;
                    _active = job;
                    break;
                }
            }
            if (_active is not null && strategy != GcStrategy.Concurrent && _remaining <= Eps) _active = null;
        }

        private void AddPause(int job, PauseKind kind, double duration)
        {
            if (duration <= Eps) return;
            _pauses.Add(new GcPause(_pauses.Count + 1, job, kind, _t, duration, _frame));
            _t += duration;
            if (kind == PauseKind.IdleSlice) _frameIdleGc += duration; else _frameBlocking += duration;
        }
    }
}
