using FsCheck.Fluent;
using MemoryCourse.Gc.Orinoco;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.Orinoco;

public class OrinocoSchedulerTests
{
    private static readonly OrinocoOptions Defaults = OrinocoOptions.Default;

    // Worked example: 20 frames of 10 ms program work at 60 fps; one 30 ms collection due 5 ms in.
    private static FrameWorkload WorkedExample() =>
        FrameWorkload.Create(Enumerable.Repeat(10.0, 20).ToList(), [(5.0, 30.0)]);

    // A random workload for properties: 5-60 frames of 0-15 ms, up to 8 collections of up to 40 ms.
    internal static FrameWorkload RandomWorkload(int seed, double maxFrameMs = 15)
    {
        var r = new Random(seed);
        var frames = Enumerable.Range(0, r.Next(5, 61)).Select(_ => r.NextDouble() * maxFrameMs).ToList();
        double total = frames.Sum();
        var jobs = Enumerable.Range(0, r.Next(0, 9)).Select(_ => (r.NextDouble() * total, r.NextDouble() * 40))
            .OrderBy(j => j.Item1).ToList();
        return FrameWorkload.Create(frames, jobs);
    }

    private static OrinocoOptions RandomOptions(int seed)
    {
        var r = new Random(seed ^ 0x5eed);
        return new OrinocoOptions
        {
            Helpers = r.Next(0, 9), ParallelFraction = r.NextDouble(), SyncOverheadPerHelper = r.NextDouble() * 0.2,
            IncrementalStepMs = 0.5 + r.NextDouble() * 3, IncrementalStepIntervalMs = 1 + r.NextDouble() * 8,
            IncrementalOverhead = r.NextDouble() * 0.3, ConcurrentOverhead = r.NextDouble() * 0.3,
            ConcurrentFinalPauseFraction = r.NextDouble() * 0.2,
        };
    }

    [Fact]
    public void The_frame_budget_at_60_frames_per_second_is_one_sixtieth_of_a_second()
    {
        Assert.Equal(16.667, Defaults.FrameBudgetMs, 3);          // the seed: 1s / 60, "about 16 ms"
    }

    [Fact]
    public void Stop_the_world_runs_the_whole_collection_in_one_pause_and_the_late_frames_pile_up()
    {
        var run = OrinocoScheduler.Run(WorkedExample(), GcStrategy.StopTheWorld);
        var pause = Assert.Single(run.Pauses);
        Assert.Equal((5.0, 30.0, PauseKind.Atomic), (pause.StartMs, pause.DurationMs, pause.Kind));
        // Frame 0 ends at 40 ms; frames 1-3 start late (40, 50, 60) and end after their deadlines
        // (33.3, 50, 66.7); frame 4 starts at 70 and is back on time (80 <= 83.3).
        Assert.Equal([0, 1, 2, 3], run.Frames.Where(f => f.Missed).Select(f => f.Frame));
        Assert.Equal(200.0 / 230.0, run.MutatorUtilization, 9);
        Assert.Equal(0, run.MinimumMutatorUtilization(Defaults.FrameBudgetMs));
    }

    [Fact]
    public void Parallel_shares_the_parallel_part_between_the_main_thread_and_three_helpers()
    {
        var run = OrinocoScheduler.Run(WorkedExample(), GcStrategy.Parallel);
        // 3 ms serial + 27 ms x (1 + 0.05 x 3) / 4 threads = 10.7625 ms.
        Assert.Equal(10.7625, Assert.Single(run.Pauses).DurationMs, 9);
        Assert.Equal(3, run.HelperWork.Count);
        Assert.All(run.HelperWork, h => Assert.Equal((8.0, 7.7625), (Math.Round(h.StartMs, 9), Math.Round(h.DurationMs, 9))));
        Assert.Equal(1, run.FramesMissed);
    }

    [Fact]
    public void Incremental_steps_of_one_millisecond_fit_every_frame_when_there_is_time_to_spread_them()
    {
        var run = OrinocoScheduler.Run(WorkedExample(), GcStrategy.Incremental);
        Assert.Equal(33, run.Pauses.Count);                         // 30 ms + 10% overhead, 1 ms at a time
        Assert.All(run.Pauses, p => Assert.Equal((PauseKind.Step, 1.0), (p.Kind, Math.Round(p.DurationMs, 9))));
        Assert.Equal(0, run.FramesMissed);
        Assert.True(run.MainThreadGcMs > 30);                       // spread out, not made smaller
    }

