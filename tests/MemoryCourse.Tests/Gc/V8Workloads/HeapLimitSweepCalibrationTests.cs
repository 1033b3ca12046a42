using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;
using Xunit.Abstractions;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// The model under --max-old-space-size from 16 to 512 MiB against node v20's repeated runs in
/// data/node/heap-limit/sweep. For every workload: scavenges within 15% of node's median, mark-compacts
/// within max(1, 15%) of it, the same outcome (finished or out of memory) and, where node's verdict was the
/// same in every repeat, the same verdict; when it died, about as many arrays made (within 10% of node's last
/// PROGRESS, which is up to 10 000 arrays short of where node stopped). Where node's own repeats disagreed
/// on the verdict, the model must give one of node's verdicts and is compared with the runs that gave it.
/// <c>calibration.tsv</c> holds the
/// workloads the model's rules were tuned on; <c>holdout.tsv</c> other retention ratios, sizes and limits that
/// were not used for tuning, as a check that it holds beyond them. The workloads where it does not hold are
/// listed, with the reason, in <see cref="KnownDisagreements"/>.
/// </summary>
public class HeapLimitSweepCalibrationTests(ITestOutputHelper output)
{
    private const long ProgressEvery = 10_000;

    public static TheoryData<string> Calibration => Names("calibration");
    public static TheoryData<string> HoldOut => Names("holdout");
    public static TheoryData<string> HoldOutLive => Names("holdout-live");

    private static TheoryData<string> Names(string plan) => new(HeapLimitSweep.Workloads(plan).Select(w => w.Name));

    [Theory]
    [MemberData(nameof(Calibration))]
    public void The_model_agrees_with_node_on_the_calibration_workloads(string workload) => Check("calibration", workload);

    [Theory]
    [MemberData(nameof(HoldOut))]
    public void The_model_agrees_with_node_on_workloads_it_was_not_tuned_on(string workload) => Check("holdout", workload);

    /// <summary>
    /// One more run of node on the hold-out workloads, recorded after the model's last change: a live run
    /// beside the model on workloads it was not calibrated on. One run shows no spread, so whether node's verdict
    /// is stable is judged over all of node's runs of the workload, the hold-out's repeats and this one. Where it
    /// is, the model must agree with this run on the verdict and the bounds. Where it is not, the model must give
    /// one of node's verdicts and agree with the runs that gave it, as for the hold-out's repeats.
    /// </summary>
    [Theory]
    [MemberData(nameof(HoldOutLive))]
    public void The_model_agrees_with_a_later_live_run_of_node_on_the_hold_out_workloads(string workload) => Check("holdout-live", workload);

    /// <summary>
    /// Workloads where the model is known to fall outside the bounds, with the reason. The test asserts that
    /// they still disagree, so that a model change that fixes one fails here until it leaves this list.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDisagreements = new(StringComparer.Ordinal)
    {
        // hold-out: K=1 keeps every array, and node's repeats took three paths (ARCHITECTURE.md): two at 96 MiB and
        // one at 128 MiB pretenured the array literal (ineffective mark-compacts); at 128 MiB one kept scavenging
        // and reached the limit after 21 scavenges and 5 mark-compacts, the other started memory-reducing
        // mark-compacts first (27 and 8). The model takes the first path without pretenuring (20 and 5), which
        // the median of those two runs (24 scavenges) does not show.
        ["holdout/128 MiB, K=1, 176 B"] = "20 scavenges and 5 mark-compacts to the 'Reached heap limit' repeats' 27 and 8, 21 and 5",
        // hold-out: two mark-compacts more than node's median near the limit, where node's own repeats
        // spread over 2-4 mark-compacts (memory-reducing mark-compacts until mutator utilization falls
        // under 0.4, which V8 measures in wall-clock time).
        ["holdout/160 MiB, K=6, 304 B"] = "10 mark-compacts to node's 10, 8, 8",
        ["holdout/192 MiB, K=3, 560 B"] = "10 mark-compacts to node's 9, 7, 8",
        ["holdout/512 MiB, K=3, 1072 B"] = "12 mark-compacts to node's 10, 13, 9",
    };

