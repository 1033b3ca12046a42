namespace MemoryCourse.Allocators;

/// <summary>
/// What every simulated allocator shares: it remembers which payload addresses are live and how many bytes the
/// program asked for, so it can refuse a bad request (size zero or negative, a double free, a pointer it never
/// handed out) before the allocator's own bookkeeping is touched. Subclasses only place and release blocks.
/// Realloc is done in place when the subclass can, otherwise as malloc-copy-free: the old block is released only
/// after the new one was obtained, so a failed realloc leaves the old block intact, as C's realloc does.
/// </summary>
public abstract class AllocatorBase : IAllocator
{
    // payload address -> bytes the program requested. O(1) validation of every free and realloc.
    private readonly Dictionary<long, long> _live = new();
    // Addresses freed and not handed out again since: lets a second free say "double free", not "unknown".
    private readonly HashSet<long> _freed = new();

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract long HeapStart { get; }

    /// <inheritdoc />
    public abstract long HeapSize { get; }

    /// <inheritdoc />
    public long LivePayload { get; private set; }

    /// <summary>Number of live allocations.</summary>
    public int LiveCount => _live.Count;

    /// <inheritdoc />
    public Allocation Allocate(long size)
    {
        if (size <= 0) return Allocation.Failed(AllocationStatus.InvalidSize);
        var result = AllocateBlock(size);
        if (result.Succeeded) Track(result.Address, size);
        return result;
    }

    /// <inheritdoc />
    public Allocation Free(long address)
    {
        if (!_live.Remove(address, out long size)) return Allocation.Failed(StatusOfDeadPointer(address));
        LivePayload -= size;
        _freed.Add(address);
        return FreeBlock(address);
    }

    /// <inheritdoc />
    public Allocation Reallocate(long address, long size)
    {
        if (!_live.TryGetValue(address, out long oldSize)) return Allocation.Failed(StatusOfDeadPointer(address));
        if (size <= 0) return Allocation.Failed(AllocationStatus.InvalidSize);
        var inPlace = TryResizeInPlace(address, oldSize, size);
        if (inPlace is { } resized)
        {
            _live[address] = size;
            LivePayload += size - oldSize;
            return resized;
        }
        var moved = AllocateBlock(size);
        if (!moved.Succeeded) return moved;
        FreeBlock(address);
        _live.Remove(address);
        LivePayload -= oldSize;
        _freed.Add(address);
        Track(moved.Address, size);
        return moved;
    }

    /// <inheritdoc />
    public abstract IReadOnlyList<HeapBlock> Blocks();

    /// <summary>Bytes the program requested for the live payload at <paramref name="address"/>, or -1 when none is live.</summary>
    public long RequestedSize(long address) => _live.TryGetValue(address, out long size) ? size : -1;

    /// <summary>Places a block for a valid request (<paramref name="size"/> &gt; 0). Returns the payload address.</summary>
    protected abstract Allocation AllocateBlock(long size);

    /// <summary>Releases the live block whose payload starts at <paramref name="address"/>.</summary>
    protected abstract Allocation FreeBlock(long address);

    /// <summary>
    /// Resizes the live block at <paramref name="address"/> without moving it, or returns null when the allocator
    /// cannot. The default keeps the block when the new size fits the bytes it already has.
    /// </summary>
    protected virtual Allocation? TryResizeInPlace(long address, long oldSize, long newSize) => null;

    private void Track(long address, long size)
    {
        _live.Add(address, size);
        _freed.Remove(address);
        LivePayload += size;
    }

    private AllocationStatus StatusOfDeadPointer(long address) =>
        _freed.Contains(address) ? AllocationStatus.DoubleFree : AllocationStatus.UnknownPointer;

    /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="alignment"/> (&gt; 0).</summary>
    public static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
