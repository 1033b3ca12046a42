namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// Large-object space: every object above the threshold gets its own run of pages and is never moved,
/// because copying it would cost more than the memory a move could save. A mark-compact frees whole
/// pages of dead large objects.
/// </summary>
public sealed class LargeObjectSpace
{
    private readonly HeapOptions _options;
    private readonly List<HeapObject> _objects = new();
    private long _nextAddress = 0x8000_0000;

    internal LargeObjectSpace(HeapOptions options) => _options = options;

    /// <summary>The large objects, live or not yet swept.</summary>
    public IReadOnlyList<HeapObject> Objects => _objects;

    /// <summary>Bytes of the objects.</summary>
    public long SizeOfObjects { get; private set; }

    /// <summary>Committed bytes: each object's pages, header included.</summary>
    public long CommittedBytes { get; private set; }

    private long PagesFor(int size) =>
        ((long)size + (_options.PageSize - _options.PageAreaSize) + _options.PageSize - 1) / _options.PageSize * _options.PageSize;

    internal void Place(HeapObject obj)
    {
        obj.Space = SpaceKind.LargeObjectSpace;
        obj.Address = _nextAddress + (_options.PageSize - _options.PageAreaSize);
        long committed = PagesFor(obj.Size);
        _nextAddress += committed;
        _objects.Add(obj);
        SizeOfObjects += obj.Size;
        CommittedBytes += committed;
    }

    /// <summary>Frees unmarked large objects; O(large objects). Returns the bytes freed.</summary>
    internal long Sweep(string freedBy, Func<HeapObject, bool> isMarked)
    {
        long freed = 0;
        _objects.RemoveAll(obj =>
        {
            if (isMarked(obj)) { obj.Colour = 0; return false; }
            obj.FreedBy = freedBy;
            freed += obj.Size;
            CommittedBytes -= PagesFor(obj.Size);
            return true;
        });
        SizeOfObjects -= freed;
        return freed;
    }
}
