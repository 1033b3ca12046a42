using MemoryCourse.Gc.Orinoco;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.Orinoco;

public class AnimationWorkloadTests
{
    // The defaults: 240 frames, mark-compacts growing longer than a frame.
    private static readonly AnimationSettings Settings = new();
    private static readonly Lazy<(FrameWorkload Workload, IReadOnlyList<GcEvent> Events)> Built = new(() => AnimationWorkload.Build(Settings));

    [Fact]
    public void Every_collection_of_the_heap_model_becomes_one_job_with_the_models_pause_as_its_work()
    {
        var (workload, events) = Built.Value;
        Assert.Equal(events.Select(e => (e.Kind, e.PauseMs)), workload.Jobs.Select(j => (j.Kind, j.WorkMs)));
        Assert.Contains(workload.Jobs, j => j.Kind == GcKind.MarkCompact);
        Assert.Equal(Settings.Frames, workload.FrameWorkMs.Count);
        Assert.All(workload.FrameWorkMs, w => Assert.InRange(w, Settings.FrameWorkMs - Settings.FrameJitterMs, Settings.FrameWorkMs + Settings.FrameJitterMs));
    }

    [Fact]
    public void The_same_seed_gives_the_same_workload()
    {
        var again = AnimationWorkload.Build(Settings).Workload;
        Assert.Equal(Built.Value.Workload.Jobs, again.Jobs);
        Assert.Equal(Built.Value.Workload.FrameWorkMs, again.FrameWorkMs);
    }

    [Fact]
    public void Each_Orinoco_technique_does_what_the_seed_says_on_the_same_animation()
    {
        var runs = OrinocoScheduler.RunAll(Built.Value.Workload).ToDictionary(r => r.Strategy);
        var stw = runs[GcStrategy.StopTheWorld];
        var parallel = runs[GcStrategy.Parallel];
        var incremental = runs[GcStrategy.Incremental];
        var concurrent = runs[GcStrategy.Concurrent];
        var idle = runs[GcStrategy.IdleTime];
        Assert.True(stw.MaxPauseMs > OrinocoOptions.Default.FrameBudgetMs, "the mark-compact alone is longer than a frame");

        // parallel: "there is synchronisation overhead, but the stop-the-world time drops a lot"
        Assert.True(parallel.TotalGcWorkMs > stw.TotalGcWorkMs);
        Assert.True(parallel.BlockingGcMs < stw.BlockingGcMs / 2);
        // incremental: "the main thread does small amounts of work at intervals; GC time is spread out"
        Assert.True(incremental.PausePercentile(50) <= OrinocoOptions.Default.IncrementalStepMs + 1e-9);
        Assert.True(incremental.MaxPauseMs < stw.MaxPauseMs);
        Assert.True(incremental.MainThreadGcMs >= stw.MainThreadGcMs);
        // concurrent: "the main thread no longer collects; helper threads do"
        Assert.True(concurrent.HelperGcMs > 10 * concurrent.MainThreadGcMs);
        Assert.True(concurrent.MutatorUtilization > parallel.MutatorUtilization);
        // idle-time: "if a frame is done in under 16 ms, Chrome runs GC until the next frame"
        // Most of its main-thread GC runs in idle slices; the rest is scavenges due at once (the second of two
        // back to back, when the first filled to-space with survivors), which no idle time can wait for.
        Assert.True(idle.Pauses.Where(p => p.Kind == PauseKind.IdleSlice).Sum(p => p.DurationMs) > 0.5 * idle.MainThreadGcMs);
        Assert.True(idle.FramesMissed < stw.FramesMissed / 4);
        // every technique but plain incremental gives the program more of the main thread; incremental
        // pays its overhead on the main thread too, but far fewer frames are late
        Assert.True(new[] { parallel, concurrent, idle }.All(r => r.MutatorUtilization > stw.MutatorUtilization));
        Assert.True(incremental.FramesMissed < stw.FramesMissed);
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_setting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AnimationWorkload.Build(new AnimationSettings { Frames = 0 }));
        Assert.Contains("Frames", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AnimationWorkload.Build(new AnimationSettings { ObjectSize = -8 }));
    }
}
