using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.MallocLab;

namespace MemoryCourse.Tests.Allocation.MallocLab;

public class TraceReplayerTests
{
    private static readonly string[] ClassicTraces =
    [
        "amptjp-bal.rep", "cccp-bal.rep", "cp-decl-bal.rep", "expr-bal.rep", "coalescing-bal.rep", "random-bal.rep",
        "random2-bal.rep", "binary-bal.rep", "binary2-bal.rep", "realloc-bal.rep", "realloc2-bal.rep",
    ];

    public static TheoryData<string> AllocatorNames => new(AllocatorCatalog.Names);

    private static string WorkedTrace => RepositoryFiles.WorkedTrace("worked-bal.rep");

    // The course's own traces (data/traces) run everywhere; the CS:APP reference traces where they are present.
    [Theory]
    [MemberData(nameof(AllocatorNames))]
    public void Every_shipped_trace_replays_correctly(string allocator) =>
        AssertReplaysCorrectly(allocator, Directory.GetFiles(RepositoryFiles.ShippedTraces, "*.rep").Order(StringComparer.Ordinal));

    [MallocLabReferenceTheory]
    [MemberData(nameof(AllocatorNames))]
    public void Every_classic_trace_replays_correctly(string allocator) =>
        AssertReplaysCorrectly(allocator, ClassicTraces.Select(file => RepositoryFiles.MallocLab("classic", "traces", file)));

