namespace MemoryCourse.Paging.DemandPaging;

/// <summary>
/// Swap space: where a page's contents live while it is not in a frame. The model tracks which pages
/// have a copy here and counts the page-sized reads (swap-ins) and writes (write-backs of dirty pages).
/// </summary>
public sealed class BackingStore
{
    private readonly HashSet<long> _saved = [];

    public long Reads { get; private set; }
    public long Writes { get; private set; }

    /// <summary>True when the page's contents were written here and can be read back.</summary>
    public bool Holds(long page) => _saved.Contains(page);

    /// <summary>Writes a page out (a dirty page being evicted).</summary>
    public void Write(long page)
    {
        _saved.Add(page);
        Writes++;
    }

    /// <summary>Reads a page in (a major fault).</summary>
    /// <exception cref="InvalidOperationException">The page was never written out.</exception>
    public void Read(long page)
    {
        if (!_saved.Contains(page)) throw new InvalidOperationException($"page {page} has no copy in the backing store");
        Reads++;
    }
}
