using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.MarkCompact;

/// <summary>
/// Tri-colour marking over a heap's object graph. Roots are shaded grey; a step takes a grey object off
/// the worklist, shades its white children grey and turns it black. Marking can run to the end at once
/// (a stop-the-world mark) or in budgeted steps (incremental marking). O(reachable objects + slots).
/// With tracing on, each blackened object records the white/grey/black sets (O(heap) per step: only for
/// small heaps).
/// </summary>
public sealed class TriColourMarker
{
    private readonly Heap _heap;
    private readonly Stack<HeapObject> _worklist = new();
    private readonly List<HeapObject> _reached = new();
    private readonly List<MarkingStep>? _trace;

    public TriColourMarker(Heap heap, bool traceSteps = false)
    {
        _heap = heap;
        _trace = traceSteps ? new List<MarkingStep>() : null;
    }

    /// <summary>Bytes of objects turned black so far.</summary>
    public long MarkedBytes { get; private set; }

    /// <summary>Objects turned black so far.</summary>
    public int MarkedObjects { get; private set; }

    /// <summary>Whether the worklist is empty.</summary>
    public bool IsComplete => _worklist.Count == 0;

    /// <summary>The colour sets after each blackened object (empty unless tracing).</summary>
    public IReadOnlyList<MarkingStep> Trace => (IReadOnlyList<MarkingStep>?)_trace ?? Array.Empty<MarkingStep>();

    /// <summary>Every object shaded during this marking, in the order reached.</summary>
    public IReadOnlyList<HeapObject> Reached => _reached;

    /// <summary>The colour of an object during this marking.</summary>
    public static TriColour ColourOf(HeapObject obj) => (TriColour)obj.Colour;

    /// <summary>Shades a white object grey and puts it on the worklist.</summary>
    public void Shade(HeapObject obj)
    {
        if (obj.Colour != (byte)TriColour.White) return;
        obj.Colour = (byte)TriColour.Grey;
        _worklist.Push(obj);
        _reached.Add(obj);
    }

    /// <summary>Shades every root target.</summary>
    public void ShadeRoots()
    {
        foreach (var root in _heap.Roots.All)
            if (root.Target is not null) Shade(root.Target);
    }

    /// <summary>Blacks grey objects until at least <paramref name="budgetBytes"/> were scanned or none is left.</summary>
    public long Step(long budgetBytes)
    {
        long done = 0;
        while (_worklist.Count > 0 && done < budgetBytes)
        {
            var obj = _worklist.Pop();
            if (obj.Colour == (byte)TriColour.Black) continue;
            foreach (var child in obj.Slots)
                if (child is not null) Shade(child);
            obj.Colour = (byte)TriColour.Black;
            done += obj.Size;
            MarkedBytes += obj.Size;
            MarkedObjects++;
            if (_trace is not null) Snapshot(obj);
        }
        return done;
    }

    /// <summary>Marks until the worklist is empty.</summary>
    public void Drain() => Step(long.MaxValue);

    /// <summary>Marks an object black without scanning it (V8's black allocation during marking).</summary>
    internal void AllocateBlack(HeapObject obj)
    {
        obj.Colour = (byte)TriColour.Black;
        _reached.Add(obj);
    }

    private void Snapshot(HeapObject blackened)
    {
        var white = new List<long>();
        var grey = new List<long>();
        var black = new List<long>();
        foreach (var o in _heap.Objects().Concat(_reached).Distinct(ReferenceEqualityComparer.Instance).Cast<HeapObject>().OrderBy(o => o.Id))
        {
            switch ((TriColour)o.Colour)
            {
                case TriColour.White: white.Add(o.Id); break;
                case TriColour.Grey: grey.Add(o.Id); break;
                default: black.Add(o.Id); break;
            }
        }
        _trace!.Add(new MarkingStep(_trace.Count + 1, blackened.Id, white, grey, black));
    }
}