    private void Check(string plan, string name)
    {
        var w = HeapLimitSweep.Workloads(plan).Single(x => x.Name == name);
        bool live = plan == "holdout-live";
        var repeats = live
            ? w with { Runs = [.. HeapLimitSweep.Workloads("holdout").Single(x => x.Name == name).Runs, .. w.Runs] }
            : w;
        var model = AllocJsWorkload.Run(w.Objects, w.ObjectSize, w.RetainEvery, HeapOptions.Node20.WithMaxOldSpaceSize(w.LimitMiB),
            reportEvery: ProgressEvery);
        static string Runs(HeapLimitSweep.Workload x) => string.Join("; ", x.Runs.Select(r => $"{r.Scavenges}/{r.MarkCompacts} {r.Verdict} at {r.Progress}"));
        string nodeRuns = Runs(w) + (live && repeats.StableVerdict is null ? $" (node's verdicts differ over all its runs: {Runs(repeats)})" : "");
        string modelVerdict = HeapLimitSweep.VerdictText(model.OutOfMemory);
        string? disagreement = Disagreement(w, repeats, model, modelVerdict);
        output.WriteLine($"{name}: node {nodeRuns}; model {model.Scavenges}/{model.MarkCompacts} {modelVerdict} at {model.Allocated}" +
                         (disagreement is null ? "" : $"; disagrees: {disagreement}"));
        if (KnownDisagreements.TryGetValue($"{plan}/{name}", out var known))
            Assert.True(disagreement is not null, $"{name} now agrees with node: take it off the known disagreements ({known}).");
        else
            Assert.True(disagreement is null, $"{name}: {disagreement}");
    }

    // The first bound the model misses, or null when it agrees with node. w: the runs under test; repeats: every run of
    // node on the workload, which says whether node's verdict is stable (w itself except for the live run).
    private static string? Disagreement(HeapLimitSweep.Workload w, HeapLimitSweep.Workload repeats, AllocJsRun model, string modelVerdict)
    {
        // Where node's repeats ended in different verdicts its counts are bimodal (a run that takes the
        // memory-reducing path makes many more collections than one that reaches the limit first), and the
        // median of three is just the majority's mode: the model must then give one of node's verdicts and
        // match the runs that gave it. Everywhere else it must match node's verdict and all the runs.
        var runs = repeats.StableVerdict is null ? repeats.Runs.Where(r => r.Verdict == modelVerdict).ToList() : w.Runs;
        if (runs.Count == 0) return $"the model says '{modelVerdict}', which none of node's runs said";
        var node = w with { Runs = runs };
        if (repeats.StableDeath is bool died && died == model.Completed) return died ? "node died, the model finished" : "node finished, the model died";
        if (repeats.StableVerdict is string verdict && verdict != modelVerdict) return $"node said '{verdict}', the model '{modelVerdict}'";
        if (model.Scavenges < node.MedianScavenges * 0.85 || model.Scavenges > node.MedianScavenges * 1.15)
            return $"{model.Scavenges} scavenges, not within 15% of node's median {node.MedianScavenges}";
        double mcSlack = Math.Max(1, 0.15 * node.MedianMarkCompacts);
        if (Math.Abs(model.MarkCompacts - node.MedianMarkCompacts) > mcSlack)
            return $"{model.MarkCompacts} mark-compacts, not within {mcSlack:0.#} of node's median {node.MedianMarkCompacts}";
        if (!model.Completed && (model.Allocated < node.MedianProgress * 0.9 || model.Allocated > (node.MedianProgress + ProgressEvery) * 1.1))
            return $"died at {model.Allocated} arrays, not within 10% of node's {node.MedianProgress}-{node.MedianProgress + ProgressEvery}";
        return null;
    }
}