    [Fact]
    public void Idle_time_collection_uses_the_6_7_ms_left_in_each_frame_and_never_stops_the_program()
    {
        var run = OrinocoScheduler.Run(WorkedExample(), GcStrategy.IdleTime);
        Assert.All(run.Pauses, p => Assert.Equal(PauseKind.IdleSlice, p.Kind));
        Assert.Equal(5, run.Pauses.Count);                          // 33 ms / 6.67 ms of idle per frame
        Assert.Equal(0, run.BlockingGcMs);
        Assert.Equal(0, run.FramesMissed);
        Assert.Equal(1.0, run.MutatorUtilization);
    }

    [Fact]
    public void Concurrent_collection_leaves_only_the_final_pause_on_the_main_thread()
    {
        var run = OrinocoScheduler.Run(WorkedExample(), GcStrategy.Concurrent);
        var final = Assert.Single(run.Pauses);
        Assert.Equal(PauseKind.Final, final.Kind);
        Assert.Equal(1.5, final.DurationMs, 9);                     // 5% of 30 ms
        Assert.Equal(1000.0 / 60, final.StartMs, 9);                // helpers done at 15.5 ms, in frame 0's idle time: paid at frame 1
        Assert.Equal(31.5, run.HelperGcMs, 9);                      // 33 ms of work minus the final pause
        Assert.Equal(0, run.FramesMissed);
    }

    [Fact]
    public void With_no_final_pause_concurrent_collection_never_stops_the_main_thread_as_the_seed_says()
    {
        var options = Defaults with { ConcurrentFinalPauseFraction = 0 };
        var run = OrinocoScheduler.Run(WorkedExample(), GcStrategy.Concurrent, options);
        Assert.Empty(run.Pauses);
        Assert.Equal(33, run.HelperGcMs, 9);
    }

    [Fact]
    public void Every_strategy_does_the_stop_the_world_work_plus_exactly_its_stated_overhead()
    {
        Prop.ForAll<int>(seed =>
        {
            var workload = RandomWorkload(seed);
            var options = RandomOptions(seed);
            return OrinocoScheduler.RunAll(workload, options).All(run =>
                Math.Abs(run.TotalGcWorkMs - workload.Jobs.Sum(j => options.TotalWork(run.Strategy, j.WorkMs))) < 1e-6 &&
                Math.Abs(run.MutatorMs - workload.MutatorMs) < 1e-9 &&
                run.TotalGcWorkMs >= workload.GcWorkMs - 1e-6);
        }).CheckOnSeed();
    }

    [Fact]
    public void Parallel_with_N_helpers_shortens_a_pause_by_at_most_the_N_plus_1_threads_and_with_none_is_stop_the_world()
    {
        Prop.ForAll<int>(seed =>
        {
            var workload = RandomWorkload(seed);
            var options = RandomOptions(seed);
            var parallel = OrinocoScheduler.Run(workload, GcStrategy.Parallel, options);
            var alone = OrinocoScheduler.Run(workload, GcStrategy.Parallel, options with { Helpers = 0 });
            var stw = OrinocoScheduler.Run(workload, GcStrategy.StopTheWorld, options);
            var work = workload.Jobs.ToDictionary(j => j.Index, j => j.WorkMs);
            return parallel.Pauses.All(p => p.DurationMs * (options.Helpers + 1) >= work[p.Job] - 1e-9 && p.DurationMs <= work[p.Job] + 1e-9)
                && alone.Pauses.Count == stw.Pauses.Count && alone.Pauses.Zip(stw.Pauses).All(x => Math.Abs(x.First.DurationMs - x.Second.DurationMs) < 1e-9)
                && alone.HelperWork.Count == 0;
        }).CheckOnSeed();
    }

    [Fact]
    public void Incremental_keeps_every_pause_to_one_step_when_each_collection_has_time_for_its_steps()
    {
        Prop.ForAll<int>(seed =>
        {
            var workload = RandomWorkload(seed);
            var options = RandomOptions(seed);
            bool allows = workload.Jobs.All(j =>
                Math.Floor(j.SlackMs / options.IncrementalStepIntervalMs - 1e-9) * options.IncrementalStepMs >= options.TotalWork(GcStrategy.Incremental,
                    j.WorkMs));
            var run = OrinocoScheduler.Run(workload, GcStrategy.Incremental, options);
            return (!allows || run.Pauses.All(p => p.Kind == PauseKind.Step && p.DurationMs <= options.IncrementalStepMs + 1e-9))
                && run.Pauses.All(p => p.Kind is PauseKind.Step or PauseKind.Forced);
        }).CheckOnSeed();
    }

