using FsCheck.Fluent;
using MemoryCourse.Gc.MarkCompact;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.MarkCompact;

public class MarkCompactTests
{
    [Fact]
    public void A_full_gc_promotes_young_survivors_at_once()
    {
        // Truth: promote.txt, "p after 1 full gc InYoungGeneration = false".
        var heap = new Heap(HeapOptions.Teaching);
        var p = heap.Allocate(32, 0, "p");
        heap.Roots.Set("p", p);
        heap.CollectFull();
        Assert.Equal(SpaceKind.OldSpace, p.Space);
    }

    [Fact]
    public void An_object_cut_off_from_the_roots_is_freed_as_in_the_seed_picture()
    {
        // Seed 000: root -> ... ; M loses its last reference and the collector deletes it.
        var heap = new Heap(HeapOptions.Teaching);
        var root = heap.Allocate(32, 2, "root", SpaceKind.OldSpace);
        heap.Roots.Set("root", root);
        var kept = heap.Allocate(32, 0, "kept", SpaceKind.OldSpace);
        var m = heap.Allocate(32, 0, "M", SpaceKind.OldSpace);
        heap.Write(root, 0, kept);
        heap.Write(root, 1, m);
        heap.Write(root, 1, null);
        var result = heap.CollectFull(traceMarking: true);
        Assert.False(heap.IsAlive(m));
        Assert.True(heap.IsAlive(kept));
        Assert.Equal("mark-compact 1", m.FreedBy);
        // Step by step: root is blackened first, then kept; M stays white to the end.
        Assert.Equal(new[] { root.Id, kept.Id }, result.MarkingSteps.Select(s => s.Blackened));
        Assert.Contains(m.Id, result.MarkingSteps[^1].White);
        Assert.Empty(result.MarkingSteps[^1].Grey);
    }

    [Fact]
    public void Atomic_marking_never_has_a_black_object_pointing_to_a_white_one()
    {
        Prop.ForAll<int>(seed =>
        {
            var s = new HeapScenario(seed, HeapOptions.Teaching with { IncrementalMarking = false });
            for (int i = 0; i < 60; i++) s.MutatorStep();
            var byId = s.Allocated.ToDictionary(o => o.Id);
            var result = s.Heap.CollectFull(traceMarking: true);
            foreach (var step in result.MarkingSteps)
            {
                var white = step.White.ToHashSet();
                foreach (var blackId in step.Black)
                    if (byId.TryGetValue(blackId, out var black) && black.Slots.Any(c => c is not null && white.Contains(c.Id))) return false;
            }
            return true;
        }).CheckOnSeed();
    }

    [Fact]
    public void A_full_gc_keeps_every_reachable_object_and_frees_every_unreachable_one()
    {
        Prop.ForAll<int>(seed =>
        {
            var s = new HeapScenario(seed, HeapOptions.Teaching with { IncrementalMarking = false });
            for (int step = 0; step < 150; step++)
            {
                s.MutatorStep();
                if (s.Next(6) == 0) s.Heap.Scavenge();
                if (s.Next(15) != 0) continue;
                var reachable = s.Heap.Reachable();
                s.Heap.CollectFull();
                foreach (var obj in s.Allocated)
                    if (reachable.Contains(obj) != s.Heap.IsAlive(obj)) return false;
            }
            return true;
        }).CheckOnSeed();
    }

    [Fact]
    public void Compaction_evacuates_a_mostly_empty_page_and_releases_it()
    {
        var heap = new Heap(HeapOptions.Teaching with { IncrementalMarking = false });
        var holder = heap.Allocate(16, 2, "holder", SpaceKind.OldSpace);
        heap.Roots.Set("holder", holder);
        var objects = Enumerable.Range(0, 12).Select(i => heap.Allocate(160, 0, $"o{i}", SpaceKind.OldSpace)).ToList();
        // Pages hold 1024 bytes: holder + 6 objects on page 0, 6 objects on page 1. Keep one of page 1's.
        var survivor = objects[^1];
        heap.Write(holder, 0, objects[0]);
        heap.Write(holder, 1, survivor);
        long oldAddress = survivor.Address;
        var result = heap.CollectFull();
        var emptied = result.PagesBeforeCompaction.Single(p => p.EvacuationCandidate);
        Assert.True(emptied.FreeBytes >= 0.7 * emptied.AreaSize);
        Assert.Equal(1, result.EvacuatedPages);
        Assert.Equal(160, result.EvacuatedBytes);
        Assert.NotEqual(oldAddress, survivor.Address);
        Assert.True(heap.IsAlive(survivor));
        Assert.Single(heap.OldSpace.Pages);
    }

    [Fact]
    public void Fragmentation_is_zero_for_one_hole_and_grows_with_crumbs()
    {
        var one = new PageFragmentation(SpaceKind.OldSpace, 0, 1000, 600, 400, 1, 400, false);
        var crumbs = new PageFragmentation(SpaceKind.OldSpace, 0, 1000, 600, 400, 4, 100, false);
        Assert.Equal(0, one.Fragmentation);
        Assert.Equal(0.75, crumbs.Fragmentation, 10);
    }
}
