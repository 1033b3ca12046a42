using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc;

/// <summary>
/// A seeded random mutator for property tests: allocates objects, roots some, stores references between
/// reachable objects, drops roots, and asks for collections. It only ever uses objects a program could
/// still name (reachable ones), as a real program would.
/// </summary>
internal sealed class HeapScenario
{
    private readonly Random _random;
    private int _rootNames;

    public HeapScenario(int seed, HeapOptions options)
    {
        _random = new Random(seed);
        Heap = new Heap(options);
    }

    public Heap Heap { get; }

    public List<HeapObject> Allocated { get; } = new();

    public HeapObject AllocateRandom()
    {
        bool large = _random.Next(20) == 0;
        int slots = _random.Next(4);
        int size = large ? Heap.Options.LargeObjectThreshold + 8 * _random.Next(1, 40) : Math.Max(16, 8 * slots) + 8 * _random.Next(0, 20);
        var obj = Heap.Allocate(size, slots, space: _random.Next(10) == 0 ? SpaceKind.OldSpace : SpaceKind.NewSpace);
        Allocated.Add(obj);
        return obj;
    }

    /// <summary>One random mutator action (no explicit collection).</summary>
    public void MutatorStep()
    {
        var reachable = Heap.Reachable().ToList();
        reachable.Sort((a, b) => a.Id.CompareTo(b.Id));
        switch (_random.Next(6))
        {
            case 0:
            case 1:
                var fresh = AllocateRandom();
                if (_random.Next(3) == 0 || reachable.Count == 0) Heap.Roots.Set($"r{_rootNames++}", fresh, RootKind.StackFrame);
                else
                {
                    var holders = Heap.Reachable().Where(o => o.SlotCount > 0).OrderBy(o => o.Id).ToList();
                    if (holders.Count > 0)
                    {
                        var h = holders[_random.Next(holders.Count)];
                        Heap.Write(h, _random.Next(h.SlotCount), fresh);
                    }
                }
                break;
            case 2:
            case 3:
                var withSlots = reachable.Where(o => o.SlotCount > 0).ToList();
                if (withSlots.Count == 0 || reachable.Count == 0) break;
                var holder = withSlots[_random.Next(withSlots.Count)];
                var value = _random.Next(5) == 0 ? null : reachable[_random.Next(reachable.Count)];
                Heap.Write(holder, _random.Next(holder.SlotCount), value);
                break;
            case 4:
                var names = Heap.Roots.All.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (names.Count > 0) Heap.Roots.Remove(names[_random.Next(names.Count)]);
                break;
            default:
                AllocateRandom();   // garbage straight away
                break;
        }
    }

    public int Next(int max) => _random.Next(max);
}
