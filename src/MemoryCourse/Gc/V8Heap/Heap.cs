using MemoryCourse.Gc.IncrementalMarking;
using MemoryCourse.Gc.MarkCompact;
using MemoryCourse.Gc.Scavenger;

namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// A model of a V8 heap: objects with sizes and references, roots, new space (two semi-spaces with bump
/// allocation), old and code space (pages with free lists), large-object space, the old-to-new remembered
/// set kept by a write barrier, and the two collectors. Allocation collects by itself as V8 does: a full
/// semi-space triggers a scavenge; an old generation at its limit starts incremental marking, which ends
/// in a mark-compact. Every collection is appended to <see cref="Events"/>. Deterministic: the same calls
/// give the same heap.
/// <para>
/// The old generation cannot grow past <see cref="HeapOptions.MaxOldGenerationSize"/> (node's
/// <c>--max-old-space-size</c>). Near it, V8's checks take over: a scavenge that might not find room to
/// promote becomes a mark-compact; after every collection the old generation's pages must fit the maximum
/// ("Reached heap limit"); four mark-compacts in a row that leave it 80% full while the program gets less
/// than 40% of the time end it ("Ineffective mark-compacts near heap limit"); a large object that does not
/// fit after collecting fails ("CALL_AND_RETRY_LAST"). Then <see cref="OutOfMemory"/> is set and
/// <see cref="Allocate"/> throws <see cref="HeapOutOfMemoryException"/>, as node aborts.
/// </para>
/// </summary>
public sealed class Heap
{
    private readonly List<GcEvent> _events = new();
    private readonly List<string> _epochEndedBy = new();
    private long _nextId = 1;
    private long _bytesSinceMarkingStep;
    private int _ineffectiveMarkCompacts;
    private bool _reduceMemory;   // the marking in progress was started to reduce memory (V8's kReduceMemoryFootprint)
    private readonly List<HeapObject> _youngLargeObjects = new();   // asked for as young, placed in large-object space

    /// <summary>Creates an empty heap; the options are validated first.</summary>
    public Heap(HeapOptions? options = null)
    {
        Options = options ?? HeapOptions.Node20;
        Options.Validate();
        NewSpace = new NewSpace(Options);
        OldSpace = new PagedSpace(SpaceKind.OldSpace, 0x4000_0000, Options);
        CodeSpace = new PagedSpace(SpaceKind.CodeSpace, 0x6000_0000, Options);
        LargeObjects = new LargeObjectSpace(Options);
        Roots = new RootSet(this);
        Sizing = new SemiSpaceSizing(Options);
        Limit = new OldGenerationLimit(Options);
    }

    public HeapOptions Options { get; }
    public NewSpace NewSpace { get; }
    public PagedSpace OldSpace { get; }
    public PagedSpace CodeSpace { get; }
    public LargeObjectSpace LargeObjects { get; }
    public RootSet Roots { get; }
    public RememberedSet RememberedSet { get; } = new();
    public SemiSpaceSizing Sizing { get; }
    public OldGenerationLimit Limit { get; }

    /// <summary>Every collection so far, in order.</summary>
    public IReadOnlyList<GcEvent> Events => _events;

    /// <summary>Simulated time: mutator allocation time plus pauses (see <see cref="GcCostModel"/>).</summary>
    public double ClockMs { get; private set; }

    /// <summary>Bytes allocated since the heap was created.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Objects allocated since the heap was created.</summary>
    public long AllocatedObjects => _nextId - 1;

    /// <summary>Scavenges so far.</summary>
    public int ScavengeCount { get; private set; }

    /// <summary>Mark-compacts so far.</summary>
    public int MarkCompactCount { get; private set; }

    /// <summary>The mutator utilization ("mu") V8 prints and uses to detect ineffective mark-compacts.</summary>
    public MutatorUtilization Utilization { get; } = new();

    /// <summary>Set when the heap ran out of memory; after that every allocation throws.</summary>
    public HeapOutOfMemory? OutOfMemory { get; private set; }

    /// <summary>The incremental marking in progress, or null.</summary>
    public IncrementalMarker? Marking { get; private set; }

    /// <summary>Epoch of the objects now in new space; a young object from an older epoch is dead.</summary>
    internal int YoungEpoch { get; set; }

    /// <summary>Old-generation bytes (old + code + large objects), dead ones included until swept.</summary>
    public long OldGenerationSize => OldSpace.SizeOfObjects + CodeSpace.SizeOfObjects + LargeObjects.SizeOfObjects;

