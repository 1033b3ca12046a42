using BenchmarkDotNet.Attributes;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Benchmarks;

/// <summary>
/// The V8 heap model's speed: alloc.js with 10 million allocations and 1% retained (target: under 2 s),
/// and one scavenge with different amounts of live and dead young objects, which shows the scavenger's
/// cost following live objects, not garbage.
/// </summary>
[MemoryDiagnoser]
public class GcBenchmarks
{
    private Heap _heap = null!;

    [Params(1_000, 100_000)]
    public int Live { get; set; }

    [Params(100_000, 1_000_000)]
    public int Garbage { get; set; }

    [IterationSetup(Target = nameof(Scavenge_live_and_garbage))]
    public void FillNewSpace()
    {
        _heap = new Heap(HeapOptions.Node20FixedSemiSpace(64) with { RecordYoungObjects = false });
        var holder = _heap.Allocate(16 + 8 * Live, Live, "holder", SpaceKind.LargeObjectSpace);
        _heap.Roots.Set("holder", holder);
        int kept = 0;
        int total = Live + Garbage;
        for (int i = 0; i < total; i++)
        {
            var obj = _heap.Allocate(32);
            // Spread the live objects evenly through the garbage.
            if (kept < Live && (long)i * Live / total >= kept) _heap.Write(holder, kept++, obj);
        }
    }

    [Benchmark]
    public long Scavenge_live_and_garbage() => _heap.Scavenge().CopiedBytes;
}

/// <summary>alloc.js on the model: 10 million 176-byte arrays, every 100th kept (1%). Target under 2 s.</summary>
[MemoryDiagnoser]
public class AllocJsBenchmarks
{
    [Benchmark]
    public int AllocJs_10M_allocations_1pct_retained() => AllocJsWorkload.Run(10_000_000, 176, 100).Scavenges;
}

/// <summary>
/// The heaviest workloads of the heap-limit calibration (data/node/heap-limit/sweep) on the model, each run
/// until V8's verdict: what the calibration test's time is made of. The whole test (38 workloads) took
/// 51 s of CPU on the shared 2-core machine.
/// </summary>
[MemoryDiagnoser]
public class HeapLimitSweepBenchmarks
{
    [Benchmark]
    public long At_96_MiB_keeping_every_10th_176_byte_array() =>
        AllocJsWorkload.Run(100_000_000, 176, 10, HeapOptions.Node20.WithMaxOldSpaceSize(96)).Allocated;

    [Benchmark]
    public long At_512_MiB_keeping_every_4th_2096_byte_array() =>
        AllocJsWorkload.Run(100_000_000, 2096, 4, HeapOptions.Node20.WithMaxOldSpaceSize(512)).Allocated;
}
