using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Heap;

/// <summary>The old generation's maximum (node's --max-old-space-size) and V8's out-of-memory verdicts on small heaps.</summary>
public class HeapLimitTests
{
    private const long MiB = HeapOptions.MiB;

    [Theory]
    [InlineData(24L << 30, 4096)]   // the reference machine: 24 GiB
    [InlineData(16L << 30, 4096)]
    [InlineData(8L << 30, 2048)]
    [InlineData(1L << 30, 512)]
    [InlineData(512L << 20, 256)]
    public void Default_max_old_space_follows_node_20_and_the_machines_memory(long physical, long expectedMiB)
    {
        Assert.Equal(expectedMiB, HeapOptions.DefaultMaxOldSpaceSizeMiB(physical));
    }

    [Fact]
    public void The_model_default_is_node_20s_default_on_the_reference_machine()
    {
        // Truth: the reference machine's heap_size_limit, 4345298944 bytes = 4144 MiB = 4096 of old space + 3 x 16 of new.
        Assert.Equal(4345298944L, HeapOptions.Node20.MaxOldGenerationSize + 3 * HeapOptions.Node20.MaxSemiSpaceSize);
        Assert.Equal(4096, HeapOptions.Node20.MaxOldSpaceSizeMiB);
    }

    [Theory]
    [InlineData(4096, 4.0)]
    [InlineData(2048, 4.0)]
    [InlineData(1152, 1.65)]
    [InlineData(256, 1.3)]
    [InlineData(64, 1.3)]
    public void The_largest_growing_factor_scales_with_the_maximum(long maxMiB, double factor)
    {
        Assert.Equal(factor, HeapOptions.Node20.WithMaxOldSpaceSize(maxMiB).MaxHeapGrowingFactor, 6);
        Assert.Equal(4.0, HeapOptions.Teaching.MaxHeapGrowingFactor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(long.MaxValue)]
    public void A_bad_max_old_space_size_is_refused_naming_it(long mib)
    {
        var e = Assert.Throws<HeapException>(() => HeapOptions.Node20.WithMaxOldSpaceSize(mib));
        Assert.Contains(mib.ToString(), e.Message);
    }

    [Fact]
    public void Keeping_everything_past_the_limit_reaches_the_heap_limit_and_the_heap_stays_dead()
    {
        var heap = new Heap(HeapOptions.Node20.WithMaxOldSpaceSize(16));
        void KeepEverything()
        {
            var holder = heap.Allocate(64, 1, "holder", SpaceKind.OldSpace);
            heap.Roots.Set("holder", holder);
            while (true)
            {
                var o = heap.Allocate(100_000, 1);   // 100 kB young objects, each kept by a chain
                heap.Write(o, 0, heap.Read(holder, 0));
                heap.Write(holder, 0, o);
            }
        }
        var e = Assert.Throws<HeapOutOfMemoryException>(KeepEverything);
        Assert.Equal(OutOfMemoryVerdict.ReachedHeapLimit, e.OutOfMemory.Verdict);
        Assert.Same(e.OutOfMemory, heap.OutOfMemory);
        Assert.True(e.OutOfMemory.OldGenerationCapacity > 16 * MiB);
        Assert.Equal("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", e.OutOfMemory.Message);
        Assert.NotEmpty(heap.Events);
        Assert.Throws<HeapOutOfMemoryException>(() => heap.Allocate(16));
    }

    [Fact]
    public void Near_the_limit_a_scavenge_that_might_not_succeed_becomes_a_mark_compact()
    {
        var run = AllocJsWorkload.Run(2_000_000, 176, 2, HeapOptions.Node20.WithMaxOldSpaceSize(32));
        Assert.Contains(run.Events, e => e.Kind == GcKind.MarkCompact && e.Reason == "scavenge might not succeed");
    }

    [Fact]
    public void A_large_object_that_never_fits_fails_after_the_last_resort_collection()
    {
        var heap = new Heap(HeapOptions.Node20.WithMaxOldSpaceSize(8));
        var e = Assert.Throws<HeapOutOfMemoryException>(() => heap.Allocate(9 * HeapOptions.MiB, 0, "too big"));
        Assert.Equal(OutOfMemoryVerdict.AllocationFailedAfterLastResort, e.OutOfMemory.Verdict);
        Assert.Equal("CALL_AND_RETRY_LAST", e.OutOfMemory.Reason);
        Assert.Equal(["allocation failure", "allocation failure", "last resort"], heap.Events.Select(x => x.Reason));
    }

    [Fact]
    public void Four_ineffective_mark_compacts_in_a_row_end_the_heap()
    {
        // Keeping every 10th array: each collection frees most of new space, so the heap creeps to the limit.
        var run = AllocJsWorkload.Run(100_000_000, 176, 10, HeapOptions.Node20.WithMaxOldSpaceSize(32));
        Assert.Equal(OutOfMemoryVerdict.IneffectiveMarkCompacts, run.OutOfMemory?.Verdict);
        // V8 checks each mark-compact against the average mu of the ones before it, and the fourth ineffective
        // one aborts before --trace-gc prints it: the last three printed ones and the fatal one were ineffective.
        var last = run.Events.Where(e => e.Kind == GcKind.MarkCompact).TakeLast(4).ToList();
        for (int i = 1; i < 4; i++)
            Assert.True(last[i - 1].AverageMu < 0.4 && last[i].After.OldGenerationBytes >= 0.8 * 32 * MiB,
                $"event {last[i].Index}: mu before {last[i - 1].AverageMu}, old after {last[i].After.OldGenerationBytes}");
        Assert.True(last[3].AverageMu < 0.4 && run.OutOfMemory!.OldGenerationBytes >= 0.8 * 32 * MiB);
        Assert.False(run.Completed);
        Assert.True(run.Allocated < run.Objects);
    }

    [Fact]
    public void Without_the_detection_the_same_run_goes_on_until_the_heap_limit()
    {
        var options = HeapOptions.Node20.WithMaxOldSpaceSize(32) with { DetectIneffectiveMarkCompacts = false };
        var run = AllocJsWorkload.Run(100_000_000, 176, 10, options);
        Assert.NotEqual(OutOfMemoryVerdict.IneffectiveMarkCompacts, run.OutOfMemory?.Verdict);
        Assert.NotNull(run.OutOfMemory);
    }

    [Fact]
    public void A_memory_reducing_mark_compact_shrinks_new_space_to_its_initial_size()
    {
        var run = AllocJsWorkload.Run(100_000_000, 176, 10, HeapOptions.Node20.WithMaxOldSpaceSize(128));
        var reduce = run.Events.First(e => e.ReducesMemory);
        Assert.Equal(GcKind.MarkCompact, reduce.Kind);
        Assert.Equal(HeapOptions.Node20.MinSemiSpaceSize, reduce.After.SemiSpaceCapacity);
        Assert.True(reduce.Before.SemiSpaceCapacity > reduce.After.SemiSpaceCapacity);
    }

    [Fact]
    public void Mutator_utilization_is_one_until_the_second_mark_compact_then_halves_the_weight_of_old_cycles()
    {
        var mu = new MutatorUtilization();
        mu.RecordMarkCompact(10, 2);
        Assert.Equal(1, mu.Current);
        Assert.Equal(1, mu.Average);
        mu.RecordMarkCompact(110, 40);          // 100 ms since the last one ended, 40 of them collecting
        Assert.Equal(0.6, mu.Current, 9);
        Assert.Equal(0.6, mu.Average, 9);
        mu.RecordMarkCompact(210, 90);          // averages: mc (40 + 90) / 2 = 65, mutator (60 + 10) / 2 = 35
        Assert.Equal(0.1, mu.Current, 9);
        Assert.Equal(0.35, mu.Average, 9);
    }

    [Fact]
    public void Verdicts_read_back_from_V8s_words()
    {
        foreach (var v in Enum.GetValues<OutOfMemoryVerdict>())
            Assert.Equal(v, HeapOutOfMemory.VerdictOf(HeapOutOfMemory.ReasonOf(v)));
        Assert.Null(HeapOutOfMemory.VerdictOf("GC during deserialization"));
    }
}