    /// <summary>
    /// What V8 checks against the maximum (OldGenerationCapacity): the usable area of every old and code
    /// page, free parts included, plus the large objects.
    /// </summary>
    public long OldGenerationCapacity =>
        (long)(OldSpace.Pages.Count + CodeSpace.Pages.Count) * Options.PageAreaSize + LargeObjects.SizeOfObjects;

    /// <summary>Whether the old generation may take <paramref name="bytes"/> more without passing the maximum (V8's CanExpandOldGeneration).</summary>
    public bool CanExpandOldGeneration(long bytes) => OldGenerationCapacity + bytes <= Options.MaxOldGenerationSize;

    /// <summary>
    /// Whether the old generation is within an eighth of its maximum (V8's ShouldOptimizeForMemoryUsage).
    /// Then a major GC reduces memory: the heap grows only a little after it, and new space shrinks back
    /// to its initial size, so scavenges become frequent again. --trace-gc prints it as "Mark-Compact (reduce)".
    /// </summary>
    public bool ShouldOptimizeForMemoryUsage => !CanExpandOldGeneration(Options.MaxOldGenerationSize / 8);

    /// <summary>
    /// Allocates an object of <paramref name="size"/> bytes with <paramref name="slots"/> reference slots
    /// (each slot is an 8-byte word, so size must be at least 8 x slots). Young by default; objects above
    /// the large-object threshold go to large-object space. May run a scavenge or a mark-compact first.
    /// </summary>
    public HeapObject Allocate(int size, int slots = 0, string? label = null, SpaceKind space = SpaceKind.NewSpace)
    {
        if (size <= 0) throw new HeapException($"object size must be positive, got {size} bytes{Named(label)}.");
        if (slots < 0) throw new HeapException($"slot count must not be negative, got {slots}{Named(label)}.");
        if ((long)slots * 8 > size) throw new HeapException($"an object with {slots} reference slots needs at least {slots * 8L} bytes, got " +
            $"{size}{Named(label)}.");
        if (OutOfMemory is not null) throw new HeapOutOfMemoryException(OutOfMemory);
        // Every collection happens here, before the new object exists: in V8 the allocation slow path
        // collects first and the caller only ever sees a fully placed object.
        if (Marking is not null) AdvanceMarking(size);
        bool large = size > Options.LargeObjectThreshold || space == SpaceKind.LargeObjectSpace;
        if (large || space != SpaceKind.NewSpace)
        {
            // Only old-generation allocation starts marking (LargeObjectSpace::AllocateRaw,
            // PagedSpace::RefillLabMain); a young large object goes to new large-object space, which does not.
            if (space != SpaceKind.NewSpace) CheckOldGenerationLimit(size);
            EnsureRoomInOldGeneration(size);
        }

        var obj = new HeapObject(_nextId++, size, slots, label);
        AllocatedBytes += size;
        ClockMs += Options.Cost.MutatorTime(size);
        if (large) LargeObjects.Place(obj);
        else if (space == SpaceKind.NewSpace) PlaceYoung(obj);
        else (space == SpaceKind.OldSpace ? OldSpace : CodeSpace).Place(obj);
        if (large && space == SpaceKind.NewSpace) _youngLargeObjects.Add(obj);
        // Black allocation: an old object allocated during marking counts as marked. Young ones stay white
        // and are found from the roots in the final pause.
        if (Marking is not null && obj.Space != SpaceKind.NewSpace) obj.Colour = (byte)TriColour.Black;
        return obj;
    }

    private static string Named(string? label) => label is null ? "" : $" (object '{label}')";

    private void PlaceYoung(HeapObject obj)
    {
        if (obj.Size > NewSpace.Active.AllocatableBytes)
            throw new HeapException($"object of {obj.Size} bytes does not fit a semi-space of {NewSpace.SemiSpaceCapacity} bytes " +
                $"({NewSpace.Active.AllocatableBytes} usable).");
        if (!NewSpace.Active.TryAllocate(obj, out long address))
        {
            if (Marking is not null) CollectFull("finalize incremental marking: new space full");
            // V8 scavenges only if old space could take all of new space: otherwise promotion might fail.
            // (Heap::CanPromoteYoungAndExpandOldGeneration; new space counts with its usable bytes, NewSpace::Capacity.)
            else if (!CanExpandOldGeneration(NewSpace.Active.AllocatableBytes)) CollectFull("scavenge might not succeed");
            else Scavenge("allocation failure");
            if (!NewSpace.Active.TryAllocate(obj, out address))
            {
                // Survivors fill the semi-space: a full collection promotes them all.
                CollectFull("scavenge could not free new space");
                if (!NewSpace.Active.TryAllocate(obj, out address))
                    throw new HeapException($"object of {obj.Size} bytes does not fit an empty semi-space of {NewSpace.SemiSpaceCapacity} bytes.");
            }
        }
        obj.Space = SpaceKind.NewSpace;
        obj.Address = address;
        obj.Epoch = YoungEpoch;
    }

