namespace MemoryCourse.Gc.V8Heap;

/// <summary>One slot of an old-generation object that points into new space.</summary>
/// <param name="Holder">The old object.</param>
/// <param name="Slot">Index of the reference slot.</param>
public readonly record struct RememberedSlot(HeapObject Holder, int Slot);

/// <summary>
/// The old-to-new remembered set: slots in old objects that point to young ones, recorded by the write
/// barrier on every store. A scavenge treats them as extra roots, so it never has to scan the whole old
/// generation: its cost stays O(live young + remembered slots).
/// </summary>
public sealed class RememberedSet
{
    private HashSet<RememberedSlot> _slots = new();

    /// <summary>Number of recorded slots.</summary>
    public int Count => _slots.Count;

    /// <summary>The recorded slots.</summary>
    public IEnumerable<RememberedSlot> Slots => _slots;

    internal void Record(HeapObject holder, int slot) => _slots.Add(new RememberedSlot(holder, slot));

    internal HashSet<RememberedSlot> TakeAll()
    {
        var all = _slots;
        _slots = new HashSet<RememberedSlot>();
        return all;
    }

    internal void Clear() => _slots.Clear();
}
