using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Allocation.MemoryPool;

/// <summary>
/// A memory pool (seed 000, "Memory pool"): blocks of one fixed size, set aside in advance in chunks and handed
/// out and taken back in O(1) from a stack of free blocks. Blocks never split or merge, so there is no external
/// fragmentation among them; the price is internal fragmentation when a request is smaller than the block, and
/// memory that stays reserved for the pool even when nothing uses it. A request larger than the block size is
/// refused (<see cref="AllocationStatus.TooLarge"/>).
/// </summary>
public sealed class MemoryPool : AllocatorBase
{
    private readonly Func<long, long> _obtain;
    private readonly Stack<long> _free = new();
    private readonly HashSet<long> _used = new();
    private readonly List<long> _chunks = new();
    private readonly long _baseAddress;
    private long _end;

    /// <summary>A pool with its own heap starting at <paramref name="baseAddress"/>.</summary>
    /// <param name="blockSize">Bytes of every block (a multiple of 8 keeps payloads aligned).</param>
    /// <param name="blocksPerChunk">Blocks set aside each time the pool runs dry.</param>
    /// <param name="maxHeapSize">The pool never reserves more than this many bytes.</param>
    /// <param name="baseAddress">Address of the pool's first byte.</param>
    public MemoryPool(long blockSize, int blocksPerChunk = 64, long maxHeapSize = 1L << 26, long baseAddress = 0)
        : this(blockSize, blocksPerChunk, null!)
    {
        _baseAddress = baseAddress;
        _end = baseAddress;
        _obtain = bytes =>
        {
            if (_end - _baseAddress + bytes > maxHeapSize) return -1;
            long start = _end;
            _end += bytes;
            return start;
        };
    }

    // A pool that gets its chunks from a heap shared with other pools (see PoolAllocator).
    internal MemoryPool(long blockSize, int blocksPerChunk, Func<long, long> obtainChunk)
    {
        if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "The block size must be positive.");
        if (blocksPerChunk <= 0) throw new ArgumentOutOfRangeException(nameof(blocksPerChunk), blocksPerChunk, "A chunk must hold at least one block.");
        BlockSize = blockSize;
        BlocksPerChunk = blocksPerChunk;
        _obtain = obtainChunk;
    }

    /// <summary>Bytes of every block.</summary>
    public long BlockSize { get; }

    /// <summary>Blocks reserved at a time.</summary>
    public int BlocksPerChunk { get; }

    /// <inheritdoc />
    public override string Name => "pool";

    /// <inheritdoc />
    public override long HeapStart => _chunks.Count == 0 ? _baseAddress : _chunks[0];

    /// <summary>Bytes reserved by the pool (all its chunks).</summary>
    public override long HeapSize => _chunks.Count * BlockSize * BlocksPerChunk;

    /// <summary>Blocks currently free in the pool.</summary>
    public int FreeCount => _free.Count;

    /// <inheritdoc />
    protected override AllocationResult AllocateBlock(long size)
    {
        if (size > BlockSize) return AllocationResult.Failed(AllocationStatus.TooLarge);
        if (_free.Count == 0 && !AddChunk()) return AllocationResult.Failed(AllocationStatus.OutOfMemory, 1);
        long address = _free.Pop(); // O(1)
        _used.Add(address);
        return new AllocationResult(AllocationStatus.Ok, address, address, BlockSize, 1);
    }

    /// <inheritdoc />
    protected override AllocationResult FreeBlock(long address)
    {
        _used.Remove(address);
        _free.Push(address);
        return new AllocationResult(AllocationStatus.Ok, address, address, BlockSize, 0);
    }

    /// <inheritdoc />
    protected override AllocationResult? TryResizeInPlace(long address, long oldSize, long newSize) =>
        newSize <= BlockSize ? new AllocationResult(AllocationStatus.Ok, address, address, BlockSize, 0) : null;

    /// <inheritdoc />
    public override IReadOnlyList<HeapBlock> Blocks()
    {
        var blocks = new List<HeapBlock>(_chunks.Count * BlocksPerChunk);
        foreach (long chunk in _chunks)
            for (int i = 0; i < BlocksPerChunk; i++)
            {
                long a = chunk + i * BlockSize;
                blocks.Add(_used.Contains(a) ? HeapBlock.UsedBlock(a, BlockSize, a, RequestedSize(a)) : HeapBlock.FreeBlock(a, BlockSize));
            }
        return blocks;
    }

    private bool AddChunk()
    {
        long start = _obtain(BlockSize * BlocksPerChunk);
        if (start < 0) return false;
        _chunks.Add(start);
        // Pushed high to low so the lowest address is handed out first.
        for (int i = BlocksPerChunk - 1; i >= 0; i--) _free.Push(start + i * BlockSize);
        return true;
    }
}
