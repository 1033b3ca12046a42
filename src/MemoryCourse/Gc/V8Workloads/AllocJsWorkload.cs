using System.Collections.Frozen;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.V8Workloads;

/// <summary>
/// The alloc.js program of the captures, replayed on the heap model:
/// <code>
/// let sink; const keep = [];
/// for (let i = 0; i &lt; N; i++) { const a = [i, i, ... 16 times]; sink = a; if (K &amp;&amp; i % K === 0) keep.push(a); }
/// </code>
/// Each array is one object of <c>objectSize</c> bytes (176 in V8 11.3 with optimised code: a 32-byte
/// JSArray and its 144-byte elements; small integers are not references). <c>sink</c> and <c>keep</c> live in
/// the script context, an old-space object, so storing into them goes through the write barrier.
/// <c>keep</c> grows as V8 grows an array's elements: to (length + 1) x 1.5 + 16 slots, copying into a new
/// backing store (16 + 8 x capacity bytes) that lands in large-object space above 128 KiB; the old store
/// becomes garbage. The node process's startup heap is rebuilt first, with sizes from the captures'
/// --trace-gc-verbose and heap-space statistics. The first <see cref="InterpretedArrays"/> arrays, made before
/// V8 optimises the loop, each carry a <see cref="MementoBytes"/>-byte allocation memento for the literal's
/// allocation site.
/// <para>
/// A run that keeps too much for <see cref="HeapOptions.MaxOldGenerationSize"/> stops where V8 would
/// abort, with the verdict in <see cref="AllocJsRun.OutOfMemory"/>. Sizes are checked before anything
/// runs (<see cref="SizeProblem"/>): the model holds every live array as a .NET object, so it refuses runs
/// that would keep more than <see cref="MaxLiveArrays"/> alive at once.
/// </para>
/// </summary>
public static class AllocJsWorkload
{
    /// <summary>Old space in use when alloc.js starts (--trace-gc-verbose: "Old space, used: 2734 KB").</summary>
    public const int StartupOldBytes = 2734 * 1024;
    /// <summary>Code space in use (heap-space statistics: code_space used 245712).</summary>
    public const int StartupCodeBytes = 245_712;
    /// <summary>Large-object space in use (heap-space statistics: large_object_space used 262160).</summary>
    public const int StartupLargeObjectBytes = 262_160;
    /// <summary>Young startup objects that survive (--trace-gc-verbose after the first scavenge: "New space, used: 172 KB").</summary>
    public const int StartupYoungSurvivorBytes = 172 * 1024;

    /// <summary>
    /// Young startup objects that are already garbage when the loop starts: new space holds 322 512 bytes
    /// then (data/node/heap-limit/survival/start-spaces.txt), of which <see cref="StartupYoungSurvivorBytes"/>
    /// survive the first scavenge.
    /// </summary>
    public const int StartupYoungGarbageBytes = 322_512 - StartupYoungSurvivorBytes;

    /// <summary>
    /// Code space still in use after a full collection at start (data/node/heap-limit/survival/start-gc.txt:
    /// code_space used 15 424 after gc()); the rest of <see cref="StartupCodeBytes"/> is code node's bootstrap
    /// compiled and no longer needs. data/node/heap-limit/small-heaps/old32-k4-verbose.txt shows the same at
    /// alloc.js's first mark-compact (code space 239 KB before, 21 KB after).
    /// </summary>
    public const int StartupCodeLiveBytes = 15_424;

    /// <summary>
    /// Old-space bytes of the startup heap that are already garbage: the same gc() left 2 600 352 bytes of old,
    /// code and new space of the 3 221 456 the model otherwise starts with rooted (old 2734 KB, code, and the
    /// 172 KB of young survivors), so 621 104 bytes die at the first mark-compact; 230 288 of them are code,
    /// the rest old space. Scavenges never see it (it is old); the first mark-compact frees it.
    /// </summary>
    public const int StartupOldGarbageBytes = 390_816;

    /// <summary>
    /// Bytes of the allocation memento V8 places behind an object its unoptimised code makes at a tracked
    /// allocation site (AllocationMemento: a map and the site, two words). It takes new-space room and dies
    /// at the next collection, which only counts it for the site.
    /// </summary>
    public const int MementoBytes = 16;

    /// <summary>
    /// How many arrays alloc.js makes before its loop runs optimised code, which makes no mementos
    /// (TurboFan allocates the literal inline, JSCreateLowering). node's <c>--trace-pretenuring</c> over six
    /// runs at 128 MiB with every array kept (data/node/heap-limit/survival/old128-k1-tiering.txt) counts
    /// 23 098 to 35 372 mementos (median 25 454) before new space reaches its maximum, made while the
    /// loop is interpreted, until TurboFan's on-stack replacement enters it and again after one early
    /// deoptimisation; the model makes them for the first 25 000 arrays.
    /// </summary>
    public const long InterpretedArrays = 25_000;

