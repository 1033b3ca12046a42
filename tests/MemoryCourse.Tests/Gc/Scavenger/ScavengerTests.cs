using FsCheck.Fluent;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.Scavenger;

public class ScavengerTests
{
    [Fact]
    public void Scavenge_promotes_objects_that_survive_twice()
    {
        // Truth: promote.txt, V8's %InYoungGeneration: true when fresh, true after minor GC 1, false after 2.
        var heap = new Heap(HeapOptions.Teaching);
        var probe = heap.Allocate(32, 0, "probe");
        heap.Roots.Set("o", probe);
        Assert.Equal(SpaceKind.NewSpace, probe.Space);
        heap.Scavenge();
        Assert.Equal(SpaceKind.NewSpace, probe.Space);
        heap.Scavenge();
        Assert.Equal(SpaceKind.OldSpace, probe.Space);
        heap.Scavenge();
        Assert.Equal(SpaceKind.OldSpace, probe.Space);
    }

    [Fact]
    public void Scavenge_copies_breadth_first_and_moves_an_object_reached_twice_once()
    {
        // Cheney's algorithm on root -> a -> (b, c), with c also reached from b: order a, b, c.
        var heap = new Heap(HeapOptions.Teaching);
        var a = heap.Allocate(32, 2, "a");
        var b = heap.Allocate(32, 1, "b");
        var c = heap.Allocate(32, 0, "c");
        heap.Allocate(64, 0, "garbage");
        heap.Write(a, 0, b);
        heap.Write(a, 1, c);
        heap.Write(b, 0, c);
        heap.Roots.Set("a", a);
        var result = heap.Scavenge(traceSteps: true);
        Assert.Equal(new[] { "a", "b", "c" }, result.Steps.Select(s => s.Label));
        Assert.Equal(96, result.CopiedBytes);
        Assert.Equal(heap.NewSpace.Active.BaseAddress, a.Address);          // copied to the start of to-space
        Assert.Equal(a.Address + 32, b.Address);
        Assert.All(result.Steps, s => Assert.NotEqual(s.FromAddress, s.ToAddress));
    }

    [Fact]
    public void A_young_object_referenced_only_from_an_old_one_survives_through_the_remembered_set()
    {
        var heap = new Heap(HeapOptions.Teaching);
        var old = heap.Allocate(32, 1, "old", SpaceKind.OldSpace);
        heap.Roots.Set("old", old);
        var young = heap.Allocate(32, 0, "young");
        heap.Write(old, 0, young);
        Assert.Equal(1, heap.RememberedSet.Count);
        var result = heap.Scavenge();
        Assert.True(heap.IsAlive(young));
        Assert.Equal(1, result.RememberedSlotsScanned);
        heap.Scavenge();                                    // promoted: the old-to-new slot is no longer needed
        Assert.Equal(SpaceKind.OldSpace, young.Space);
        Assert.Equal(0, heap.RememberedSet.Count);
    }

    [Fact]
    public void Every_object_reachable_from_the_roots_survives_every_scavenge()
    {
        Prop.ForAll<int>(seed =>
        {
            var s = new HeapScenario(seed, HeapOptions.Teaching with { IncrementalMarking = false });
            for (int step = 0; step < 120; step++)
            {
                s.MutatorStep();
                if (s.Next(8) != 0) continue;
                var reachable = s.Heap.Reachable();
                s.Heap.Scavenge();
                if (!reachable.All(s.Heap.IsAlive)) return false;
            }
            return true;
        }).CheckOnSeed();
    }

    [Fact]
    public void Promoted_bytes_of_a_scavenge_equal_the_bytes_that_survived_the_one_before_when_survivors_stay_alive()
    {
        // V8's rule (the nvp captures' promoted = previous new_space_survived): what survives once is
        // promoted at the next scavenge, as long as it is still alive.
        Prop.ForAll<int>(seed =>
        {
            var random = new Random(seed);
            var heap = new Heap(HeapOptions.Teaching with { MaxSemiSpaceSize = 64 * 1024, IncrementalMarking = false });
            for (int i = 0; i < 2000; i++)
            {
                var obj = heap.Allocate(16 + 8 * random.Next(0, 30));
                if (random.Next(7) == 0) heap.Roots.Set($"keep{i}", obj);
            }
            // Pairs of back-to-back scavenges (a mark-compact in between promotes everything at once).
            var pairs = heap.Events.Zip(heap.Events.Skip(1)).Where(p => p.First.Kind == GcKind.Scavenge && p.Second.Kind == GcKind.Scavenge).ToList();
            return pairs.Count > 3 && pairs.All(p => p.Second.PromotedBytes == p.First.SurvivedBytes);
        }).CheckOnSeed();
    }
}
