using System.Globalization;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>The rebuilt start-up heap against node's own: what a full collection leaves of it.</summary>
public class AllocJsStartupHeapTests
{
    [Fact]
    public void A_full_collection_of_the_startup_heap_leaves_what_node_kept_after_gc()
    {
        // Truth: data/node/heap-limit/survival/start-gc.txt, old + code + new space in use after gc().
        string path = RepositoryFiles.InRepo("data", "node", "heap-limit", "survival", "start-gc.txt");
        var after = File.ReadLines(path).SkipWhile(l => !l.StartsWith("-- after gc()", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Split(' '))
            .Where(f => f[0] is "old_space" or "code_space" or "new_space")
            .Sum(f => long.Parse(f[2], CultureInfo.InvariantCulture));

        var heap = new Heap(HeapOptions.Node20 with { IncrementalMarking = false });
        AllocJsWorkload.BuildStartupHeap(heap);
        long before = heap.Occupancy().TotalBytes - heap.LargeObjects.SizeOfObjects;
        heap.CollectFull();
        long kept = heap.Occupancy().TotalBytes - heap.LargeObjects.SizeOfObjects;

        Assert.True(before - kept > 600_000, $"the first mark-compact freed only {before - kept} bytes of start-up garbage");
        Assert.InRange(kept, after - 1024, after + 1024);   // within a KB: the script context and keep array, chunk rounding
    }
}