    /// <summary>
    /// Objects node's runtime allocates in old space when alloc.js writes its r-th progress report (reports
    /// counted from 0, the one before array 0), for the r that allocate any. The functions behind
    /// <c>fs.writeSync</c> get their feedback vectors only after so many calls (V8's lazy feedback allocation,
    /// which counts calls, not arrays or time); with feedback vectors made at the first call
    /// (<c>--no-lazy-feedback-allocation</c>) no report allocates. <c>--trace-allocations-origins</c> ("Runtime"
    /// in old space) over runs that stop right after report r gives these counts whether reports come every
    /// 5 000, 10 000 or 20 000 arrays and whatever alloc.js keeps
    /// (data/node/heap-limit/small-heaps/report-allocations.tsv). The allocations of the first reports are
    /// left out: they mix with the loop's own compilation and come long before any heap limit.
    /// </summary>
    public static readonly IReadOnlyDictionary<long, int> ReportOldSpaceObjects = new Dictionary<long, int>
    {
        [8] = 1, [20] = 1, [21] = 3, [28] = 1, [37] = 14, [38] = 2,
    }.ToFrozenDictionary();

    /// <summary>
    /// Bytes per runtime old-space object of a report, an estimate: old space after a full collection grows by
    /// about 1.5 KB across report 37's 14 objects. The size hardly matters: what matters is that the allocation
    /// is in old space, where V8 checks the old-generation limit on the slow allocation path
    /// (PagedSpace::RefillLabMain, which the first old-space allocation after a mark-compact takes).
    /// </summary>
    public const int ReportObjectBytes = 112;

    /// <summary>
    /// The most arrays the model keeps alive at once. Each live array is a .NET object on this machine
    /// (about <see cref="HostBytesPerLiveArray"/> bytes with its bookkeeping), so 8 million take about
    /// 1.2 GB: past that the model would be slow and could exhaust the machine long before giving an answer.
    /// </summary>
    public const long MaxLiveArrays = 8_000_000;

    /// <summary>This machine's memory per live modelled array (object, page list entry, keep slot), measured.</summary>
    public const int HostBytesPerLiveArray = 150;

    /// <summary>How often (in arrays) a long run reports progress and checks for cancellation.</summary>
    public const long ProgressInterval = 1 << 18;

    /// <summary>
    /// Why the model refuses these sizes, or null when it can run them. Refused: negative counts, a total
    /// allocation of 2^63 bytes or more (the model counts bytes in 64 bits), and more than
    /// <see cref="MaxLiveArrays"/> arrays alive at once. Live arrays are every <paramref name="retainEvery"/>-th
    /// one, but never more than fit under the heap limit: past it V8 (and the model) stop the program, so a
    /// small <c>--max-old-space-size</c> makes any N safe to model. Overflow-checked; O(1).
    /// </summary>
    public static string? SizeProblem(long objects, int objectSize, int retainEvery, HeapOptions? options = null)
    {
        options ??= HeapOptions.Node20;
        if (objects < 0) return $"the number of objects must not be negative, got {objects}.";
        if (objectSize <= 0) return $"the object size must be positive, got {objectSize}.";
        if (retainEvery < 0) return $"retain-every must not be negative, got {retainEvery}.";
        try { _ = checked(objects * objectSize); }
        catch (OverflowException)
        {
            return $"{objects} objects of {objectSize} bytes add up to more than {long.MaxValue} bytes, which the model's 64-bit counters cannot hold.";
        }
        if (retainEvery == 0) return null;
        long kept = objects / retainEvery + (objects % retainEvery == 0 ? 0 : 1);
        long fit = options.MaxOldGenerationSize / objectSize + 2 * options.MaxSemiSpaceSize / objectSize + 1;
        long live = Math.Min(kept, fit);
        if (live <= MaxLiveArrays) return null;
        string why = kept <= fit
            ? $"keeping every {Ordinal(retainEvery)} of {objects} objects keeps {kept} alive"
            : $"keeping every {Ordinal(retainEvery)} of {objects} objects keeps about {fit} alive before the {options.MaxOldSpaceSizeMiB} MiB heap limit " +
            $"stops the program";
        return $"{why} ({live / HeapOptions.MiB * objectSize + live % HeapOptions.MiB * objectSize / HeapOptions.MiB} MiB of V8 heap); the model holds " +
            $"each live array as a .NET object (about {HostBytesPerLiveArray} bytes of this machine's memory) and keeps at most {MaxLiveArrays} alive " +
            $"(about {MaxLiveArrays * HostBytesPerLiveArray / 1_000_000_000.0:0.0} GB). Allocate fewer objects, keep fewer (a larger retain-every), " +
            "or lower max-old-space-size.";
    }

