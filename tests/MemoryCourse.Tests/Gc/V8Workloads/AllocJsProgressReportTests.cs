using System.Text.RegularExpressions;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// alloc.js's progress report (a line to stderr every 10 000 arrays in the sweep's runs) is not free: node's
/// runtime then allocates in old space now and then (--trace-allocations-origins), and V8 checks whether to
/// start marking on old-space allocation. At 16 MiB with K = 4 one such allocation right after the fourth
/// mark-compact starts the memory-reducing marking that ends node's run with ineffective mark-compacts. The
/// model makes no such allocation; without progress reports node ends its run as the model does.
/// </summary>
public partial class AllocJsProgressReportTests
{
    [GeneratedRegex(@"exit code \d+ \((?<verdict>[^)]+)\)")]
    private static partial Regex Verdict();

    [Fact]
    public void Without_progress_reports_node_at_16_MiB_with_every_fourth_array_kept_ends_as_the_model_does()
    {
        var lines = File.ReadAllLines(RepositoryFiles.InRepo("data", "node", "heap-limit", "small-heaps", "old16-k4-no-progress.txt"));
        string nodeVerdict = Verdict().Match(lines[1]).Groups["verdict"].Value;
        int scavenges = lines.Count(l => l.Contains(": Scavenge ", StringComparison.Ordinal));
        int markCompacts = lines.Count(l => l.Contains(": Mark-Compact", StringComparison.Ordinal));

        var model = AllocJsWorkload.Run(100_000_000, 176, 4, HeapOptions.Node20.WithMaxOldSpaceSize(16));

        Assert.Equal("Reached heap limit", nodeVerdict);
        Assert.Equal(nodeVerdict, HeapLimitSweep.VerdictText(model.OutOfMemory));
        Assert.InRange(model.Scavenges, 0.85 * scavenges, 1.15 * scavenges);
        Assert.InRange(model.MarkCompacts, markCompacts - 1, markCompacts + 1);
    }
}
