namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// One half of new space: a run of pages filled by bump allocation. An object never straddles two pages,
/// so the tail of a page that cannot hold the next object is wasted, as in V8. The scavenger copies
/// survivors in here through local allocation buffers (<see cref="TryCopy"/>), which waste more: V8 takes
/// them 32 KiB at a time, so a page holds seven and its last 28 KB stay empty. Allocation is O(1): move
/// the top pointer.
/// </summary>
public sealed class SemiSpace
{
    private readonly HeapOptions _options;
    private readonly List<HeapObject>? _objects;
    private int _page;          // page the top pointer is on
    private int _offset;        // bytes used on that page (the linear allocation top)
    private int _labPage;       // the scavenger's open local allocation buffer: its page,
    private int _labTop;        // its next free byte
    private int _labEnd;        // and its end (all 0 when none is open)

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

    /// <summary>
    /// What V8 counts as new space's size (SemiSpaceNewSpace::Size): the usable area of every page before the
    /// top's, whatever it holds, plus the bytes used on the top's page. Wasted page tails count, so it exceeds
    /// <see cref="UsedBytes"/> when survivors were copied in through buffers. V8 divides what a scavenge
    /// kept by this size for its survival ratio (Heap::UpdateSurvivalStatistics).
    /// </summary>
    public long Size => (long)_page * _options.PageAreaSize + _offset;

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
        address = AddressOf(_page, _offset);
        _offset += size;
        UsedBytes += size;
        _objects?.Add(obj);
        return true;
    }

    /// <summary>
    /// Places a survivor the scavenger copies here, as V8's EvacuationAllocator does: objects of up to
    /// <see cref="HeapOptions.MaxLabObjectSize"/> go into a local allocation buffer of
    /// <see cref="HeapOptions.ScavengerLabSize"/> bytes taken from the top of the space; a buffer that no
    /// longer fits on the top's page starts the next page, and what is left of a buffer when the next one is
    /// taken stays empty. Larger objects are placed at the top directly. False when the space is full: the
    /// scavenger then promotes the object. O(1).
    /// </summary>
    internal bool TryCopy(HeapObject obj, out long address)
    {
        int lab = _options.ScavengerLabSize, size = obj.Size;
        if (lab == 0 || size > _options.MaxLabObjectSize) return TryAllocate(obj, out address);
        if (_labTop + size > _labEnd)
        {
            // EvacuationAllocator::NewLocalAllocationBuffer: a new buffer from the linear allocation area.
            if (_offset + lab > _options.PageAreaSize)
            {
                if (_page + 1 >= PageCount) { address = 0; return false; }
                _page++;
                _offset = 0;
            }
            _labPage = _page;
            _labTop = _offset;
            _labEnd = _offset + lab;
            _offset = _labEnd;
        }
        address = AddressOf(_labPage, _labTop);
        _labTop += size;
        UsedBytes += size;
        _objects?.Add(obj);
        return true;
    }

    /// <summary>The page (0-based) and the offset within its area of an object placed here.</summary>
    internal (int Page, int Offset) PageAndOffsetOf(HeapObject obj)
    {
        long relative = obj.Address - BaseAddress;
        return ((int)(relative / _options.PageSize), (int)(relative % _options.PageSize) - (_options.PageSize - _options.PageAreaSize));
    }

    private long AddressOf(int page, int offset) => BaseAddress + (long)page * _options.PageSize + (_options.PageSize - _options.PageAreaSize) + offset;

    internal void Reset()
    {
        _page = 0;
        _offset = 0;
        _labPage = _labTop = _labEnd = 0;
        UsedBytes = 0;
        _objects?.Clear();
    }

    internal void Resize(long capacity) => Capacity = capacity;
}
