namespace MemoryCourse.Allocation.Allocators;

/// <summary>
/// A dynamic-memory allocator over a simulated heap: malloc, realloc and free on plain numbers instead of real
/// memory, so every placement decision can be traced, drawn and checked. Every allocator in the course implements
/// this, which lets the same workload (a malloc-lab trace, a generated trace, a notebook cell) run under each policy.
/// Bad requests never throw and never damage the heap: they come back with a status saying what was wrong.
/// </summary>
public interface IAllocator
{
    /// <summary>Short name used on the command line and in tables (<c>best</c>, <c>buddy</c>, ...).</summary>
    string Name { get; }

    /// <summary>Address of the first byte of the heap.</summary>
    long HeapStart { get; }

    /// <summary>Bytes the heap currently spans (what the allocator obtained from the simulated OS).</summary>
    long HeapSize { get; }

    /// <summary>Payload bytes currently allocated, as requested by the program.</summary>
    long LivePayload { get; }

    /// <summary>Allocates <paramref name="size"/> bytes (malloc).</summary>
    AllocationResult Allocate(long size);

    /// <summary>Frees the block whose payload starts at <paramref name="address"/> (free).</summary>
    AllocationResult Free(long address);

    /// <summary>Resizes the block at <paramref name="address"/> to <paramref name="size"/> bytes, moving it if needed (realloc).</summary>
    AllocationResult Reallocate(long address, long size);

    /// <summary>The heap as consecutive blocks in address order, tiling it exactly. O(blocks).</summary>
    IReadOnlyList<HeapBlock> Blocks();
}
