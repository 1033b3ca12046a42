using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Heap;

/// <summary>
/// Which allocations start incremental marking when the old generation reaches its limit: old-generation
/// ones (V8's LargeObjectSpace::AllocateRaw and PagedSpace::RefillLabMain check), not a young large object,
/// which V8 places in new large-object space until the next collection promotes it.
/// </summary>
public class LargeObjectLimitTests
{
    // A heap whose old generation is 1 KiB under its first limit.
    private static Heap NearTheLimit()
    {
        var heap = new Heap(HeapOptions.Node20.WithMaxOldSpaceSize(64));
        long room = heap.Limit.Limit - heap.OldGenerationSize - 1024;
        while (room > 64 * 1024)
        {
            heap.Roots.Set($"old {room}", heap.Allocate(64 * 1024, 0, null, SpaceKind.OldSpace));
            room -= 64 * 1024;
        }
        Assert.Null(heap.Marking);
        return heap;
    }

    [Fact]
    public void A_young_large_object_past_the_limit_does_not_start_marking()
    {
        var heap = NearTheLimit();
        var store = heap.Allocate(512 * 1024, 0, "keep elements");
        Assert.Equal(SpaceKind.LargeObjectSpace, store.Space);
        Assert.True(heap.OldGenerationSize >= heap.Limit.Limit);
        Assert.Null(heap.Marking);
    }

    [Fact]
    public void An_old_large_object_past_the_limit_starts_marking()
    {
        var heap = NearTheLimit();
        heap.Allocate(512 * 1024, 0, "pretenured store", SpaceKind.LargeObjectSpace);
        Assert.NotNull(heap.Marking);
    }
}