    private static void AssertReplaysCorrectly(string allocator, IEnumerable<string> files)
    {
        int replayed = 0;
        foreach (var file in files)
        {
            var trace = Trace.Load(file);
            var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create(allocator), new ReplayOptions(RecordPlacements: false));

            Assert.True(result.Correct, result.Error);
            Assert.Equal(trace.Ops.Count, result.Ops);
            // Utilization can never exceed 1: the payloads sit inside the heap without overlapping.
            Assert.InRange(result.Utilization, 0.01, 1.0);
            replayed++;
        }
        Assert.True(replayed >= 4, $"only {replayed} traces replayed");
    }

    // Traces/worked-bal.rep, written for these tests: a 0 1000, a 1 500, f 0, a 2 200, a 3 3000, r 2 400, f 1, f 3, f 2.
    // Live payload by hand: 1000, 1500, 500, 700, 3700, 3900 (peak: a realloc raises it by the size difference), 3400, 400, 0.
    [Fact]
    public void Peak_live_payload_follows_the_labs_definition()
    {
        var trace = Trace.Load(WorkedTrace);
        var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("first"));

        Assert.Equal(3900, result.PeakLivePayload);
        Assert.Equal(3900.0 / result.HeapSize, result.Utilization);
    }

    // short1-bal.rep: a 0 2040, a 1 2040, f 1, a 2 48, a 3 4072, f 3, a 4 4072, f 0, f 2, a 5 4072, f 4, f 5.
    // Live payload by hand: 2040, 4080, 2040, 2088, 6160 (peak), 2088, 6160, 4120, 4072, 8144 (peak), 4072, 0.
    [MallocLabReferenceFact]
    public void Peak_live_payload_follows_the_labs_definition_on_the_labs_short_trace()
    {
        var trace = Trace.Load(RepositoryFiles.MallocLab("classic", "short1-bal.rep"));
        var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("first"));

        Assert.Equal(8144, result.PeakLivePayload);
        Assert.Equal(8144.0 / result.HeapSize, result.Utilization);
    }

    // Worked by hand for the "first" allocator (8-byte header, sizes rounded to 8, heap from 0, grows exactly) on
    // Traces/worked-bal.rep: a 0 1000 -> block [0, 1008) payload 8; a 1 500 -> 512-byte block [1008, 1520) payload 1016;
    // f 0 -> free [0, 1008); a 2 200 -> 208-byte block carved from the free block's low end, payload 8;
    // a 3 3000 -> 3008 bytes fit in no free block (800 are left), so the heap grows: [1520, 4528) payload 1528.
    [Fact]
    public void Placements_record_each_ops_address_and_block()
    {
        var trace = Trace.Load(WorkedTrace);
        var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("first"));

        Assert.Equal(new OpPlacement(0, 5, 'a', 0, 1000, 8, 0, 1008, 1), result.Placements[0] with { SearchSteps = 1 });
        Assert.Equal((1016L, 1008L, 512L), (result.Placements[1].Address, result.Placements[1].BlockAddress, result.Placements[1].BlockSize));
        Assert.Equal((8L, 0L, 208L), (result.Placements[3].Address, result.Placements[3].BlockAddress, result.Placements[3].BlockSize));
        Assert.Equal((1528L, 1520L, 3008L), (result.Placements[4].Address, result.Placements[4].BlockAddress, result.Placements[4].BlockSize));
        Assert.Equal(4528, result.HeapSize);
    }

    // The same by hand on the lab's short1-bal.rep: a 0 2040 -> block [0, 2048) payload 8; a 1 2040 -> [2048, 4096)
    // payload 2056; f 1 -> free [2048, 4096); a 2 48 -> 56-byte block carved from the free block's low end at 2048, payload 2056.
    [MallocLabReferenceFact]
    public void Placements_record_each_ops_address_and_block_on_the_labs_short_trace()
    {
        var trace = Trace.Load(RepositoryFiles.MallocLab("classic", "short1-bal.rep"));
        var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("first"));

        Assert.Equal(new OpPlacement(0, 5, 'a', 0, 2040, 8, 0, 2048, 1), result.Placements[0] with { SearchSteps = 1 });
        Assert.Equal((2056L, 2048L, 2048L), (result.Placements[1].Address, result.Placements[1].BlockAddress, result.Placements[1].BlockSize));
        Assert.Equal((2056L, 2048L, 56L), (result.Placements[3].Address, result.Placements[3].BlockAddress, result.Placements[3].BlockSize));
    }

    [Fact]
    public void Steps_carry_metrics_a_notebook_can_plot() =>
        AssertStepsCarryMetrics(TraceGenerator.Generate(Workload.Random, seed: 5, blocks: 200));

    [MallocLabReferenceFact]
    public void Steps_carry_metrics_a_notebook_can_plot_on_the_labs_short_trace() =>
        AssertStepsCarryMetrics(Trace.Load(RepositoryFiles.MallocLab("classic", "short2-bal.rep")));

    private static void AssertStepsCarryMetrics(Trace trace)
    {
        var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("buddy"), new ReplayOptions(RecordSteps: true, RecordBlocks: true));

        Assert.Equal(trace.Ops.Count, result.Steps.Count);
        foreach (var step in result.Steps)
        {
            Assert.Equal(step.HeapSize, step.Blocks!.Sum(b => b.Size));
            Assert.Equal(step.LivePayload, step.Fragmentation.LivePayload);
            Assert.InRange(step.Fragmentation.ExternalFragmentation, 0.0, 1.0);
        }
        Assert.Equal(0, result.Steps[^1].LivePayload);
    }

    [Fact]
    public void Running_out_of_heap_fails_the_replay_at_the_op_that_could_not_be_served()
    {
        var trace = Trace.Parse("0\n2\n2\n1\na 0 4000\na 1 4000\n", "tiny.rep");
        var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("segregated", maxHeapSize: 6000));

        Assert.False(result.Correct);
        Assert.StartsWith("tiny.rep:6: ", result.Error);
        Assert.Contains("maximum size", result.Error);
        Assert.Equal(1, result.Ops);
    }

    [Fact]
    public void A_misbehaving_allocator_is_caught_by_the_payload_checker()
    {
        var trace = Trace.Parse("0\n2\n2\n1\na 0 16\na 1 16\n", "two.rep");
        var result = TraceReplayer.Replay(trace, new OverlappingAllocator());

        Assert.False(result.Correct);
        Assert.Contains("two.rep:6: payload [8, 24) overlaps the live payload [0, 16)", result.Error);
    }

    [Fact]
    public void The_payload_checker_rejects_misaligned_and_out_of_heap_payloads()
    {
        var checker = new PayloadChecker();
        Assert.Contains("aligned", checker.Add(12, 8, 0, 100));
        Assert.Contains("outside the heap", checker.Add(96, 8, 0, 100));
        Assert.Null(checker.Add(0, 8, 0, 100));
        Assert.Null(checker.Add(8, 8, 0, 100));
        Assert.Contains("overlaps", checker.Add(8, 8, 0, 100));
        checker.Remove(8);
        Assert.Null(checker.Add(8, 8, 0, 100));
    }

    // Hands out every payload 8 bytes after the previous one: the second 16-byte request overlaps the first.
    private sealed class OverlappingAllocator : AllocatorBase
    {
        private long _next;
        public override string Name => "overlapping";
        public override long HeapStart => 0;
        public override long HeapSize => 1024;
        protected override AllocationResult AllocateBlock(long size) { long a = _next; _next += 8; return new(AllocationStatus.Ok, a, a, size, 0); }
        protected override AllocationResult FreeBlock(long address) => new(AllocationStatus.Ok, address, address, 0, 0);
        public override IReadOnlyList<HeapBlock> Blocks() => [];
    }
}