    [Fact]
    public void Idle_time_slices_always_end_by_the_next_vsync_so_only_a_forced_pause_can_make_a_frame_late()
    {
        Prop.ForAll<int>(seed =>
        {
            var workload = RandomWorkload(seed, maxFrameMs: 16);    // the program alone always fits a frame
            var run = OrinocoScheduler.Run(workload, GcStrategy.IdleTime, RandomOptions(seed));
            bool slicesInIdle = run.Pauses.Where(p => p.Kind == PauseKind.IdleSlice)
                .All(p => p.EndMs <= run.Frames[p.Frame].DeadlineMs + 1e-9 && p.StartMs >= run.Frames[p.Frame].DoneMs - 1e-9);
            var forcedFrames = run.Pauses.Where(p => p.Kind == PauseKind.Forced).Select(p => p.Frame).ToHashSet();
            // A late frame is late because of a forced pause in it or in an earlier frame (frames start late after one).
            bool lateOnlyAfterForced = run.Frames.Where(f => f.Missed).All(f => forcedFrames.Any(x => x <= f.Frame));
            return slicesInIdle && lateOnlyAfterForced && run.Pauses.All(p => p.Kind is PauseKind.IdleSlice or PauseKind.Forced);
        }).CheckOnSeed();
    }

    [Fact]
    public void Concurrent_collection_moves_all_but_the_final_pause_off_the_main_thread()
    {
        Prop.ForAll<int>(seed =>
        {
            var workload = RandomWorkload(seed);
            var options = RandomOptions(seed);
            var run = OrinocoScheduler.Run(workload, GcStrategy.Concurrent, options);
            double finals = workload.Jobs.Sum(j => j.WorkMs * options.ConcurrentFinalPauseFraction);
            return Math.Abs(run.MainThreadGcMs - finals) < 1e-6
                && run.Pauses.All(p => p.Kind is PauseKind.Final or PauseKind.Wait)
                && Math.Abs(run.HelperGcMs - (run.TotalGcWorkMs - finals)) < 1e-6;
        }).CheckOnSeed();
    }

    [Fact]
    public void Minimum_mutator_utilization_is_zero_for_windows_no_longer_than_the_longest_pause()
    {
        Prop.ForAll<int>(seed =>
        {
            var run = OrinocoScheduler.Run(RandomWorkload(seed), GcStrategy.StopTheWorld, RandomOptions(seed));
            double longest = run.MaxPauseMs;
            if (longest == 0) return run.MinimumMutatorUtilization(5) == 1;
            double w = longest * 2;
            double mmu = run.MinimumMutatorUtilization(w);
            bool longestIsZero = run.MinimumMutatorUtilization(longest) < 1e-9;
            bool bounded = mmu >= 0 && (w >= run.WallMs || mmu <= 1 - longest / w + 1e-9);   // the window holding the longest pause
            return longestIsZero && bounded;
        }).CheckOnSeed();
    }

    [Fact]
    public void Pause_percentiles_and_histogram_agree_with_the_pause_list()
    {
        var run = OrinocoScheduler.Run(FrameWorkload.Create(Enumerable.Repeat(5.0, 10).ToList(), [(1.0, 1.0), (10.0, 2.0), (20.0, 3.0), (30.0, 10.0)]),
            GcStrategy.StopTheWorld);
        Assert.Equal([1.0, 2.0, 3.0, 10.0], run.PauseDurations());
        Assert.Equal(2.0, run.PausePercentile(50));
        Assert.Equal(10.0, run.PausePercentile(99));
        Assert.Equal([(0.0, 3), (10.0, 1)], run.PauseHistogram(5));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_naming_the_value()
    {
        var negativeFrame = Assert.Throws<ArgumentOutOfRangeException>(() => FrameWorkload.Create([10.0, -1.0], []));
        Assert.Contains("frame 1", negativeFrame.Message);
        var negativeWork = Assert.Throws<ArgumentOutOfRangeException>(() => FrameWorkload.Create([10.0], [(1.0, -3.0)]));
        Assert.Contains("collection 1", negativeWork.Message);
        var outOfOrder = Assert.Throws<ArgumentException>(() =>
            new FrameWorkload([10.0], [new GcJob(1, GcKind.Scavenge, 5, 1, 6), new GcJob(2, GcKind.Scavenge, 2, 1, 6)]));
        Assert.Contains("collection 2", outOfOrder.Message);
        var afterEnd = Assert.Throws<ArgumentOutOfRangeException>(() => FrameWorkload.Create([10.0], [(11.0, 1.0)]));
        Assert.Contains("outside", afterEnd.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => OrinocoScheduler.Run(WorkedExample(), GcStrategy.Parallel, Defaults with { Helpers = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrinocoScheduler.Run(WorkedExample(), GcStrategy.IdleTime, Defaults with { FramesPerSecond = 0 }));
    }
}
