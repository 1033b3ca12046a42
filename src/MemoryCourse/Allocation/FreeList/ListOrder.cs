namespace MemoryCourse.Allocation.FreeList;

/// <summary>
/// Where a freed block goes in the free list (OSTEP <c>malloc.py -l</c>). Only address order lets coalescing find
/// every pair of neighbours, because merging looks only at blocks next to each other in the list.
/// </summary>
public enum ListOrder
{
    /// <summary>Kept sorted by address (<c>ADDRSORT</c>).</summary>
    AddressSorted,
    /// <summary>Re-sorted by size, smallest first, on every free (<c>SIZESORT+</c>).</summary>
    SizeAscending,
    /// <summary>Re-sorted by size, largest first, on every free (<c>SIZESORT-</c>).</summary>
    SizeDescending,
    /// <summary>Freed blocks go to the head (<c>INSERT-FRONT</c>).</summary>
    InsertFront,
    /// <summary>Freed blocks go to the tail (<c>INSERT-BACK</c>).</summary>
    InsertBack,
}
