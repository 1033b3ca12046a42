namespace MemoryCourse.Allocation.BoundaryTags;

/// <summary>
/// CS:APP's explicit free list: free blocks are chained through their own payload (a predecessor and a successor
/// link), so a search visits only free blocks. Freed and split-off blocks go to the front of the list (LIFO), and
/// the search takes the first block that fits. Cost per malloc: O(free blocks) instead of O(all blocks).
/// </summary>
public sealed class ExplicitListAllocator(long chunkSize = 4096, long maxHeapSize = 1L << 26)
    : BoundaryTagAllocator(chunkSize, maxHeapSize)
{
    private long _head; // payload address of the first free block, 0 when none

    /// <inheritdoc />
    public override string Name => "explicit";

    /// <inheritdoc />
    protected override void InsertFree(long bp, long size)
    {
        WriteLink(bp, 0);          // predecessor
        WriteLink(bp + 4, _head);  // successor
        if (_head != 0) WriteLink(_head, bp);
        _head = bp;
    }

    /// <inheritdoc />
    protected override void RemoveFree(long bp, long size)
    {
        long prev = ReadLink(bp), next = ReadLink(bp + 4);
        if (prev != 0) WriteLink(prev + 4, next); else _head = next;
        if (next != 0) WriteLink(next, prev);
    }

    /// <inheritdoc />
    protected override long FindFit(long asize, out long steps)
    {
        steps = 0;
        for (long bp = _head; bp != 0; bp = ReadLink(bp + 4))
        {
            steps++;
            if (SizeOf(bp) >= asize) return bp;
        }
        return 0;
    }
}
