namespace MemoryCourse.Allocation.Allocators;

/// <summary>What a stretch of the heap is being used for.</summary>
public enum BlockKind
{
    /// <summary>Available for a future allocation.</summary>
    Free,
    /// <summary>Handed out to the program; its payload is live data.</summary>
    Used,
    /// <summary>Bookkeeping the allocator keeps inside the heap (padding, prologue, epilogue), never handed out.</summary>
    Metadata,
}

/// <summary>
/// One block of a simulated heap, as a notebook draws it in the heap strip: where it starts, how many bytes it
/// spans, and whether it is free or used. A used block also says where the program's payload starts and how many
/// bytes the program asked for; everything else in the block (header, footer, rounding) is internal fragmentation.
/// The blocks an allocator reports always tile its heap exactly, from <c>HeapStart</c> to <c>HeapStart + HeapSize</c>.
/// </summary>
/// <param name="Address">First byte of the block (its header, if the allocator keeps one).</param>
/// <param name="Size">Bytes the block spans, header and padding included.</param>
/// <param name="Kind">Free, used, or allocator metadata.</param>
/// <param name="PayloadAddress">Address handed to the program (used blocks), else <paramref name="Address"/>.</param>
/// <param name="Payload">Bytes the program requested (used blocks), else 0.</param>
public readonly record struct HeapBlock(long Address, long Size, BlockKind Kind, long PayloadAddress, long Payload)
{
    /// <summary>One past the last byte of the block.</summary>
    public long End => Address + Size;

    /// <summary>True when the block is available for allocation.</summary>
    public bool IsFree => Kind == BlockKind.Free;

    /// <summary>Bytes of the block that carry no payload: header, footer, alignment and size-class rounding.</summary>
    public long Overhead => Kind == BlockKind.Free ? 0 : Size - Payload;

    /// <summary>A free block.</summary>
    public static HeapBlock FreeBlock(long address, long size) => new(address, size, BlockKind.Free, address, 0);

    /// <summary>A used block whose payload starts at <paramref name="payloadAddress"/>.</summary>
    public static HeapBlock UsedBlock(long address, long size, long payloadAddress, long payload) =>
        new(address, size, BlockKind.Used, payloadAddress, payload);

    /// <summary>Allocator bookkeeping that is never handed out.</summary>
    public static HeapBlock MetadataBlock(long address, long size) => new(address, size, BlockKind.Metadata, address, 0);
}
