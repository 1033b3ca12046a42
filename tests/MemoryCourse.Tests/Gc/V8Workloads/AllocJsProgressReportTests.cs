using System.Globalization;
using System.Text.RegularExpressions;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// alloc.js's progress report (a line to stderr every P arrays; every 10 000 in the sweep's runs) is not free:
/// after so many reports node's runtime gives the functions behind fs.writeSync feedback vectors in
/// old space, and V8 checks whether to start marking on old-space allocation. At 16 MiB with K = 4 the 29th
/// report comes right after the fourth mark-compact, and the marking it starts ends node's run with a
/// memory-reducing mark-compact and then ineffective mark-compacts. Without reports node reaches the heap
/// limit instead. The model, given the same P, follows node collection by collection both ways.
/// </summary>
public partial class AllocJsProgressReportTests
{
    [GeneratedRegex(@"exit code \d+ \((?<verdict>[^)]+)\)")]
    private static partial Regex Verdict();

    [GeneratedRegex(@": (?<kind>Scavenge|Mark-Compact \(reduce\)|Mark-Compact) \d")]
    private static partial Regex Collection();

    [Theory]
    [InlineData("old16-k4-no-progress.txt", 0, "Reached heap limit")]
    [InlineData("old16-k4-allocation-origins.txt", 10_000, "Ineffective mark-compacts near heap limit")]
    public void At_16_MiB_with_every_fourth_array_kept_the_model_makes_nodes_collections_with_and_without_reports(
        string capture, long reportEvery, string verdict)
    {
        var lines = File.ReadAllLines(RepositoryFiles.InRepo("data", "node", "heap-limit", "small-heaps", capture));
        string nodeVerdict = Verdict().Match(lines[1]).Groups["verdict"].Value;
        string nodeCollections = string.Concat(lines.Select(l => Collection().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["kind"].Value switch { "Scavenge" => 's', "Mark-Compact (reduce)" => 'r', _ => 'm' }));

        var model = AllocJsWorkload.Run(100_000_000, 176, 4, HeapOptions.Node20.WithMaxOldSpaceSize(16), reportEvery: reportEvery);
        string modelCollections = string.Concat(model.Events.Select(e => e.Kind == GcKind.Scavenge ? 's' : e.ReducesMemory ? 'r' : 'm'));

        Assert.Equal(verdict, nodeVerdict);
        Assert.Equal(nodeVerdict, HeapLimitSweep.VerdictText(model.OutOfMemory));
        Assert.Equal(nodeCollections, modelCollections);
    }

    /// <summary>
    /// data/node/heap-limit/small-heaps/report-allocations.tsv counts node's runtime objects in old space after
    /// each report, for six workloads (P of 5 000, 10 000 and 20 000; different K and S). From the fifth report
    /// on, what each report adds must be what <see cref="AllocJsWorkload.ReportOldSpaceObjects"/> says, in every
    /// workload: the allocations follow the reports, not the arrays. A seventh run with feedback vectors made
    /// eagerly (--no-lazy-feedback-allocation) adds nothing after its second report: what the reports allocate
    /// comes with V8's lazy feedback allocation.
    /// </summary>
    [Fact]
    public void Every_workload_node_ran_allocates_the_modelled_objects_at_the_same_reports()
    {
        var rows = File.ReadLines(RepositoryFiles.InRepo("data", "node", "heap-limit", "small-heaps", "report-allocations.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1)
            .Select(l => l.Split('\t'))
            .Select(f => (P: L(f[0]), K: L(f[1]), S: L(f[2]), Flags: f[3], Report: L(f[4]), Count: L(f[5])))
            .ToList();
        var workloads = rows.GroupBy(r => (r.P, r.K, r.S, r.Flags)).ToList();
        Assert.Equal(7, workloads.Count);
        Assert.Contains(workloads, w => w.Key.P == 5_000);
        Assert.Contains(workloads, w => w.Key.P == 20_000);
        foreach (var w in workloads)
        {
            bool eager = w.Key.Flags == "--no-lazy-feedback-allocation";
            Assert.True(eager || w.Key.Flags == "-", $"unknown flags {w.Key.Flags}");
            var count = w.ToDictionary(r => r.Report, r => r.Count);
            for (long report = eager ? 2 : 5; report <= count.Keys.Max(); report++)
            {
                long added = count[report] - count[report - 1];
                long modelled = eager ? 0 : AllocJsWorkload.ReportOldSpaceObjects.GetValueOrDefault(report);
                Assert.True(added == modelled,
                    $"P={w.Key.P}, K={w.Key.K}, S={w.Key.S} {w.Key.Flags}: report {report} added {added} runtime objects in old space, expected {modelled}.");
            }
        }
    }

    private static long L(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
