using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.MarkCompact;

/// <summary>
/// A mark-compact moves a mostly live new-space page to old space whole (V8's page promotion): its objects
/// keep their place in the page, and its dead bytes and tail become the page's holes.
/// </summary>
public class PagePromotionTests
{
    // Fills new space with 176-byte objects; every keepEvery-th is held by an old-space holder.
    private static (Heap Heap, List<HeapObject> Kept) NewSpaceOf(HeapOptions options, int keepEvery)
    {
        var heap = new Heap(options with { IncrementalMarking = false });
        var holder = heap.Allocate(8 * 4096, 4096, "holder", SpaceKind.OldSpace);
        heap.Roots.Set("holder", holder);
        var kept = new List<HeapObject>();
        for (int i = 0; heap.NewSpace.Active.UsedBytes + 176 <= heap.NewSpace.Active.AllocatableBytes - 4096; i++)
        {
            var obj = heap.Allocate(176);
            if (i % keepEvery == 0) { heap.Write(holder, kept.Count, obj); kept.Add(obj); }
            if (kept.Count == 4096) break;
        }
        Assert.Equal(0, heap.ScavengeCount);
        return (heap, kept);
    }

    [Fact]
    public void A_mark_compact_moves_a_fully_live_new_space_page_whole()
    {
        var (heap, kept) = NewSpaceOf(HeapOptions.Node20, keepEvery: 1);
        var offsets = kept.ToDictionary(o => o, o => heap.NewSpace.Active.PageAndOffsetOf(o).Offset);
        heap.CollectFull();
        Assert.All(kept, o => Assert.Equal(SpaceKind.OldSpace, o.Space));
        // 4096 objects of 176 bytes fill two pages and 80% of a third: those three move, nothing is copied.
        Assert.Equal(3, kept.Select(o => o.Page).Distinct().Count());
        Assert.All(kept, o => Assert.Equal(offsets[o], o.Page!.OffsetOf(o.Address)));
    }

    [Fact]
    public void A_page_with_less_than_seventy_percent_live_is_copied_object_by_object()
    {
        var (heap, kept) = NewSpaceOf(HeapOptions.Node20, keepEvery: 2);
        int pagesBefore = heap.OldSpace.Pages.Count;
        heap.CollectFull();
        Assert.All(kept, o => Assert.Equal(SpaceKind.OldSpace, o.Space));
        // Half of each page is live: the survivors are packed onto the holder's page and fresh ones.
        long live = kept.Sum(o => (long)o.Size);
        Assert.True(heap.OldSpace.Pages.Count - pagesBefore <= live / heap.Options.PageAreaSize + 1);
        var byPage = kept.GroupBy(o => o.Page!).ToList();
        Assert.All(byPage.SelectMany(g => g.OrderBy(o => o.Address).Zip(g.OrderBy(o => o.Address).Skip(1))),
            pair => Assert.Equal(pair.First.Address + pair.First.Size, pair.Second.Address));
    }

    [Fact]
    public void A_memory_reducing_mark_compact_copies_instead_of_moving_pages()
    {
        // V8's ShouldMovePage refuses to move pages when the collection reduces memory: a moved page keeps its holes.
        var (heap, kept) = NewSpaceOf(HeapOptions.Node20, keepEvery: 1);
        var young = kept.ToList();
        var moved = MemoryCourse.Gc.MarkCompact.MarkCompactCollector.PagesToMove(heap, young, reduceMemory: true);
        Assert.Empty(moved);
        Assert.Equal(3, MemoryCourse.Gc.MarkCompact.MarkCompactCollector.PagesToMove(heap, young, reduceMemory: false).Count);
    }

    [Fact]
    public void Reachable_objects_survive_and_no_two_overlap_after_pages_are_moved()
    {
        var (heap, kept) = NewSpaceOf(HeapOptions.Node20, keepEvery: 1);
        heap.CollectFull();
        var reachable = heap.Reachable();
        Assert.All(kept, o => Assert.Contains(o, reachable));
        foreach (var page in heap.OldSpace.Pages)
        {
            var ordered = page.Objects.OrderBy(o => o.Address).ToList();
            for (int i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i - 1].Address + ordered[i - 1].Size <= ordered[i].Address, $"objects overlap on page {page.Index}");
        }
    }
}
