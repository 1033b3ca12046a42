using MemoryCourse.Gc.MarkCompact;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.IncrementalMarking;

/// <summary>
/// Marking in small steps interleaved with the mutator. Between steps the program keeps writing
/// references, which can hide a white object behind a black one; the marking write barrier prevents that
/// by shading every stored object grey (a Dijkstra-style insertion barrier, as V8's marking barrier does).
/// With the barrier off, the tri-colour invariant (no black-to-white reference) can break and the final
/// mark-compact frees an object that is still reachable. Old objects allocated while marking are black
/// ("black allocation"); young ones stay white and are found from the roots in the final pause.
/// </summary>
public sealed class IncrementalMarker
{
    private readonly List<BarrierHit> _barrierHits = new();

    internal IncrementalMarker(Heap heap, bool writeBarrier, bool traceSteps)
    {
        WriteBarrier = writeBarrier;
        Marker = new TriColourMarker(heap, traceSteps);
    }

    /// <summary>Whether writes shade their target.</summary>
    public bool WriteBarrier { get; }

    /// <summary>The underlying tri-colour marker.</summary>
    public TriColourMarker Marker { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepsTaken { get; private set; }

    /// <summary>Whether nothing grey is left.</summary>
    public bool IsComplete => Marker.IsComplete;

    /// <summary>Writes that stored a white object into a black one, and what the barrier did about it.</summary>
    public IReadOnlyList<BarrierHit> BarrierHits => _barrierHits;

    internal void Start() => Marker.ShadeRoots();

    /// <summary>One marking step of about <paramref name="budgetBytes"/> bytes.</summary>
    public long Step(long budgetBytes)
    {
        StepsTaken++;
        return Marker.Step(budgetBytes);
    }

    internal void OnWrite(HeapObject holder, HeapObject value)
    {
        bool blackToWhite = holder.Colour == (byte)TriColour.Black && value.Colour == (byte)TriColour.White;
        if (blackToWhite) _barrierHits.Add(new BarrierHit(holder.Id, value.Id, WriteBarrier));
        if (WriteBarrier) Marker.Shade(value);
    }
}

/// <summary>A store of a white object into a black one during marking.</summary>
/// <param name="HolderId">The black object written to.</param>
/// <param name="ValueId">The white object stored.</param>
/// <param name="Shaded">Whether the barrier shaded it grey (false: the invariant is now broken).</param>
public sealed record BarrierHit(long HolderId, long ValueId, bool Shaded);
