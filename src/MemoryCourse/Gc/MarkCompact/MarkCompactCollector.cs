using MemoryCourse.Gc.IncrementalMarking;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.MarkCompact;

/// <summary>
/// V8's major collector: mark (tri-colour, finishing an incremental marking if one ran), promote every
/// marked young object (a full GC empties new space; a mostly live page moves to old space whole), sweep
/// old, code and large-object space into free lists, then compact: evacuate the live objects of pages that
/// are mostly free onto other pages and release them. Marking is O(live objects + slots); sweeping
/// O(old-generation objects); compaction O(evacuated objects).
/// </summary>
public static class MarkCompactCollector
{
    internal static MarkCompactResult Run(Heap heap, IncrementalMarker? incremental, string name, bool traceMarking,
        bool reduceMemory = false)
    {
        var marker = incremental?.Marker ?? new TriColourMarker(heap, traceMarking);
        // Final pause: the roots may have changed since marking started, so they are scanned again.
        marker.ShadeRoots();
        marker.Drain();

        // Young survivors go to old space; the rest of new space is garbage. A page that is mostly live moves
        // to old space whole (page promotion); the others' survivors are copied one by one.
        long promoted = 0;
        var young = new List<HeapObject>();
        foreach (var obj in marker.Reached)
            if (obj.Space == SpaceKind.NewSpace && obj.Colour == (byte)TriColour.Black && heap.IsAlive(obj)) young.Add(obj);
        foreach (var page in PagesToMove(heap, young, reduceMemory))
        {
            heap.OldSpace.Adopt(page);
            foreach (var (obj, _) in page) { obj.Age = 0; promoted += obj.Size; }
        }
        foreach (var obj in young)
        {
            if (obj.Space != SpaceKind.NewSpace) continue;   // moved with its page
            heap.OldSpace.Place(obj);
            obj.Age = 0;
            promoted += obj.Size;
        }
        heap.ClearYoungGeneration();

        static bool IsMarked(HeapObject o) => o.Colour == (byte)TriColour.Black;
        long freed = heap.OldSpace.Sweep(name, IsMarked) + heap.CodeSpace.Sweep(name, IsMarked) + heap.LargeObjects.Sweep(name, IsMarked);
        // Colours of objects that sit in no swept space (none in this model) would stay: reset all reached.
        foreach (var obj in marker.Reached) obj.Colour = (byte)TriColour.White;

        var before = Fragmentation(heap.OldSpace, null).Concat(Fragmentation(heap.CodeSpace, null)).ToList();
        var candidates = ChooseEvacuationCandidates(heap, heap.OldSpace);
        long evacuated = candidates.Count == 0 ? 0 : heap.OldSpace.Evacuate(candidates);
        var chosen = candidates.Select(p => p.Index).ToHashSet();
        before = before.Select(p => p.Space == SpaceKind.OldSpace && chosen.Contains(p.PageIndex) ? p with { EvacuationCandidate = true } : p).ToList();
        var after = Fragmentation(heap.OldSpace, null).Concat(Fragmentation(heap.CodeSpace, null)).ToList();

        return new MarkCompactResult(0, marker.MarkedObjects, marker.MarkedBytes, promoted, freed, evacuated,
            candidates.Count, incremental?.StepsTaken ?? 0, before, after, marker.Trace, 0, 0);
    }

    /// <summary>
    /// The new-space pages a mark-compact moves to old space whole, each as its live objects and their offsets:
    /// V8's ShouldMovePage with --page-promotion, for pages whose live bytes are above
    /// <see cref="HeapOptions.PagePromotionThreshold"/> of the page area, unless the collection reduces memory or
    /// the old generation cannot take them. A moved page keeps its dead objects and empty tail as holes, so
    /// it adds a whole page to the old generation's capacity. O(live young objects).
    /// </summary>
    internal static List<List<(HeapObject Object, int Offset)>> PagesToMove(Heap heap, List<HeapObject> liveYoung, bool reduceMemory)
    {
        var moved = new List<List<(HeapObject, int)>>();
        double threshold = heap.Options.PagePromotionThreshold;
        if (threshold <= 0 || reduceMemory) return moved;
        var active = heap.NewSpace.Active;
        var byPage = new Dictionary<int, List<(HeapObject, int)>>();
        foreach (var obj in liveYoung)
        {
            var (page, offset) = active.PageAndOffsetOf(obj);
            if (!byPage.TryGetValue(page, out var list)) byPage[page] = list = new List<(HeapObject, int)>();
            list.Add((obj, offset));
        }
        long taken = 0;
        foreach (var (page, objects) in byPage.OrderBy(p => p.Key))
        {
            long live = objects.Sum(o => (long)o.Item1.Size);
            if (live <= threshold * heap.Options.PageAreaSize || !heap.CanExpandOldGeneration(taken + heap.Options.PageAreaSize)) continue;
            taken += heap.Options.PageAreaSize;
            moved.Add(objects);
        }
        return moved;
    }

    /// <summary>
    /// V8's choice of pages to evacuate: those with at least the threshold share of their area free,
    /// emptiest first, until the live bytes to move would exceed the per-GC maximum.
    /// </summary>
    internal static List<Page> ChooseEvacuationCandidates(Heap heap, PagedSpace space)
    {
        var options = heap.Options;
        var chosen = new List<Page>();
        long budget = 0;
        foreach (var page in space.Pages
                     .Where(p => p.AreaSize - p.AllocatedBytes >= options.CompactionFreeThreshold * p.AreaSize)
                     .OrderBy(p => p.AllocatedBytes).ThenBy(p => p.Index))
        {
            if (page.AllocatedBytes == 0) { chosen.Add(page); continue; }   // empty pages are released for free
            if (budget + page.AllocatedBytes > options.MaxEvacuatedBytes) break;
            budget += page.AllocatedBytes;
            chosen.Add(page);
        }
        // Evacuating into the only other page it would just refill is pointless: keep at least one page.
        if (chosen.Count == space.Pages.Count && chosen.Count > 0 && chosen.Any(p => p.AllocatedBytes > 0))
            chosen.RemoveAt(chosen.Count - 1);
        return chosen;
    }

    internal static IEnumerable<PageFragmentation> Fragmentation(PagedSpace space, HashSet<int>? candidates)
    {
        foreach (var page in space.Pages)
        {
            var holes = space.HolesOf(page);
            long free = holes.Sum(h => (long)h.Size);
            yield return new PageFragmentation(space.Kind, page.Index, page.AreaSize, page.AllocatedBytes, free,
                holes.Count, holes.Count == 0 ? 0 : holes.Max(h => h.Size), candidates?.Contains(page.Index) ?? false);
        }
    }
}
