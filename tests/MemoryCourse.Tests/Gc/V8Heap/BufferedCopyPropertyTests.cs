using FsCheck.Fluent;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Heap;

/// <summary>
/// The collectors' invariants with the scavenger's buffers and the mark-compact's page promotion switched on,
/// on the teaching heap's small pages: two 384-byte buffers to a 1 KiB page (a 256-byte tail stays empty),
/// survivors above 128 bytes copied outside them, and mostly live new-space pages moved to old space whole.
/// </summary>
public class BufferedCopyPropertyTests
{
    private static readonly HeapOptions Buffered = HeapOptions.Teaching with
    {
        IncrementalMarking = false, ScavengerLabSize = 384, MaxLabObjectSize = 128, PagePromotionThreshold = 0.7,
    };

    [Fact]
    public void Every_reachable_object_survives_and_every_unreachable_one_goes_at_a_full_gc()
    {
        Prop.ForAll<int>(seed =>
        {
            var s = new HeapScenario(seed, Buffered);
            for (int step = 0; step < 150; step++)
            {
                s.MutatorStep();
                int what = s.Next(10);
                if (what > 1) continue;
                var reachable = s.Heap.Reachable();
                if (what == 0) s.Heap.Scavenge(); else s.Heap.CollectFull();
                if (!reachable.All(s.Heap.IsAlive)) return false;
                if (what == 1 && s.Allocated.Any(o => !reachable.Contains(o) && s.Heap.IsAlive(o))) return false;
            }
            return true;
        }).CheckOnSeed();
    }

    [Fact]
    public void No_two_live_objects_overlap_and_none_crosses_a_page_end()
    {
        Prop.ForAll<int>(seed =>
        {
            var s = new HeapScenario(seed, Buffered);
            for (int step = 0; step < 150; step++)
            {
                s.MutatorStep();
                int what = s.Next(8);
                if (what == 0) s.Heap.Scavenge();
                else if (what == 1) s.Heap.CollectFull();
                else continue;
                if (!NoOverlap(s.Heap)) return false;
            }
            return true;
        }).CheckOnSeed();
    }

    private static bool NoOverlap(Heap heap)
    {
        int area = heap.Options.PageAreaSize;
        var young = heap.Objects().Where(o => o.Space == SpaceKind.NewSpace)
            .Select(o => (Place: heap.NewSpace.Active.PageAndOffsetOf(o), o.Size)).ToList();
        if (young.Any(y => y.Place.Offset < 0 || y.Place.Offset + y.Size > area)) return false;
        foreach (var page in young.GroupBy(y => y.Place.Page))
        {
            var ordered = page.OrderBy(y => y.Place.Offset).ToList();
            for (int i = 1; i < ordered.Count; i++)
                if (ordered[i - 1].Place.Offset + ordered[i - 1].Size > ordered[i].Place.Offset) return false;
        }
        foreach (var page in heap.OldSpace.Pages.Concat(heap.CodeSpace.Pages))
        {
            var ordered = page.Objects.Where(heap.IsAlive).OrderBy(o => o.Address).ToList();
            if (ordered.Any(o => page.OffsetOf(o.Address) + o.Size > page.AreaSize)) return false;
            for (int i = 1; i < ordered.Count; i++)
                if (ordered[i - 1].Address + ordered[i - 1].Size > ordered[i].Address) return false;
        }
        return true;
    }
}
