using FsCheck.Fluent;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.IncrementalMarking;

public class IncrementalMarkerTests
{
    // The classic lost object: root -> a (marked black), root -> b (grey) -> c (white).
    // The mutator moves c behind a (a.f = c) and removes b's reference (b.f = null).
    private static (Heap Heap, HeapObject C) HideWhiteObjectBehindBlackOne(bool barrier)
    {
        var heap = new Heap(HeapOptions.Teaching with { MarkingWriteBarrier = barrier });
        var a = heap.Allocate(32, 1, "a", SpaceKind.OldSpace);
        var b = heap.Allocate(32, 1, "b", SpaceKind.OldSpace);
        var c = heap.Allocate(32, 0, "c", SpaceKind.OldSpace);
        heap.Write(b, 0, c);
        heap.Roots.Set("b", b);
        heap.Roots.Set("a", a);
        var marking = heap.StartIncrementalMarking();
        marking.Step(1);                         // blackens a (the last root shaded is scanned first)
        Assert.Equal(MemoryCourse.Gc.MarkCompact.TriColour.Black, MemoryCourse.Gc.MarkCompact.TriColourMarker.ColourOf(a));
        heap.Write(a, 0, c);                     // black -> white: the invariant is broken unless the barrier shades c
        heap.Write(b, 0, null);
        heap.Roots.Remove("b");
        heap.CollectFull();
        return (heap, c);
    }

    [Fact]
    public void Without_the_write_barrier_incremental_marking_frees_a_live_object()
    {
        var (heap, c) = HideWhiteObjectBehindBlackOne(barrier: false);
        Assert.Contains(c, heap.Reachable());     // still reachable from root a ...
        Assert.False(heap.IsAlive(c));            // ... but freed
    }

    [Fact]
    public void With_the_write_barrier_the_hidden_object_survives()
    {
        var (heap, c) = HideWhiteObjectBehindBlackOne(barrier: true);
        Assert.True(heap.IsAlive(c));
    }

    [Fact]
    public void With_the_write_barrier_every_reachable_object_survives_an_interleaved_marking()
    {
        Prop.ForAll<int>(seed =>
        {
            var s = new HeapScenario(seed, HeapOptions.Teaching);
            for (int i = 0; i < 40; i++) s.MutatorStep();
            var marking = s.Heap.StartIncrementalMarking();
            for (int i = 0; i < 60 && s.Heap.Marking is not null; i++)
            {
                s.MutatorStep();
                if (s.Heap.Marking is not null && s.Next(2) == 0) s.Heap.Marking.Step(64);
            }
            var reachable = s.Heap.Reachable();
            s.Heap.CollectFull();
            return reachable.All(s.Heap.IsAlive);
        }).CheckOnSeed();
    }

    [Fact]
    public void Without_the_barrier_random_mutators_also_lose_live_objects()
    {
        // Not every run breaks, but across seeds some do: the barrier is what makes the invariant hold.
        int broken = 0;
        for (int seed = 0; seed < 200 && broken == 0; seed++)
        {
            var s = new HeapScenario(seed, HeapOptions.Teaching with { MarkingWriteBarrier = false });
            for (int i = 0; i < 40; i++) s.MutatorStep();
            s.Heap.StartIncrementalMarking();
            for (int i = 0; i < 60 && s.Heap.Marking is not null; i++)
            {
                s.MutatorStep();
                if (s.Heap.Marking is not null && s.Next(2) == 0) s.Heap.Marking.Step(64);
            }
            var reachable = s.Heap.Reachable();
            s.Heap.CollectFull();
            if (!reachable.All(s.Heap.IsAlive)) broken++;
        }
        Assert.True(broken > 0);
    }
}