    /// <summary>Whether the object is still on the heap (not left behind by a scavenge, not swept).</summary>
    public bool IsAlive(HeapObject obj) =>
        obj.FreedBy is null && (obj.Space != SpaceKind.NewSpace || obj.Epoch == YoungEpoch);

    internal void EnsureAlive(HeapObject obj, string where)
    {
        if (IsAlive(obj)) return;
        string by = obj.FreedBy ?? (obj.Epoch < _epochEndedBy.Count ? _epochEndedBy[obj.Epoch] : "a collection");
        throw new HeapException($"{where} refers to object #{obj.Id}{(obj.Label is null ? "" : $" '{obj.Label}'")} ({obj.Size} B), which {by} freed " +
            $"because it was unreachable.");
    }

    /// <summary>
    /// Stores a reference (or null) in a slot. The write barrier records old-to-new slots in the
    /// remembered set and, while marking, shades the stored object grey.
    /// </summary>
    public void Write(HeapObject holder, int slot, HeapObject? value)
    {
        EnsureAlive(holder, "a write");
        if ((uint)slot >= (uint)holder.Slots.Length)
            throw new HeapException($"object #{holder.Id} has {holder.Slots.Length} slots; slot {slot} does not exist.");
        if (value is not null)
        {
            // The message is built only when it is needed: a write is the model's most frequent call.
            if (!IsAlive(value)) EnsureAlive(value, $"slot {slot} of object #{holder.Id}");
            // Every old-to-new slot is already in the set, so a slot that held a young object needs no new
            // entry: O(1) per store without a set lookup in the common case (V8 uses per-page slot bitmaps).
            if (holder.Space != SpaceKind.NewSpace && value.Space == SpaceKind.NewSpace && holder.Slots[slot]?.Space != SpaceKind.NewSpace)
                RememberedSet.Record(holder, slot);
        }
        holder.Slots[slot] = value;
        if (value is not null) Marking?.OnWrite(holder, value);
    }

    /// <summary>Reads a slot.</summary>
    public HeapObject? Read(HeapObject holder, int slot)
    {
        EnsureAlive(holder, "a read");
        if ((uint)slot >= (uint)holder.Slots.Length)
            throw new HeapException($"object #{holder.Id} has {holder.Slots.Length} slots; slot {slot} does not exist.");
        return holder.Slots[slot];
    }

    /// <summary>Runs a scavenge now (finishing an incremental marking first, if one is running).</summary>
    public ScavengeResult Scavenge(string reason = "requested", bool traceSteps = false)
    {
        if (Marking is not null) CollectFull("finalize incremental marking before a scavenge");
        var before = Occupancy();
        long startSize = NewSpace.Active.Size;   // V8's start size for the survival ratio: wasted tails count
        double start = ClockMs;
        var result = Scavenger.Scavenger.Run(this, traceSteps);
        ScavengeCount++;
        _epochEndedBy.Add($"scavenge {ScavengeCount}");
        YoungEpoch++;
        Sizing.AfterScavenge(result.PromotedBytes + PromotedYoungLargeBytes(), result.CopiedBytes);
        double? survival = startSize > 0 ? (double)(result.PromotedBytes + result.CopiedBytes) / startSize : null;
        Limit.AfterScavenge(survival, OldGenerationSize);
        double pause = Options.Cost.ScavengePause(result.CopiedBytes, result.PromotedBytes);
        ClockMs += pause;
        _events.Add(new GcEvent(_events.Count + 1, GcKind.Scavenge, start, before, Occupancy(), pause,
            result.PromotedBytes, result.CopiedBytes, reason, 0)
        {
            AverageMu = Utilization.Average, CurrentMu = Utilization.Current,
            SurvivalRatio = survival ?? 0,
        });
        CheckOldGenerationLimit();
        CheckHeapLimit();
        return result with { Index = ScavengeCount, PauseMs = pause };
    }

