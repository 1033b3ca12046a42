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
/// --trace-gc-verbose and heap-space statistics.
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

    /// <summary>Runs the workload. <paramref name="retainEvery"/> 0 keeps nothing.</summary>
    public static AllocJsRun Run(long objects, int objectSize = 176, int retainEvery = 0, HeapOptions? options = null)
    {
        if (objects < 0) throw new ArgumentOutOfRangeException(nameof(objects), objects, "number of objects must not be negative.");
        if (objectSize <= 0) throw new ArgumentOutOfRangeException(nameof(objectSize), objectSize, "object size must be positive.");
        if (retainEvery < 0) throw new ArgumentOutOfRangeException(nameof(retainEvery), retainEvery, "retain-every must not be negative.");
        options ??= HeapOptions.Node20;
        options = options with { RecordYoungObjects = false };
        var heap = new Heap(options);
        var (context, keep) = BuildStartupHeap(heap);

        HeapObject? elements = null;
        int length = 0;
        long retained = 0;
        for (long i = 0; i < objects; i++)
        {
            var a = heap.Allocate(objectSize);
            heap.Write(context, 0, a);                    // sink = a
            if (retainEvery != 0 && i % retainEvery == 0)
            {
                if (elements is null || length == elements.SlotCount)
                    elements = Grow(heap, keep, elements, length);
                heap.Write(elements, length++, a);         // keep.push(a)
                retained++;
            }
        }

        long promoted = heap.Events.Sum(e => e.PromotedBytes);
        return new AllocJsRun(objects, objectSize, retainEvery, retained, options.MinSemiSpaceSize, options.MaxSemiSpaceSize,
            heap.ScavengeCount, heap.MarkCompactCount, promoted, heap.ClockMs, heap.Occupancy(), heap.Events);
    }

    /// <summary>Rebuilds node's startup heap: rooted old, code and large objects and a few young survivors.</summary>
    internal static (HeapObject Context, HeapObject Keep) BuildStartupHeap(Heap heap)
    {
        const int chunk = 4096;
        Fill(heap, "snapshot", StartupOldBytes, chunk, SpaceKind.OldSpace);
        Fill(heap, "builtins", StartupCodeBytes, chunk, SpaceKind.CodeSpace);
        heap.Roots.Set("startup large object", heap.Allocate(StartupLargeObjectBytes, label: "startup large object"), RootKind.Handle);
        Fill(heap, "module loading", StartupYoungSurvivorBytes, 1024, SpaceKind.NewSpace);

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
