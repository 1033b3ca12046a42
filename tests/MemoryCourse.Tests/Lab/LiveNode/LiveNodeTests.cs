using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;
using MemoryCourse.Lab.LiveNode;
using Xunit.Abstractions;

namespace MemoryCourse.Tests.Lab.LiveNode;

/// <summary>
/// The learner's node beside the model: these run node (and are skipped, saying why, when it is missing
/// or hidden with MEMCOURSE_NODE=none). Real runs vary a little with timing; the workloads are the
/// chapters' own, where node v20's verdict does not.
/// </summary>
public class LiveNodeTests(ITestOutputHelper output)
{
    [NodeTheory]
    [InlineData(32, 4, 100_000_000)]   // chapter 02: dies with "Reached heap limit"
    [InlineData(32, 10, 100_000_000)]  // dies with "Ineffective mark-compacts near heap limit"
    [InlineData(32, 4, 400_000)]       // finishes: the limit is reached after about 670 000 arrays
    public void The_model_and_live_node_give_the_same_heap_limit_verdict(int limitMiB, int retainEvery, long objects)
    {
        var lab = LiveNodeLab.ForThisMachine();
        var live = lab.Run(NodeWorkload.AllocJs(objects, retainEvery, limitMiB, progressEvery: 10_000));
        var model = AllocJsWorkload.Run(objects, 176, retainEvery, HeapOptions.Node20.WithMaxOldSpaceSize(limitMiB), reportEvery: 10_000);
        output.WriteLine(live.Summary);
        output.WriteLine(
            $"model: {model.Scavenges} scavenges, {model.MarkCompacts} mark-compacts, {model.Allocated} arrays, {model.OutOfMemory?.Reason ?? "finished"}");

        Assert.False(live.TimedOut, live.Summary);
        Assert.Equal(live.OutOfMemory, !model.Completed);
        if (!live.OutOfMemory)
        {
            Assert.Equal(0, live.ExitCode);
            return;
        }
        if (live.Versions!.SameV8AsCalibrated) Assert.Equal(live.Verdict, model.OutOfMemory!.Verdict);
        Assert.NotNull(live.Progress);
        Assert.InRange(model.Allocated, live.Progress!.Value * 0.85, live.Progress.Value * 1.15 + 10_000);
    }

    [NodeFact]
    public void Chapter_03s_live_run_matches_the_model_within_10_percent_of_scavenges_and_1_mark_compact()
    {
        var lab = LiveNodeLab.ForThisMachine();
        var live = lab.Run(ChapterWorkloads.All["03-alloc-live"]);
        var model = AllocJsWorkload.Run(300_000, 176, 4);
        output.WriteLine(live.Summary);
        output.WriteLine($"model: {model.Scavenges} scavenges, {model.MarkCompacts} mark-compacts, promoted {model.PromotedBytes}; " +
            $"live promoted {live.PromotedBytes}");
        Assert.True(live.Completed, live.Summary);
        if (!live.Versions!.SameV8AsCalibrated) return;   // another V8 sizes its heap differently; the chapter says so
        Assert.InRange(model.Scavenges, live.Scavenges * 0.9, live.Scavenges * 1.1);
        Assert.InRange(model.MarkCompacts, live.MarkCompacts - 1, live.MarkCompacts + 1);
        Assert.InRange(model.PromotedBytes, live.PromotedBytes!.Value * 0.8, live.PromotedBytes.Value * 1.25);
    }

    [NodeFact]
    public void A_live_run_names_the_node_and_V8_it_ran()
    {
        var lab = LiveNodeLab.ForThisMachine();
        var run = lab.Run(NodeWorkload.AllocJs(1000, 0));
        Assert.Equal(NodeRunSource.Live, run.Source);
        Assert.Equal(lab.Versions, run.Versions);
        Assert.StartsWith("v", run.Versions!.Node);
        Assert.StartsWith($"live: {run.Versions}", run.Summary);
        Assert.True(run.Completed, run.Summary);
    }

    [NodeFact]
    public void A_run_past_its_time_limit_is_stopped_and_says_so()
    {
        var lab = LiveNodeLab.ForThisMachine();
        var run = lab.Run(NodeWorkload.AllocJs(100_000_000_000, 0, timeLimit: TimeSpan.FromSeconds(1)));
        Assert.True(run.TimedOut);
        Assert.Null(run.ExitCode);
        Assert.InRange(run.WallMs, 900, 15_000);
        Assert.Contains("stopped after the 1 s time limit", run.Summary);
    }

    [NodeFact]
    public void The_request_workload_samples_memory_before_during_and_after()
    {
        var run = LiveNodeLab.ForThisMachine().Run(NodeWorkload.Request(64, 50_000));
        Assert.True(run.Completed, run.Summary + "\n" + run.Stderr);
        Assert.Equal("before the request", run.Samples[0].Label);
        Assert.Contains(run.Samples, s => s.Label == "receiving");
        var held = run.Samples.Single(s => s.Label == "response complete: blocks held");
        Assert.InRange(held.ArrayBuffersMiB, 64, 100);     // the body, in 32 MiB blocks
        Assert.InRange(held.Get("receivedMiB")!.Value, 64, 64);
    }
}
