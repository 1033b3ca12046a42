namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// One object on the modelled V8 heap: an id, a size in bytes, the space and address it currently lives
/// at, and reference slots that point to other heap objects (a slot may also hold no reference, as a
/// small integer would in V8). The heap moves objects (scavenges and compaction change
/// <see cref="Address"/>), and the collectors set the bookkeeping fields; learners only read them.
/// </summary>
public sealed class HeapObject
{
    private static readonly HeapObject?[] NoSlots = Array.Empty<HeapObject?>();

    internal HeapObject(long id, int size, int slotCount, string? label)
    {
        Id = id;
        Size = size;
        Slots = slotCount == 0 ? NoSlots : new HeapObject?[slotCount];
        Label = label;
    }

    /// <summary>AllocationResult order number, unique within one heap.</summary>
    public long Id { get; }

    /// <summary>Size in bytes, header included.</summary>
    public int Size { get; }

    /// <summary>Optional name for tables and pictures ("keep", "a", ...).</summary>
    public string? Label { get; }

    /// <summary>The space the object lives in now.</summary>
    public SpaceKind Space { get; internal set; }

    /// <summary>Its current address (moves when copied or compacted).</summary>
    public long Address { get; internal set; }

    /// <summary>Scavenges survived while young: 0 when fresh, 1 after the first; the second promotes it.</summary>
    public int Age { get; internal set; }

    /// <summary>Number of reference slots.</summary>
    public int SlotCount => Slots.Length;

    internal HeapObject?[] Slots { get; set; }

    // Young objects are valid only in the semi-space generation they were placed in: a scavenge that does
    // not copy an object leaves it behind with an old epoch, which is how the model frees garbage in O(1)
    // per survivor instead of visiting every dead object.
    internal int Epoch { get; set; }

    internal byte Colour { get; set; }          // MarkCompact.TriColour while a marking is running; white otherwise
    internal Page? Page { get; set; }           // the old/code-space page it sits on
    internal string? FreedBy { get; set; }      // set when an old-generation collection freed it

    /// <summary>Whether a collector freed this object (young objects: see <see cref="Heap.IsAlive"/>).</summary>
    public bool WasSwept => FreedBy is not null;

    public override string ToString() => $"#{Id}{(Label is null ? "" : " " + Label)} ({Size} B, {Space})";
}
