using System.Numerics;
using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Allocation.Buddy;

/// <summary>
/// A binary buddy allocator: every block is a power of two bytes and sits at an address that is a multiple of
/// its size. A request is rounded up to the next power of two (internal fragmentation up to almost half the
/// block); a larger free block is split in halves ("buddies") until one has the right size. On free, a block
/// whose buddy — the address with the block's size bit flipped — is also free merges with it, repeatedly, so
/// coalescing costs O(log heap) with no search. The heap itself is a power of two and doubles when no free block
/// is large enough (the old heap and the new half are buddies). Block sizes are kept beside the heap, as a
/// kernel's buddy allocator keeps them in its page descriptors, so blocks have no header.
/// </summary>
public sealed class BuddyAllocator : AllocatorBase
{
    private readonly int _minOrder;
    private readonly long _maxHeapSize;
    // Free blocks by order (block size 2^order), lowest address first for a deterministic choice. O(log n) each.
    private readonly SortedSet<long>[] _free = Enumerable.Range(0, 63).Select(_ => new SortedSet<long>()).ToArray();
    private readonly Dictionary<long, int> _orderOf = new(); // allocated block address -> order
    private long _heapSize;

    /// <summary>Creates an empty buddy heap.</summary>
    /// <param name="minBlock">Smallest block, a power of two (16 keeps payloads 16-byte aligned).</param>
    /// <param name="maxHeapSize">The heap never grows beyond this many bytes.</param>
    public BuddyAllocator(long minBlock = 16, long maxHeapSize = 1L << 26)
    {
        if (minBlock <= 0 || !BitOperations.IsPow2(minBlock))
            throw new ArgumentOutOfRangeException(nameof(minBlock), minBlock, "The smallest block must be a power of two.");
        _minOrder = BitOperations.Log2((ulong)minBlock);
        _maxHeapSize = maxHeapSize;
    }

    /// <inheritdoc />
    public override string Name => "buddy";

    /// <inheritdoc />
    public override long HeapStart => 0;

    /// <inheritdoc />
    public override long HeapSize => _heapSize;

    /// <summary>The order (log2 of the block size) a request of <paramref name="size"/> bytes gets.</summary>
    public int OrderFor(long size) => Math.Max(_minOrder, BitOperations.Log2((ulong)(size - 1)) + 1);

    /// <inheritdoc />
    protected override AllocationResult AllocateBlock(long size)
    {
        int order = size <= 1 ? _minOrder : OrderFor(size);
        if (order >= 62) return AllocationResult.Failed(AllocationStatus.OutOfMemory);
        long steps = 0;
        int found = FindOrder(order, ref steps);
        while (found < 0)
        {
            if (!Grow(order)) return AllocationResult.Failed(AllocationStatus.OutOfMemory, steps);
            found = FindOrder(order, ref steps);
        }
        long address = _free[found].Min;
        _free[found].Remove(address);
        // Split down: keep the low half, free the high half (its buddy), until the block has the wanted order.
        while (found > order)
        {
            found--;
            _free[found].Add(address + (1L << found));
        }
        _orderOf[address] = order;
        return new AllocationResult(AllocationStatus.Ok, address, address, 1L << order, steps);
    }

    /// <inheritdoc />
    protected override AllocationResult FreeBlock(long address)
    {
        _orderOf.Remove(address, out int order);
        Release(address, order);
        return new AllocationResult(AllocationStatus.Ok, address, address, 1L << order, 0);
    }

    /// <inheritdoc />
    protected override AllocationResult? TryResizeInPlace(long address, long oldSize, long newSize)
    {
        int order = _orderOf[address];
        return newSize <= 1L << order ? new AllocationResult(AllocationStatus.Ok, address, address, 1L << order, 0) : null;
    }

    /// <inheritdoc />
    public override IReadOnlyList<HeapBlock> Blocks()
    {
        var blocks = new List<HeapBlock>();
        for (int k = 0; k < _free.Length; k++)
            foreach (long a in _free[k]) blocks.Add(HeapBlock.FreeBlock(a, 1L << k));
        foreach (var (a, k) in _orderOf) blocks.Add(HeapBlock.UsedBlock(a, 1L << k, a, RequestedSize(a)));
        blocks.Sort((x, y) => x.Address.CompareTo(y.Address));
        return blocks;
    }

    // Smallest order >= wanted with a free block, or -1. Counts the orders looked at.
    private int FindOrder(int wanted, ref long steps)
    {
        int top = _heapSize == 0 ? -1 : BitOperations.Log2((ulong)_heapSize);
        for (int k = wanted; k <= top; k++)
        {
            steps++;
            if (_free[k].Count > 0) return k;
        }
        return -1;
    }

    // Doubles the heap (or creates it) so that a block of the given order can exist.
    private bool Grow(int order)
    {
        if (_heapSize == 0)
        {
            if (1L << order > _maxHeapSize) return false;
            _heapSize = 1L << order;
            _free[order].Add(0);
            return true;
        }
        if (_heapSize * 2 > _maxHeapSize) return false;
        long added = _heapSize;
        _heapSize *= 2;
        Release(added, BitOperations.Log2((ulong)added)); // merges with the old heap if that is entirely free
        return true;
    }

    // Frees a block and merges it with its buddy while the buddy is free. O(log heap).
    private void Release(long address, int order)
    {
        int top = BitOperations.Log2((ulong)_heapSize);
        while (order < top)
        {
            long buddy = address ^ (1L << order);
            if (!_free[order].Remove(buddy)) break;
            address = Math.Min(address, buddy);
            order++;
        }
        _free[order].Add(address);
    }
}