    /// <summary>Runs a full mark-compact now (completing the incremental marking if one is running).</summary>
    public MarkCompactResult CollectFull(string reason = "requested", bool traceMarking = false)
    {
        var before = Occupancy();
        double start = ClockMs;
        var marker = Marking;
        bool reduce = marker is not null && _reduceMemory;
        Marking = null;
        _reduceMemory = false;
        MarkCompactCount++;
        // Heap::GarbageCollectionPrologueInSafepoint checks new space's growth before every collection, and
        // UpdateSurvivalStatistics counts what any collection kept of new space: near the limit, where every
        // young collection is a mark-compact, new space still grows with what they promote.
        if (Sizing.BeforeScavenge(NewSpace.SemiSpaceCapacity) is long grown) NewSpace.Grow(grown);
        var result = MarkCompactCollector.Run(this, marker, $"mark-compact {MarkCompactCount}", traceMarking, reduce);
        Sizing.AfterScavenge(result.PromotedBytes + PromotedYoungLargeBytes(), 0);
        _epochEndedBy.Add($"mark-compact {MarkCompactCount}");
        YoungEpoch++;
        double pause = Options.Cost.MarkCompactPause(result.MarkedBytes, result.EvacuatedBytes);
        ClockMs += pause;
        // Heap::ReduceNewSpaceSize after a memory-reducing GC: NewSpace::Shrink to max(initial capacity,
        // twice the young bytes in use), and a mark-compact leaves new space empty, so the initial 1 MiB. The
        // semi-space then grows back by doubling (SemiSpaceSizing), so scavenges come often again.
        if (reduce) NewSpace.Grow(Options.MinSemiSpaceSize);
        var growing = reduce ? HeapGrowingMode.Minimal : ShouldOptimizeForMemoryUsage ? HeapGrowingMode.Conservative : HeapGrowingMode.Default;
        Limit.AfterMarkCompact(OldGenerationSize, NewSpace.Active.AllocatableBytes, Options.Cost.MarkCompactBytesPerMs, Options.Cost.MutatorBytesPerMs,
            growing);
        // V8 checks for ineffective mark-compacts while it recomputes the limits, before this cycle's
        // utilization is recorded (and before --trace-gc prints the line): the check sees the average up
        // to the previous mark-compact, and a fatal one is never printed.
        CheckIneffectiveMarkCompact();
        Utilization.RecordMarkCompact(ClockMs, pause);
        ClockMs += Options.Cost.SweepTime(OldGenerationSize);   // program time of the next cycle (GcCostModel.SweepBytesPerMs)
        _events.Add(new GcEvent(_events.Count + 1, GcKind.MarkCompact, start, before, Occupancy(), pause,
            result.PromotedBytes, 0, reason, result.IncrementalSteps)
        { AverageMu = Utilization.Average, CurrentMu = Utilization.Current, ReducesMemory = reduce });
        CheckHeapLimit();
        return result with { Index = MarkCompactCount, PauseMs = pause, NewLimit = Limit.Limit };
    }

    /// <summary>Starts incremental marking now (normally the old-generation limit does).</summary>
    public IncrementalMarker StartIncrementalMarking(bool traceSteps = false)
    {
        if (Marking is not null) return Marking;
        _reduceMemory = ShouldOptimizeForMemoryUsage;
        Marking = new IncrementalMarker(this, Options.MarkingWriteBarrier, traceSteps);
        Marking.Start();
        _bytesSinceMarkingStep = 0;
        return Marking;
    }

    // V8 allocates a young object above the large-object threshold in new large-object space
    // (Heap::AllocateRaw, NewLargeObjectSpace::AllocateRaw) and the next collection promotes it whole, a
    // promotion counted with the others (IncrementPromotedObjectsSize) and so among the bytes that survived
    // for new space's growth (Heap::CheckNewSpaceExpansionCriteria). The model places such an object in
    // large-object space at once (see ARCHITECTURE.md for why) and counts it here, if still alive.
    private long PromotedYoungLargeBytes()
    {
        long bytes = _youngLargeObjects.Where(IsAlive).Sum(o => (long)o.Size);
        _youngLargeObjects.Clear();
        return bytes;
    }

    // V8's Heap::CheckIneffectiveMarkCompact, run after each mark-compact.
    private void CheckIneffectiveMarkCompact()
    {
        if (!Options.DetectIneffectiveMarkCompacts) return;
        if (OldGenerationSize < 0.8 * Options.MaxOldGenerationSize || Utilization.Average >= 0.4)
        {
            _ineffectiveMarkCompacts = 0;
            return;
        }
        if (++_ineffectiveMarkCompacts == 4) Fail(OutOfMemoryVerdict.IneffectiveMarkCompacts);
    }

    // The end of V8's Heap::CollectGarbage: after any collection the old generation must fit the maximum.
    private void CheckHeapLimit()
    {
        if (!CanExpandOldGeneration(0)) Fail(OutOfMemoryVerdict.ReachedHeapLimit);
    }

