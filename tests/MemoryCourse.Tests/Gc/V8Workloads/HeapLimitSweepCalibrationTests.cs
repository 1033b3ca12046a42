using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;
using Xunit.Abstractions;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// The model under --max-old-space-size from 16 to 512 MiB against node v20's repeated runs in
/// data/node/heap-limit/sweep. For every workload: scavenges within 15% of node's median, mark-compacts
/// within max(1, 15%) of it, the same outcome (finished or out of memory) and, where node's verdict was the
/// same in every repeat, the same verdict; when it died, about as many arrays made (within 10% of node's last
/// PROGRESS, which is up to 10 000 arrays short of where node stopped). <c>calibration.tsv</c> holds the
/// workloads the model's rules were tuned on; <c>holdout.tsv</c> other retention ratios, sizes and limits that
/// were only run after the tuning, as a check that it holds beyond them.
/// </summary>
public class HeapLimitSweepCalibrationTests(ITestOutputHelper output)
{
    private const long ProgressEvery = 10_000;

    public static TheoryData<string> Calibration => Names("calibration");
    public static TheoryData<string> HoldOut => Names("holdout");

    private static TheoryData<string> Names(string plan) => new(HeapLimitSweep.Workloads(plan).Select(w => w.Name));

    [Theory]
    [MemberData(nameof(Calibration))]
    public void The_model_agrees_with_node_on_the_calibration_workloads(string workload) => Check("calibration", workload);

    [Theory]
    [MemberData(nameof(HoldOut))]
    public void The_model_agrees_with_node_on_workloads_it_was_not_tuned_on(string workload) => Check("holdout", workload);

    private void Check(string plan, string name)
    {
        var w = HeapLimitSweep.Workloads(plan).Single(x => x.Name == name);
        var model = AllocJsWorkload.Run(w.Objects, w.ObjectSize, w.RetainEvery, HeapOptions.Node20.WithMaxOldSpaceSize(w.LimitMiB));
        string nodeRuns = string.Join("; ", w.Runs.Select(r => $"{r.Scavenges}/{r.MarkCompacts} {r.Verdict} at {r.Progress}"));
        output.WriteLine($"{name}: node {nodeRuns}; model {model.Scavenges}/{model.MarkCompacts} {HeapLimitSweep.VerdictText(model.OutOfMemory)} at {model.Allocated}");

        if (w.StableDeath is bool died) Assert.Equal(died, !model.Completed);
        if (w.StableVerdict is string verdict) Assert.Equal(verdict, HeapLimitSweep.VerdictText(model.OutOfMemory));
        Assert.InRange(model.Scavenges, w.MedianScavenges * 0.85, w.MedianScavenges * 1.15);
        double mcSlack = Math.Max(1, 0.15 * w.MedianMarkCompacts);
        Assert.InRange(model.MarkCompacts, w.MedianMarkCompacts - mcSlack, w.MedianMarkCompacts + mcSlack);
        if (w.StableDeath == true)
            Assert.InRange(model.Allocated, w.MedianProgress * 0.9, (w.MedianProgress + ProgressEvery) * 1.1);
    }
}