    private static string Ordinal(int n) => n == 1 ? "1st" : n == 2 ? "2nd" : n == 3 ? "3rd" : $"{n}th";

    /// <summary>
    /// Runs the workload. <paramref name="retainEvery"/> 0 keeps nothing. Sizes that <see cref="SizeProblem"/>
    /// refuses throw <see cref="ArgumentOutOfRangeException"/> at once. Running out of the heap limit is not an
    /// error: the run stops there and says so. <paramref name="progress"/> hears every
    /// <see cref="ProgressInterval"/> arrays, when <paramref name="cancel"/> is also checked.
    /// <paramref name="reportEvery"/> is alloc.js's own P: it writes "PROGRESS i" every P arrays, and the
    /// runtime objects that costs (<see cref="ReportOldSpaceObjects"/>) are modelled; 0, as in the course's
    /// alloc.js without reports, writes none.
    /// </summary>
    public static AllocJsRun Run(long objects, int objectSize = 176, int retainEvery = 0, HeapOptions? options = null,
        IProgress<AllocJsProgress>? progress = null, CancellationToken cancel = default, long reportEvery = 0)
    {
        options ??= HeapOptions.Node20;
        if (reportEvery < 0)
            throw new ArgumentOutOfRangeException(nameof(reportEvery), reportEvery, "the arrays between progress reports must not be negative.");
        if (SizeProblem(objects, objectSize, retainEvery, options) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(objects), objects, problem);
        options = options with { RecordYoungObjects = false };
        var heap = new Heap(options);

        HeapObject? elements = null;
        int length = 0;
        long retained = 0, allocated = 0;
        // The array literal is one allocation site, judged by the mementos of its interpreted arrays. V8 would
        // pretenure it if nearly all of them survived a collection at new space's maximum; alloc.js's loop is
        // optimised (no more mementos) before new space gets there, and the model leaves out the
        // deoptimisation that sometimes gives node's site that chance (ARCHITECTURE.md), so it is never
        // pretenured here.
        var site = new AllocationSite();
        int collections = heap.Events.Count;
        long keptSinceCollection = 0;
        bool lastHadMemento = false;
        try
        {
            var (context, keep) = BuildStartupHeap(heap);
            for (long i = 0; i < objects; i++)
            {
                if (i % ProgressInterval == 0 && i > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    progress?.Report(new AllocJsProgress(i, objects, heap.ScavengeCount, heap.MarkCompactCount));
                }
                if (reportEvery > 0 && i % reportEvery == 0 && ReportOldSpaceObjects.TryGetValue(i / reportEvery, out int runtimeObjects))
                {
                    // fs.writeSync's new feedback vectors. Being old-space allocation, it checks the
                    // old-generation limit and may start marking: at 16 MiB this is what starts node's
                    // memory-reducing mark-compact after its fourth.
                    var vectors = heap.Allocate(runtimeObjects * ReportObjectBytes, space: SpaceKind.OldSpace);
                    heap.Roots.Set($"report {i / reportEvery} feedback", vectors, RootKind.Handle);
                }
                // Heap::GarbageCollectionPrologue notes whether new space is at its maximum before a collection.
                bool newSpaceAtMaximum = heap.NewSpace.SemiSpaceCapacity >= options.MaxSemiSpaceSize;
                bool pretenured = options.AllocationSitePretenuring && site.Pretenured;
                bool memento = !pretenured && i < InterpretedArrays;
                // V8 allocates the array and its memento as one block; the model places the memento first, so
                // that a collection this allocation triggers comes before the array exists, as V8's does.
                if (memento) heap.Allocate(MementoBytes);
                var a = heap.Allocate(objectSize, space: pretenured ? SpaceKind.OldSpace : SpaceKind.NewSpace);
                if (heap.Events.Count != collections)
                {
                    // A collection ran before this array existed: it found the mementos of the arrays kept since
                    // the previous one, and of the last array if it had one (sink still held it).
                    // PretenuringHandler digests them.
                    site.RecordFound(keptSinceCollection + (lastHadMemento ? 1 : 0));
                    site.Digest(newSpaceAtMaximum);
                    collections = heap.Events.Count;
                    keptSinceCollection = 0;
                }
                if (memento) site.RecordCreated();
                lastHadMemento = memento;
                allocated++;
                heap.Write(context, 0, a);                    // sink = a
                if (retainEvery != 0 && i % retainEvery == 0)
                {
                    if (elements is null || length == elements.SlotCount)
                        elements = Grow(heap, keep, elements, length);
                    heap.Write(elements, length++, a);         // keep.push(a)
                    retained++;
                    if (memento) keptSinceCollection++;
                }
            }
        }
        catch (HeapOutOfMemoryException) { }   // node aborts here; the run so far is the answer

        long promoted = heap.Events.Sum(e => e.PromotedBytes);
        // Counted as --trace-gc prints them: the mark-compact that finds the heap ineffective aborts before its line.
        return new AllocJsRun(objects, objectSize, retainEvery, retained, options.MinSemiSpaceSize, options.MaxSemiSpaceSize,
            heap.Events.Count(e => e.Kind == GcKind.Scavenge), heap.Events.Count(e => e.Kind == GcKind.MarkCompact), promoted,
            heap.ClockMs, heap.Occupancy(), heap.Events)
        {
            Allocated = allocated,
            MaxOldSpaceSizeMiB = options.MaxOldSpaceSizeMiB,
            ReportEvery = reportEvery,
            OutOfMemory = heap.OutOfMemory,
        };
    }

