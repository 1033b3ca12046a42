using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Allocation.BoundaryTags;

/// <summary>
/// The heap layout of CS:APP section 9.9: every block carries a 4-byte header and a 4-byte footer (its
/// "boundary tags") holding the block size with the allocated bit in bit 0; blocks are 8-byte aligned and at
/// least 16 bytes. A padding word, a prologue block and an epilogue header frame the heap so coalescing never
/// needs edge cases. Freeing merges with both neighbours at once (the footer of the block before says whether it
/// is free: O(1)). The heap grows with <c>sbrk</c> when nothing fits. Subclasses decide how free blocks are
/// found: by walking every block (implicit list), a list of free blocks (explicit), or lists per size class
/// (segregated fits).
/// </summary>
public abstract class BoundaryTagAllocator : AllocatorBase
{
    /// <summary>Word size: header and footer are one word each.</summary>
    protected const long WordSize = 4;
    /// <summary>Smallest block: header, two words of payload (room for two free-list links), footer.</summary>
    protected const long MinBlock = 16;

    private readonly long _chunkSize;

    /// <summary>The simulated memory holding the heap, tags and all.</summary>
    protected SimulatedMemory Memory { get; }

    /// <summary>Builds the empty heap: padding, prologue and epilogue (16 bytes); the first malloc grows it.</summary>
    /// <param name="chunkSize">Bytes the heap grows by at least when nothing fits (CS:APP uses 4096).</param>
    /// <param name="maxHeapSize">The heap never grows beyond this many bytes.</param>
    protected BoundaryTagAllocator(long chunkSize, long maxHeapSize)
    {
        if (chunkSize < 0) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "The chunk size must be 0 or more.");
        _chunkSize = AlignUp(chunkSize, 8);
        Memory = new SimulatedMemory(maxHeapSize);
        if (!Memory.TrySbrk(4 * WordSize, out _))
            throw new ArgumentOutOfRangeException(nameof(maxHeapSize), maxHeapSize, "The heap must hold at least 16 bytes.");
        Memory.WriteWord(0, 0);                 // alignment padding
        Memory.WriteWord(4, Pack(8, true));     // prologue header
        Memory.WriteWord(8, Pack(8, true));     // prologue footer
        Memory.WriteWord(12, Pack(0, true));    // epilogue header
    }

    /// <inheritdoc />
    public override long HeapStart => 0;

    /// <inheritdoc />
    public override long HeapSize => Memory.Break;

    /// <summary>Payload address of the first real block (right after the prologue).</summary>
    protected const long FirstBlock = 16;

    /// <summary>
    /// Adds a free block to the subclass's index of free blocks. <paramref name="size"/> is the block's size as its
    /// tags say; callers have just read or written them, so the index need not read the header again.
    /// </summary>
    protected abstract void InsertFree(long bp, long size);

    /// <summary>Removes a free block of <paramref name="size"/> bytes (as its tags say) from the subclass's index of free blocks.</summary>
    protected abstract void RemoveFree(long bp, long size);

    /// <summary>A free block of at least <paramref name="asize"/> bytes, or 0; <paramref name="steps"/> counts blocks examined.</summary>
    protected abstract long FindFit(long asize, out long steps);

    /// <summary>Header word value: size with the allocated bit.</summary>
    protected static uint Pack(long size, bool allocated) => (uint)size | (allocated ? 1u : 0u);

    /// <summary>Block size read from the header of the block whose payload is at <paramref name="bp"/>.</summary>
    protected long SizeOf(long bp) => Memory.ReadWord(bp - WordSize) & ~7u;

    /// <summary>Allocated bit from the header.</summary>
    protected bool IsAllocated(long bp) => (Memory.ReadWord(bp - WordSize) & 1u) != 0;

    /// <summary>Payload address of the next block in memory.</summary>
    protected long NextBlock(long bp) => bp + SizeOf(bp);

    /// <summary>Payload address of the previous block in memory, from its footer.</summary>
    protected long PreviousBlock(long bp) => bp - (Memory.ReadWord(bp - 2 * WordSize) & ~7u);

    private void SetTags(long bp, long size, bool allocated)
    {
        Memory.WriteWord(bp - WordSize, Pack(size, allocated));
        Memory.WriteWord(bp + size - 2 * WordSize, Pack(size, allocated));
    }

    /// <summary>Adjusted block size for a request: payload plus header and footer, rounded up to 8, at least 16.</summary>
    protected static long AdjustedSize(long size) => Math.Max(MinBlock, AlignUp(size + 2 * WordSize, 8));

    /// <inheritdoc />
    protected override AllocationResult AllocateBlock(long size)
    {
        long asize = AdjustedSize(size);
        long bp = FindFit(asize, out long steps);
        if (bp == 0)
        {
            // Grow by what is missing beyond a free block at the top of the heap, at least one chunk.
            long top = TopFreeBlockSize();
            bp = ExtendHeap(Math.Max(asize - top, _chunkSize));
            if (bp == 0) return AllocationResult.Failed(AllocationStatus.OutOfMemory, steps);
        }
        long blockSize = Place(bp, asize);
        return new AllocationResult(AllocationStatus.Ok, bp, bp - WordSize, blockSize, steps);
    }

    /// <inheritdoc />
    protected override AllocationResult FreeBlock(long bp)
    {
        long size = SizeOf(bp);
        SetTags(bp, size, false);
        Coalesce(bp, size);
        return new AllocationResult(AllocationStatus.Ok, bp, bp - WordSize, size, 0);
    }

    /// <summary>
    /// Shrinks in place, or grows into a free next block, or (at the top of the heap) grows the heap under the
    /// block, so a growing buffer does not leave a trail of copies behind it.
    /// </summary>
    protected override AllocationResult? TryResizeInPlace(long bp, long oldSize, long newSize)
    {
        long asize = AdjustedSize(newSize);
        long csize = SizeOf(bp);
        if (asize <= csize)
        {
            if (csize - asize >= MinBlock)
            {
                SetTags(bp, asize, true);
                long rest = bp + asize;
                SetTags(rest, csize - asize, false);
                Coalesce(rest, csize - asize);
                return Resized(bp, asize);
            }
            return Resized(bp, csize);
        }
        long next = bp + csize;
        uint nextTag = Memory.ReadWord(next - WordSize);
        bool nextFree = (nextTag & 1u) == 0;
        long nextSize = nextTag & ~7u;
        long available = csize + (nextFree ? nextSize : 0);
        bool atTop = nextFree ? SizeOf(next + nextSize) == 0 : nextSize == 0;
        if (available < asize)
        {
            if (!atTop) return null;
            if (ExtendHeap(asize - available) == 0) return null; // merges with the free next block, if any
            nextSize = SizeOf(next);
            available = csize + nextSize;
        }
        RemoveFree(next, nextSize);
        if (available - asize >= MinBlock)
        {
            SetTags(bp, asize, true);
            long rest = bp + asize;
            SetTags(rest, available - asize, false);
            InsertFree(rest, available - asize);
            return Resized(bp, asize);
        }
        SetTags(bp, available, true);
        return Resized(bp, available);
    }

    private static AllocationResult Resized(long bp, long blockSize) => new(AllocationStatus.Ok, bp, bp - WordSize, blockSize, 0);

    private long TopFreeBlockSize()
    {
        long lastFooter = Memory.Break - 2 * WordSize;
        uint tag = Memory.ReadWord(lastFooter);
        return (tag & 1u) == 0 ? tag & ~7u : 0;
    }

    // Grows the heap by `bytes` (rounded to 8, at least a minimum block, or the new free block would have no room
    // for its list links) as one free block in place of the old epilogue, merged with a free block before it.
    // Returns its payload address, or 0 when the heap may not grow that much.
    private long ExtendHeap(long bytes)
    {
        bytes = Math.Max(MinBlock, AlignUp(bytes, 8));
        if (!Memory.TrySbrk(bytes, out long oldBreak)) return 0;
        long bp = oldBreak; // the old epilogue header becomes this block's header
        SetTags(bp, bytes, false);
        Memory.WriteWord(bp + bytes - WordSize, Pack(0, true)); // new epilogue
        return Coalesce(bp, bytes);
    }

    // Marks `asize` bytes of free block bp allocated, splitting off the rest when it can form a block.
    // Returns the size of the block now allocated. O(1) plus index updates.
    private long Place(long bp, long asize)
    {
        long csize = SizeOf(bp);
        RemoveFree(bp, csize);
        if (csize - asize >= MinBlock)
        {
            SetTags(bp, asize, true);
            long rest = bp + asize;
            SetTags(rest, csize - asize, false);
            InsertFree(rest, csize - asize);
            return asize;
        }
        SetTags(bp, csize, true);
        return csize;
    }

    // The four cases of boundary-tag coalescing; bp is free, `size` bytes, and not in the index. O(1) plus index
    // updates: each neighbour's tag is read once.
    private long Coalesce(long bp, long size)
    {
        long prev = PreviousBlock(bp);
        long next = bp + size;
        bool prevAllocated = IsAllocated(prev);
        uint nextTag = Memory.ReadWord(next - WordSize);
        if ((nextTag & 1u) == 0)
        {
            long nextSize = nextTag & ~7u;
            RemoveFree(next, nextSize);
            size += nextSize;
        }
        if (!prevAllocated)
        {
            long prevSize = SizeOf(prev);
            RemoveFree(prev, prevSize);
            size += prevSize;
            bp = prev;
        }
        SetTags(bp, size, false);
        InsertFree(bp, size);
        return bp;
    }

    /// <inheritdoc />
    public override IReadOnlyList<HeapBlock> Blocks()
    {
        var blocks = new List<HeapBlock>
        {
            HeapBlock.MetadataBlock(0, 4),  // padding
            HeapBlock.MetadataBlock(4, 8),  // prologue
        };
        for (long bp = FirstBlock; SizeOf(bp) > 0; bp = NextBlock(bp))
        {
            long size = SizeOf(bp);
            blocks.Add(IsAllocated(bp)
                ? HeapBlock.UsedBlock(bp - WordSize, size, bp, RequestedSize(bp))
                : HeapBlock.FreeBlock(bp - WordSize, size));
        }
        blocks.Add(HeapBlock.MetadataBlock(Memory.Break - WordSize, WordSize)); // epilogue
        return blocks;
    }

    /// <summary>The free-list link stored in the payload word at <paramref name="address"/> (0 means none).</summary>
    protected long ReadLink(long address) => Memory.ReadWord(address);

    /// <summary>Stores a free-list link (a payload address, or 0 for none).</summary>
    protected void WriteLink(long address, long target) => Memory.WriteWord(address, (uint)target);
}
