namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// Old space or code space: pages that objects are placed on by bumping a pointer through fresh pages
/// and, after a sweep, by taking holes from the <see cref="FreeList"/>. Nothing here is freed without a
/// mark-compact: the sweeper turns dead objects into holes, the compactor empties fragmented pages.
/// </summary>
public sealed class PagedSpace
{
    private readonly HeapOptions _options;
    private readonly long _baseAddress;
    private readonly List<Page> _pages = new();
    private Page? _current;     // page with a linear allocation area
    private int _nextIndex;

    internal PagedSpace(SpaceKind kind, long baseAddress, HeapOptions options)
    {
        Kind = kind;
        _baseAddress = baseAddress;
        _options = options;
    }

    /// <summary>Which space this is.</summary>
    public SpaceKind Kind { get; }

    /// <summary>The space's pages in the order they were added.</summary>
    public IReadOnlyList<Page> Pages => _pages;

    /// <summary>The holes found by the last sweep and not yet reused.</summary>
    public FreeList FreeList { get; } = new();

    /// <summary>Bytes of objects on the pages (dead, unswept ones included): V8's SizeOfObjects.</summary>
    public long SizeOfObjects { get; private set; }

    /// <summary>Committed bytes: whole pages.</summary>
    public long CommittedBytes => (long)_pages.Count * _options.PageSize;

    internal void Place(HeapObject obj, IReadOnlySet<Page>? avoid = null)
    {
        int size = obj.Size;
        Page page;
        int offset;
        if (_current is not null && _current.Top + size <= _current.AreaSize)
        {
            page = _current;
            offset = _current.Top;
            _current.Top += size;
        }
        else if (TryTakeHole(size, avoid, out var block))
        {
            page = block.Page;
            offset = block.Offset;
        }
        else
        {
            page = AddPage();
            _current = page;
            offset = 0;
            page.Top = size;
        }
        obj.Space = Kind;
        obj.Page = page;
        obj.Address = page.AddressOf(offset);
        page.ObjectsOnPage.Add(obj);
        page.AllocatedBytes += size;
        SizeOfObjects += size;
    }

    /// <summary>
    /// Takes over a whole page of objects, each at its offset within the page's area, as V8's mark-compact
    /// moves a mostly live new-space page into old space instead of copying its objects
    /// (EvacuateNewSpacePageVisitor, NEW_TO_OLD). The gaps between them are the page's dead objects and
    /// unused tail: the sweep turns them into holes. O(objects on the page).
    /// </summary>
    internal void Adopt(IReadOnlyList<(HeapObject Object, int Offset)> objects)
    {
        var page = AddPage();
        foreach (var (obj, offset) in objects.OrderBy(o => o.Offset))
        {
            obj.Space = Kind;
            obj.Page = page;
            obj.Address = page.AddressOf(offset);
            page.ObjectsOnPage.Add(obj);
            page.AllocatedBytes += obj.Size;
            SizeOfObjects += obj.Size;
            page.Top = Math.Max(page.Top, offset + obj.Size);
        }
    }

    private bool TryTakeHole(int size, IReadOnlySet<Page>? avoid, out FreeBlock block)
    {
        if (avoid is null || avoid.Count == 0) return FreeList.TryTake(size, out block);
        // During compaction holes on pages being evacuated must not be reused; such holes were removed
        // from the list beforehand, so a plain take is safe.
        return FreeList.TryTake(size, out block);
    }

    private Page AddPage()
    {
        var page = new Page(Kind, _nextIndex, _baseAddress + (long)_nextIndex * _options.PageSize,
            _options.PageSize - _options.PageAreaSize, _options.PageAreaSize);
        _nextIndex++;
        _pages.Add(page);
        return page;
    }

    /// <summary>
    /// Sweeps every page: unmarked objects are freed, live ones turned white again, holes go to the free
    /// list. O(objects on the pages). Returns the bytes freed.
    /// </summary>
    internal long Sweep(string freedBy, Func<HeapObject, bool> isMarked)
    {
        long freed = 0;
        FreeList.Clear();
        _current = null;
        foreach (var page in _pages)
        {
            var list = page.ObjectsOnPage;
            SortByAddress(list);
            int write = 0;
            int cursor = 0;
            for (int i = 0; i < list.Count; i++)
            {
                var obj = list[i];
                if (isMarked(obj))
                {
                    obj.Colour = 0;
                    int offset = page.OffsetOf(obj.Address);
                    if (offset > cursor) FreeList.Add(new FreeBlock(page, cursor, offset - cursor));
                    cursor = offset + obj.Size;
                    list[write++] = obj;
                }
                else
                {
                    obj.FreedBy = freedBy;
                    obj.Page = null;
                    freed += obj.Size;
                    page.AllocatedBytes -= obj.Size;
                }
            }
            list.RemoveRange(write, list.Count - write);
            if (page.AreaSize > cursor) FreeList.Add(new FreeBlock(page, cursor, page.AreaSize - cursor));
            page.Top = page.AreaSize;
        }
        SizeOfObjects -= freed;
        return freed;
    }

    /// <summary>Holes of one page, as the last sweep left them (for fragmentation tables).</summary>
    internal List<(int Offset, int Size)> HolesOf(Page page)
    {
        var holes = new List<(int, int)>();
        int cursor = 0;
        var objects = page.ObjectsOnPage;
        SortByAddress(objects);
        foreach (var obj in objects)
        {
            int offset = page.OffsetOf(obj.Address);
            if (offset > cursor) holes.Add((cursor, offset - cursor));
            cursor = offset + obj.Size;
        }
        if (page.AreaSize > cursor) holes.Add((cursor, page.AreaSize - cursor));
        return holes;
    }

    // A sweep leaves a page's objects in address order and bump allocation keeps it; only objects placed
    // into holes afterwards break it, so the list is sorted (in place) only then. Sweeps and the
    // fragmentation tables of every mark-compact need the order.
    private static void SortByAddress(List<HeapObject> objects)
    {
        for (int i = 1; i < objects.Count; i++)
        {
            if (objects[i - 1].Address < objects[i].Address) continue;
            objects.Sort((a, b) => a.Address.CompareTo(b.Address));
            return;
        }
    }

    /// <summary>
    /// Evacuates the live objects of the given pages onto the other pages (or fresh ones) and releases
    /// the emptied pages. O(evacuated objects). Returns the bytes moved.
    /// </summary>
    internal long Evacuate(IReadOnlyCollection<Page> candidates)
    {
        var set = candidates.ToHashSet();
        foreach (var page in candidates) FreeList.RemovePage(page);
        if (_current is not null && set.Contains(_current)) _current = null;
        long moved = 0;
        foreach (var page in candidates)
        {
            var survivors = page.ObjectsOnPage.ToList();
            _pages.Remove(page);
            SizeOfObjects -= page.AllocatedBytes;
            foreach (var obj in survivors)
            {
                Place(obj, set);
                moved += obj.Size;
            }
            page.ObjectsOnPage.Clear();
            page.AllocatedBytes = 0;
        }
        return moved;
    }
}
