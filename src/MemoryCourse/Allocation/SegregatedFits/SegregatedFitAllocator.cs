using MemoryCourse.Allocation.BoundaryTags;

namespace MemoryCourse.Allocation.SegregatedFits;

/// <summary>
/// Segregated fits (CS:APP 9.9.14): one explicit free list per size class — [16,32), [32,64), [64,128), ... —
/// with CS:APP's boundary-tag blocks. A request searches the list of its own class first and moves to larger
/// classes only when that list has nothing that fits; the first fitting block is split and the remainder goes to
/// the list of its own class. Searching one class approximates best fit at close to O(1) cost, which is why
/// production allocators (glibc's bins among them) are built this way.
/// </summary>
public sealed class SegregatedFitAllocator : BoundaryTagAllocator
{
    /// <summary>Number of size classes; the last one holds every block of 2^(ClassCount+3) bytes or more.</summary>
    public const int ClassCount = 24;

    private readonly long[] _heads = new long[ClassCount];
    // Bit c is set while class c's list is non-empty (glibc's "binmap"): a search skips empty classes in O(1).
    private uint _nonEmpty;

    /// <summary>Creates a segregated-fits allocator over an empty heap.</summary>
    public SegregatedFitAllocator(long chunkSize = 4096, long maxHeapSize = 1L << 26) : base(chunkSize, maxHeapSize) { }

    /// <inheritdoc />
    public override string Name => "segregated";

    /// <summary>The size class of a block of <paramref name="size"/> bytes: floor(log2(size)) - 4, capped.</summary>
    public static int ClassOf(long size) => Math.Min(ClassCount - 1, Math.Max(0, 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)size) - 4));

    /// <inheritdoc />
    protected override void InsertFree(long bp, long size)
    {
        int c = ClassOf(size);
        WriteLink(bp, 0);
        WriteLink(bp + 4, _heads[c]);
        if (_heads[c] != 0) WriteLink(_heads[c], bp);
        _heads[c] = bp;
        _nonEmpty |= 1u << c;
    }

    /// <inheritdoc />
    protected override void RemoveFree(long bp, long size)
    {
        int c = ClassOf(size);
        long prev = ReadLink(bp), next = ReadLink(bp + 4);
        if (prev != 0) WriteLink(prev + 4, next); else _heads[c] = next;
        if (next != 0) WriteLink(next, prev);
        if (_heads[c] == 0) _nonEmpty &= ~(1u << c);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Classes are visited in increasing order, each list from its head, as a plain loop over the classes would;
    /// the bitmap only skips the empty ones (O(1) per skip). Cost: O(classes with blocks + blocks examined).
    /// </remarks>
    protected override long FindFit(long asize, out long steps)
    {
        steps = 0;
        for (uint classes = _nonEmpty & (~0u << ClassOf(asize)); classes != 0; classes &= classes - 1)
        {
            int c = System.Numerics.BitOperations.TrailingZeroCount(classes);
            for (long bp = _heads[c]; bp != 0; bp = ReadLink(bp + 4))
            {
                steps++;
                if (SizeOf(bp) >= asize) return bp;
            }
        }
        return 0;
    }
}
