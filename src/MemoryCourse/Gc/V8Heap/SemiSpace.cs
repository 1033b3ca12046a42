namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// One half of new space: a run of pages filled by bump allocation. An object never straddles two pages,
/// so the tail of a page that cannot hold the next object is wasted, as in V8. AllocationResult is O(1): move
/// the top pointer.
/// </summary>
public sealed class SemiSpace
{
    private readonly HeapOptions _options;
    private readonly List<HeapObject>? _objects;
    private int _page;          // page the top pointer is on
    private int _offset;        // bytes used on that page

    internal SemiSpace(string name, long baseAddress, long capacity, HeapOptions options)
    {
        Name = name;
        BaseAddress = baseAddress;
        Capacity = capacity;
        _options = options;
        _objects = _options.RecordYoungObjects ? new List<HeapObject>() : null;
    }

    /// <summary>"semi-space 0" or "semi-space 1": the two swap roles at every scavenge.</summary>
    public string Name { get; }

    /// <summary>Address of its first page.</summary>
    public long BaseAddress { get; }

    /// <summary>Committed size in bytes, a whole number of pages.</summary>
    public long Capacity { get; private set; }

    /// <summary>Pages in the semi-space.</summary>
    public int PageCount => (int)(Capacity / _options.PageSize);

    /// <summary>Bytes usable by objects when empty (page headers excluded).</summary>
    public long AllocatableBytes => (long)PageCount * _options.PageAreaSize;

    /// <summary>Bytes taken by objects placed here since it was last emptied.</summary>
    public long UsedBytes { get; private set; }

    /// <summary>Objects placed here since it was last emptied, in address order (only when recorded).</summary>
    public IReadOnlyList<HeapObject> Objects => _objects ?? (IReadOnlyList<HeapObject>)Array.Empty<HeapObject>();

    internal bool TryAllocate(HeapObject obj, out long address)
    {
        int size = obj.Size;
        if (_offset + size > _options.PageAreaSize)
        {
            // The rest of this page is too small: V8 fills it with a filler object and moves on.
            if (_page + 1 >= PageCount) { address = 0; return false; }
            _page++;
            _offset = 0;
        }
        if (_page >= PageCount || _offset + size > _options.PageAreaSize) { address = 0; return false; }
        address = BaseAddress + (long)_page * _options.PageSize + (_options.PageSize - _options.PageAreaSize) + _offset;
        _offset += size;
        UsedBytes += size;
        _objects?.Add(obj);
        return true;
    }

    internal void Reset()
    {
        _page = 0;
        _offset = 0;
        UsedBytes = 0;
        _objects?.Clear();
    }

    internal void Resize(long capacity) => Capacity = capacity;
}
