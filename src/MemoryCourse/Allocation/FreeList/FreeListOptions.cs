namespace MemoryCourse.Allocation.FreeList;

/// <summary>
/// The knobs of a free-list allocator. The defaults are those of OSTEP's <c>malloc.py</c>: a 100-byte heap at
/// address 1000, no headers, no alignment, BEST fit, address-ordered list, no coalescing, and a heap that never
/// grows. Set <see cref="GrowthChunk"/> to let the heap grow like <c>sbrk</c> when no free block fits.
/// </summary>
/// <param name="Policy">Which fitting block to choose.</param>
/// <param name="Order">Where freed blocks are put in the list.</param>
/// <param name="Coalesce">Merge list-adjacent free blocks that touch, after every free.</param>
/// <param name="HeaderSize">Bytes of header in front of every allocated block.</param>
/// <param name="Alignment">Request sizes are rounded up to a multiple of this before the header is added; -1 for none.</param>
/// <param name="BaseAddress">Address of the first byte of the heap.</param>
/// <param name="InitialSize">Bytes of free space the heap starts with.</param>
/// <param name="GrowthChunk">
/// 0: fixed heap (malloc.py). Otherwise, when nothing fits, the heap grows by the missing bytes rounded up to a multiple of this.
/// </param>
/// <param name="MaxHeapSize">The heap never grows beyond this many bytes.</param>
/// <param name="UseSizeIndex">Answer BEST and WORST through a size-ordered index (address-sorted lists only); placement is identical.</param>
/// <param name="Name">Name shown in tables.</param>
public sealed record FreeListOptions(
    FitPolicy Policy = FitPolicy.Best,
    ListOrder Order = ListOrder.AddressSorted,
    bool Coalesce = false,
    long HeaderSize = 0,
    long Alignment = -1,
    long BaseAddress = 1000,
    long InitialSize = 100,
    long GrowthChunk = 0,
    long MaxHeapSize = 1L << 26,
    bool UseSizeIndex = true,
    string Name = "free-list");
