namespace MemoryCourse.Allocation.BoundaryTags;

/// <summary>
/// CS:APP's implicit free list: no list at all. To find a free block the allocator walks every block of the heap,
/// used or free, from the start, hopping header to header, and takes the first free one that fits. Simple and
/// compact, but each malloc costs O(all blocks) — the search-steps plot makes that visible.
/// </summary>
public sealed class ImplicitListAllocator(long chunkSize = 4096, long maxHeapSize = 1L << 26)
    : BoundaryTagAllocator(chunkSize, maxHeapSize)
{
    /// <inheritdoc />
    public override string Name => "implicit";

    /// <inheritdoc />
    protected override void InsertFree(long bp, long size) { }

    /// <inheritdoc />
    protected override void RemoveFree(long bp, long size) { }

    /// <inheritdoc />
    protected override long FindFit(long asize, out long steps)
    {
        steps = 0;
        // O(blocks): first fit over every block, allocated ones included.
        for (long bp = FirstBlock; SizeOf(bp) > 0; bp = NextBlock(bp))
        {
            steps++;
            if (!IsAllocated(bp) && SizeOf(bp) >= asize) return bp;
        }
        return 0;
    }
}
