using MemoryCourse.Allocation.FreeList;

namespace MemoryCourse.Allocation.Segments;

/// <summary>
/// Variable-size segments (seed 000, "Segmentation"): each request gets a segment of exactly its size (rounded
/// only to 8 bytes for alignment), described by a base and a bound kept outside the heap, so there is almost no
/// internal fragmentation. As segments of different sizes come and go, the free space breaks into holes between
/// them — external fragmentation. Built as a first-fit, address-ordered, coalescing free list with no header.
/// </summary>
public static class SegmentAllocator
{
    /// <summary>Creates a segment allocator over an empty heap that grows as needed.</summary>
    public static FreeListAllocator Create(FitPolicy policy = FitPolicy.First, long maxHeapSize = 1L << 26) =>
        new(new FreeListOptions(
            Policy: policy, Order: ListOrder.AddressSorted, Coalesce: true, HeaderSize: 0, Alignment: 8,
            BaseAddress: 0, InitialSize: 0, GrowthChunk: 8, MaxHeapSize: maxHeapSize, Name: "segments"));
}
