using MemoryCourse.Allocation.FreeList;

namespace MemoryCourse.Allocation.PageGranular;

/// <summary>
/// Page-granular allocation (seed 000, "Paging"): memory is handed out only in whole pages, so every request is
/// rounded up to a multiple of the page size. Free pages coalesce into runs and any run that is long enough can
/// serve a request, so the waste shows up as internal fragmentation — the unused tail of each request's last
/// page — rather than as unusable gaps. Built as a first-fit, address-ordered, coalescing free list with
/// page-sized alignment and no header.
/// </summary>
public static class PageAllocator
{
    /// <summary>Creates a page-granular allocator over an empty heap that grows a page at a time.</summary>
    public static FreeListAllocator Create(long pageSize = 4096, long maxHeapSize = 1L << 26)
    {
        if (pageSize <= 0 || (pageSize & 7) != 0)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be a positive multiple of 8.");
        return new FreeListAllocator(new FreeListOptions(
            Policy: FitPolicy.First, Order: ListOrder.AddressSorted, Coalesce: true, HeaderSize: 0, Alignment: pageSize,
            BaseAddress: 0, InitialSize: 0, GrowthChunk: pageSize, MaxHeapSize: maxHeapSize, Name: "pages"));
    }
}
