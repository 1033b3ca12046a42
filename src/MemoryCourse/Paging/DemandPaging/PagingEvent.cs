namespace MemoryCourse.Paging.DemandPaging;

/// <summary>How a reference was served.</summary>
public enum PageFaultKind
{
    /// <summary>The page was resident: no fault.</summary>
    None,
    /// <summary>First touch of a page with no saved copy: the OS hands out a zeroed frame, no disk I/O.</summary>
    ZeroFill,
    /// <summary>The page was written out earlier: the OS reads it back from the backing store (slow).</summary>
    SwapIn,
}

/// <summary>
/// One memory reference under demand paging, as a row of a trace table: the page, read or write, how it
/// was served, the frame it ended in, and what was evicted (and whether that eviction cost a write-back).
/// </summary>
/// <param name="Index">Position in the reference string.</param>
/// <param name="Page">Virtual page referenced.</param>
/// <param name="Write">True for a store (marks the page dirty).</param>
/// <param name="Fault">None, ZeroFill or SwapIn.</param>
/// <param name="Frame">The physical frame holding the page afterwards.</param>
/// <param name="Evicted">The page that lost its frame to this one, or null.</param>
/// <param name="WroteBack">True when the evicted page was dirty and had to be written to the backing store.</param>
public sealed record PagingEvent(int Index, long Page, bool Write, PageFaultKind Fault, int Frame, long? Evicted, bool WroteBack);