    // V8's AllocateRawWithRetryOrFailSlowPath for an old-generation object (large, or pretenured by its
    // allocation site) that would pass the maximum: collect and retry twice, then a last-resort collection,
    // then give up.
    private void EnsureRoomInOldGeneration(int size)
    {
        foreach (var reason in new[] { "allocation failure", "allocation failure", "last resort" })
        {
            if (CanExpandOldGeneration(size)) return;
            CollectFull(reason);
        }
        if (!CanExpandOldGeneration(size)) Fail(OutOfMemoryVerdict.AllocationFailedAfterLastResort);
    }

    private void Fail(OutOfMemoryVerdict verdict)
    {
        OutOfMemory = new HeapOutOfMemory(verdict, OldGenerationSize, OldGenerationCapacity, Options.MaxOldGenerationSize,
            ScavengeCount, MarkCompactCount, ClockMs);
        throw new HeapOutOfMemoryException(OutOfMemory);
    }

    private void CheckOldGenerationLimit(long incoming = 0)
    {
        if (Marking is not null) return;
        // Near the maximum V8 starts marking one new-space load before the limit (IncrementalMarkingLimitReached).
        long early = ShouldOptimizeForMemoryUsage ? NewSpace.Active.AllocatableBytes : 0;
        // Young large objects sit in V8's new large-object space until the next scavenge promotes them, so its
        // old-generation size (OldGenerationSizeOfObjects) leaves them out; the model placed them in large-object
        // space at once. O(young large objects): a handful between two scavenges.
        long youngLarge = _youngLargeObjects.Sum(o => (long)o.Size);
        if (!Limit.IsReached(OldGenerationSize - youngLarge + incoming + early)) return;
        if (Options.IncrementalMarking) StartIncrementalMarking();
        else CollectFull("allocation limit reached");
    }

    private void AdvanceMarking(int allocated)
    {
        _bytesSinceMarkingStep += allocated;
        if (_bytesSinceMarkingStep < Options.MarkingStepAllocationBytes) return;
        long budget = (long)(_bytesSinceMarkingStep * Options.MarkingBytesPerAllocatedByte);
        _bytesSinceMarkingStep = 0;
        Marking!.Step(budget);
        // IncrementalMarking::AdvanceOnAllocation asks for the final pause as soon as the main thread's
        // marking worklist is empty (ShouldFinalize). With concurrent markers holding the work, that is the
        // first step of every cycle in node 20's traces ("1 steps since start of marking"; the first cycle
        // varies, see HeapOptions.FinalizeMarkingAtFirstStep), and the atomic pause does the marking.
        if (Marking.IsComplete || Options.FinalizeMarkingAtFirstStep)
            CollectFull("finalize incremental marking via stack guard");
    }

    /// <summary>Occupancy of every space now.</summary>
    public HeapOccupancy Occupancy() => new(
        NewSpace.FreshBytes, NewSpace.SurvivorBytes, OldSpace.SizeOfObjects, CodeSpace.SizeOfObjects,
        LargeObjects.SizeOfObjects, NewSpace.SemiSpaceCapacity,
        2 * NewSpace.SemiSpaceCapacity + OldSpace.CommittedBytes + CodeSpace.CommittedBytes + LargeObjects.CommittedBytes);

    /// <summary>
    /// Objects currently on the heap: young ones (only when <see cref="HeapOptions.RecordYoungObjects"/>),
    /// then old, code and large-object space. Unswept dead old objects are included.
    /// </summary>
    public IEnumerable<HeapObject> Objects()
    {
        foreach (var o in NewSpace.Active.Objects) if (IsAlive(o)) yield return o;
        foreach (var p in OldSpace.Pages) foreach (var o in p.Objects) yield return o;
        foreach (var p in CodeSpace.Pages) foreach (var o in p.Objects) yield return o;
        foreach (var o in LargeObjects.Objects) yield return o;
    }

    /// <summary>
    /// The objects reachable from the roots right now (a plain graph search, for checking collectors).
    /// O(reachable objects + their slots).
    /// </summary>
    public HashSet<HeapObject> Reachable()
    {
        var seen = new HashSet<HeapObject>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<HeapObject>(Roots.Targets());
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            if (!seen.Add(o)) continue;
            foreach (var child in o.Slots) if (child is not null) stack.Push(child);
        }
        return seen;
    }

    internal void ClearYoungGeneration()
    {
        NewSpace.Clear();
        RememberedSet.Clear();
    }
}
