using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemoryCourse.Allocation.Allocators;

/// <summary>
/// What every simulated allocator shares: it remembers which payload addresses are live and how many bytes the
/// program asked for, so it can refuse a bad request (size zero or negative, a double free, a pointer it never
/// handed out, a size above <see cref="MaxRequestSize"/>) before the allocator's own bookkeeping is touched. Subclasses only place and release blocks.
/// Realloc is done in place when the subclass can, otherwise as malloc-copy-free: the old block is released only
/// after the new one was obtained, so a failed realloc leaves the old block intact, as C's realloc does.
/// </summary>
public abstract class AllocatorBase : IAllocator
{
    // Every payload address handed out so far -> bytes the program requested while it is live, or Freed once it
    // was freed and not handed out again (so a second free says "double free", not "unknown pointer").
    // One table, one hash lookup per malloc, free or realloc: O(1) validation of every request.
    private readonly Dictionary<long, long> _requested = new();
    private const long Freed = 0; // never a live size: sizes are at least 1

    /// <summary>
    /// The largest request any simulated allocator considers: 1 TiB. A larger one fails as
    /// <see cref="AllocationStatus.TooLarge"/> before any arithmetic on it, so headers, alignment and heap
    /// growth added to a request can never overflow.
    /// </summary>
    public const long MaxRequestSize = 1L << 40;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract long HeapStart { get; }

    /// <inheritdoc />
    public abstract long HeapSize { get; }

    /// <inheritdoc />
    public long LivePayload { get; private set; }

    /// <summary>Number of live allocations.</summary>
    public int LiveCount { get; private set; }

    /// <inheritdoc />
    public AllocationResult Allocate(long size)
    {
        if (size <= 0) return AllocationResult.Failed(AllocationStatus.InvalidSize);
        if (size > MaxRequestSize) return AllocationResult.Failed(AllocationStatus.TooLarge);
        var result = AllocateBlock(size);
        if (result.Succeeded) Track(result.Address, size);
        return result;
    }

    /// <inheritdoc />
    public AllocationResult Free(long address)
    {
        ref long size = ref CollectionsMarshal.GetValueRefOrNullRef(_requested, address);
        if (Unsafe.IsNullRef(ref size)) return AllocationResult.Failed(AllocationStatus.UnknownPointer);
        if (size == Freed) return AllocationResult.Failed(AllocationStatus.DoubleFree);
        LivePayload -= size;
        LiveCount--;
        size = Freed;
        return FreeBlock(address);
    }

    /// <inheritdoc />
    public AllocationResult Reallocate(long address, long size)
    {
        ref long entry = ref CollectionsMarshal.GetValueRefOrNullRef(_requested, address);
        if (Unsafe.IsNullRef(ref entry)) return AllocationResult.Failed(AllocationStatus.UnknownPointer);
        long oldSize = entry;
        if (oldSize == Freed) return AllocationResult.Failed(AllocationStatus.DoubleFree);
        if (size <= 0) return AllocationResult.Failed(AllocationStatus.InvalidSize);
        if (size > MaxRequestSize) return AllocationResult.Failed(AllocationStatus.TooLarge);
        var inPlace = TryResizeInPlace(address, oldSize, size); // the table is not touched: `entry` stays valid
        if (inPlace is { } resized)
        {
            entry = size;
            LivePayload += size - oldSize;
            return resized;
        }
        var moved = AllocateBlock(size);
        if (!moved.Succeeded) return moved;
        FreeBlock(address);
        entry = Freed; // before Track, which may grow the table and move its entries
        LivePayload -= oldSize;
        LiveCount--;
        Track(moved.Address, size);
        return moved;
    }

    /// <inheritdoc />
    public abstract IReadOnlyList<HeapBlock> Blocks();

    /// <summary>Bytes the program requested for the live payload at <paramref name="address"/>, or -1 when none is live.</summary>
    public long RequestedSize(long address) => _requested.TryGetValue(address, out long size) && size != Freed ? size : -1;

    /// <summary>Places a block for a valid request (<paramref name="size"/> &gt; 0). Returns the payload address.</summary>
    protected abstract AllocationResult AllocateBlock(long size);

    /// <summary>Releases the live block whose payload starts at <paramref name="address"/>.</summary>
    protected abstract AllocationResult FreeBlock(long address);

    /// <summary>
    /// Resizes the live block at <paramref name="address"/> without moving it, or returns null when the allocator
    /// cannot. The default keeps the block when the new size fits the bytes it already has.
    /// </summary>
    protected virtual AllocationResult? TryResizeInPlace(long address, long oldSize, long newSize) => null;

    private void Track(long address, long size)
    {
        ref long entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_requested, address, out _);
        if (entry != Freed) throw new InvalidOperationException($"{Name} handed out address {address}, which is still live.");
        entry = size;
        LivePayload += size;
        LiveCount++;
    }

    /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="alignment"/> (&gt; 0).</summary>
    public static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
