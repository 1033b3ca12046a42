using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Allocation.MemoryPool;

/// <summary>
/// A general-purpose allocator built only from memory pools: one <see cref="MemoryPool"/> per power-of-two size
/// class (16, 32, 64, ... bytes), all reserving their chunks from one shared heap. A request goes to the pool of
/// the smallest class that holds it, in O(1). This is how slab and arena allocators serve small objects fast;
/// the cost is rounding to the class size and memory reserved per class that other classes cannot use.
/// </summary>
public sealed class PoolAllocator : AllocatorBase
{
    private const int MinClassLog = 4;
    private readonly MemoryPool[] _pools;
    private readonly Dictionary<long, int> _classOf = new(); // live payload -> pool index
    private readonly long _maxHeapSize;
    private long _break;

    /// <summary>Creates the pools.</summary>
    /// <param name="chunkBytes">Bytes a pool reserves when it runs dry (at least one block).</param>
    /// <param name="maxHeapSize">The shared heap never grows beyond this many bytes.</param>
    public PoolAllocator(long chunkBytes = 4096, long maxHeapSize = 1L << 26)
    {
        _maxHeapSize = maxHeapSize;
        _pools = new MemoryPool[31 - MinClassLog];
        for (int i = 0; i < _pools.Length; i++)
        {
            long block = 1L << (i + MinClassLog);
            _pools[i] = new MemoryPool(block, (int)Math.Max(1, chunkBytes / block), Obtain);
        }
    }

    /// <inheritdoc />
    public override string Name => "pool";

    /// <inheritdoc />
    public override long HeapStart => 0;

    /// <inheritdoc />
    public override long HeapSize => _break;

    /// <summary>The pools, smallest class first.</summary>
    public IReadOnlyList<MemoryPool> Pools => _pools;

    private long Obtain(long bytes)
    {
        if (_break + bytes > _maxHeapSize) return -1;
        long start = _break;
        _break += bytes;
        return start;
    }

    /// <inheritdoc />
    protected override AllocationResult AllocateBlock(long size)
    {
        int index = Math.Max(0, (int)Math.Ceiling(Math.Log2(size)) - MinClassLog);
        while (index < _pools.Length && _pools[index].BlockSize < size) index++; // guard against Log2 rounding
        if (index >= _pools.Length) return AllocationResult.Failed(AllocationStatus.TooLarge);
        var result = _pools[index].Allocate(size);
        if (result.Succeeded) _classOf[result.Address] = index;
        return result;
    }

    /// <inheritdoc />
    protected override AllocationResult FreeBlock(long address)
    {
        _classOf.Remove(address, out int index);
        return _pools[index].Free(address);
    }

    /// <inheritdoc />
    protected override AllocationResult? TryResizeInPlace(long address, long oldSize, long newSize)
    {
        var pool = _pools[_classOf[address]];
        if (newSize > pool.BlockSize) return null;
        var resized = pool.Reallocate(address, newSize);
        return resized;
    }

    /// <inheritdoc />
    public override IReadOnlyList<HeapBlock> Blocks()
    {
        var blocks = new List<HeapBlock>();
        foreach (var pool in _pools) blocks.AddRange(pool.Blocks());
        blocks.Sort((a, b) => a.Address.CompareTo(b.Address));
        return blocks;
    }
}
