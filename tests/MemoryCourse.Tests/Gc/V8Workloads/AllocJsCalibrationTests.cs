using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;
using Xunit.Abstractions;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// The model against real V8: alloc.js with N = 10 million on node v20, counts read from the captured
/// --trace-gc logs in data/trace-gc at test time. Scavenges within 10%, mark-compacts within 1.
/// </summary>
public class AllocJsCalibrationTests(ITestOutputHelper output)
{
    private const long N = 10_000_000;

    public static TheoryData<string, int, int, int> Runs => new()
    {
        // capture file, object size, K, fixed semi-space MiB (0 = V8's default 1..16 MiB)
        { "trace-gc-k0-noescape.txt", 176, 0, 0 },
        { "trace-gc-k0-noopt.txt", 192, 0, 0 },
        { "trace-gc-k100.txt", 176, 100, 0 },
        { "trace-gc-k10.txt", 176, 10, 0 },
        { "trace-gc-k0-noescape-semi4.txt", 176, 0, 4 },
        { "trace-gc-k0-noescape-semi16.txt", 176, 0, 16 },
        { "trace-gc-k0-noescape-semi64.txt", 176, 0, 64 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Model_gc_counts_match_the_captured_V8_run(string capture, int objectSize, int k, int semiMiB)
    {
        var v8 = Captures.Read(capture);
        var options = semiMiB == 0 ? HeapOptions.Node20 : HeapOptions.Node20FixedSemiSpace(semiMiB);
        var run = AllocJsWorkload.Run(N, objectSize, k, options);
        output.WriteLine($"{capture}: model {run.Scavenges} scavenges / {run.MarkCompacts} mark-compacts; V8 {v8.Scavenges} / {v8.MarkCompacts}");
        foreach (var e in run.Events.Where(e => e.Kind == GcKind.MarkCompact))
            output.WriteLine($"  model MC #{e.Index} at {e.StartMs:F0} ms: {e.Before.TotalBytes / 1048576.0:F1} -> {e.After.TotalBytes / 1048576.0:F1} MiB");

        Assert.InRange(run.Scavenges, v8.Scavenges * 0.9, v8.Scavenges * 1.1);
        Assert.InRange(run.MarkCompacts, v8.MarkCompacts - 1, v8.MarkCompacts + 1);
    }
}
