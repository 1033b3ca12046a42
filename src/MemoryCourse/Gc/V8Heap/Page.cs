namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// A page of old or code space: a fixed area objects are placed on, either by bumping a top pointer or
/// into holes from the space's free list. After a sweep the page knows its live bytes and its holes, which
/// is what decides whether compaction evacuates it.
/// </summary>
public sealed class Page
{
    internal List<HeapObject> ObjectsOnPage { get; } = new();
    internal List<FreeBlock> Holes { get; } = new();

    internal Page(SpaceKind space, int index, long baseAddress, int areaStart, int areaSize)
    {
        Space = space;
        Index = index;
        BaseAddress = baseAddress;
        AreaStart = areaStart;
        AreaSize = areaSize;
    }

    /// <summary>Old space or code space.</summary>
    public SpaceKind Space { get; }

    /// <summary>Page number within its space (numbers are not reused).</summary>
    public int Index { get; }

    /// <summary>Address of the page start.</summary>
    public long BaseAddress { get; }

    /// <summary>Offset of the first object byte (after the header).</summary>
    public int AreaStart { get; }

    /// <summary>Bytes usable by objects.</summary>
    public int AreaSize { get; }

    /// <summary>Bump pointer: the area above it has never been used since the page was added or swept.</summary>
    internal int Top { get; set; }

    /// <summary>Bytes of objects on the page, dead ones included until a sweep frees them.</summary>
    public long AllocatedBytes { get; internal set; }

    /// <summary>Objects on the page (live and not yet swept).</summary>
    public IReadOnlyList<HeapObject> Objects => ObjectsOnPage;

    internal long AddressOf(int offset) => BaseAddress + AreaStart + offset;

    internal int OffsetOf(long address) => (int)(address - BaseAddress - AreaStart);
}

/// <summary>A hole in a page: bytes a sweep found free.</summary>
/// <param name="Page">The page holding the hole.</param>
/// <param name="Offset">Offset of the hole within the page area.</param>
/// <param name="Size">Bytes in the hole.</param>
public readonly record struct FreeBlock(Page Page, int Offset, int Size);
