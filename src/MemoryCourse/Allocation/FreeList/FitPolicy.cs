namespace MemoryCourse.Allocation.FreeList;

/// <summary>
/// How a free-list allocator chooses among the free blocks big enough for a request (OSTEP chapter 17).
/// </summary>
public enum FitPolicy
{
    /// <summary>The smallest block that fits; the first such block in list order when several tie. Examines the whole list.</summary>
    Best,
    /// <summary>The largest block; the first such block in list order when several tie. Examines the whole list.</summary>
    Worst,
    /// <summary>The first block in list order that fits; stops there.</summary>
    First,
    /// <summary>Like first fit, but the search resumes where the previous allocation ended instead of at the head.</summary>
    Next,
}