    /// <summary>Rebuilds node's startup heap: rooted old, code and large objects and a few young survivors.</summary>
    internal static (HeapObject Context, HeapObject Keep) BuildStartupHeap(Heap heap)
    {
        const int ChunkBytes = 4096;
        Fill(heap, "snapshot", StartupOldBytes - StartupOldGarbageBytes, ChunkBytes, SpaceKind.OldSpace);
        Fill(heap, "builtins", StartupCodeLiveBytes, ChunkBytes, SpaceKind.CodeSpace);
        // Bootstrap leftovers: allocated like the rest, referenced by nothing (see StartupOldGarbageBytes).
        Litter(heap, StartupOldGarbageBytes, ChunkBytes, SpaceKind.OldSpace);
        Litter(heap, StartupCodeBytes - StartupCodeLiveBytes, ChunkBytes, SpaceKind.CodeSpace);
        // Already in (old) large-object space when the loop starts (start-spaces.txt: new_large_object_space 0).
        var startupLarge = heap.Allocate(StartupLargeObjectBytes, label: "startup large object", space: SpaceKind.LargeObjectSpace);
        heap.Roots.Set("startup large object", startupLarge, RootKind.Handle);
        Fill(heap, "module loading", StartupYoungSurvivorBytes, 1024, SpaceKind.NewSpace);
        Litter(heap, StartupYoungGarbageBytes, 1024, SpaceKind.NewSpace);

        var context = heap.Allocate(64, 2, "script context", SpaceKind.OldSpace);   // slots: sink, keep
        heap.Roots.Set("script context", context, RootKind.Handle);
        var keep = heap.Allocate(32, 1, "keep");                                      // JSArray: map, properties, elements, length
        heap.Write(context, 1, keep);
        return (context, keep);
    }

    private static void Fill(Heap heap, string name, int bytes, int chunk, SpaceKind space)
    {
        // One rooted holder per space keeps the chunks alive, like V8's read-only roots and builtins table.
        int count = (bytes + chunk - 1) / chunk;
        int holderSize = Math.Max(16, 8 * count);
        var holder = heap.Allocate(holderSize, count, name, space);
        heap.Roots.Set(name, holder, RootKind.Handle);
        int left = bytes - holderSize;
        for (int i = 0; i < count && left > 0; i++)
        {
            int size = Math.Min(chunk, left);
            if (size < 16) break;
            heap.Write(holder, i, heap.Allocate(size, 0, null, space));
            left -= size;
        }
    }

    private static void Litter(Heap heap, int bytes, int chunk, SpaceKind space)
    {
        for (int left = bytes; left >= 16; left -= chunk) heap.Allocate(Math.Min(chunk, left), 0, null, space);
    }

    /// <summary>V8's growth of an array's elements on push: capacity (length + 1) + (length + 1) / 2 + 16.</summary>
    public static int NextCapacity(int length) => length + 1 + (length + 1) / 2 + 16;

    private static HeapObject Grow(Heap heap, HeapObject keep, HeapObject? old, int length)
    {
        int capacity = NextCapacity(length);
        var store = heap.Allocate(16 + 8 * capacity, capacity, "keep elements");
        for (int i = 0; i < length; i++) heap.Write(store, i, old!.Slots[i]);
        heap.Write(keep, 0, store);
        return store;
    }
}
