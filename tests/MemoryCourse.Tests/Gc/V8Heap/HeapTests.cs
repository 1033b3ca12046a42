using System.Text.RegularExpressions;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Heap;

public class HeapTests
{
    [Fact]
    public void A_negative_size_is_rejected_naming_the_value()
    {
        var heap = new Heap(HeapOptions.Teaching);
        var e = Assert.Throws<HeapException>(() => heap.Allocate(-16, label: "b"));
        Assert.Contains("-16", e.Message);
        Assert.Contains("'b'", e.Message);
    }

    [Fact]
    public void A_semi_space_smaller_than_one_page_is_rejected()
    {
        var options = HeapOptions.Node20 with { MinSemiSpaceSize = 1000 };
        var e = Assert.Throws<HeapException>(() => new Heap(options));
        Assert.Contains("1000", e.Message);
    }

    [Fact]
    public void An_object_that_cannot_fit_the_semi_space_is_rejected()
    {
        // A 2 KiB semi-space of 1 KiB pages cannot hold an object larger than a page; with the threshold
        // at the page area such an object would have to be young.
        var options = HeapOptions.Teaching with { PageAreaSize = 512, LargeObjectThreshold = 512 };
        var heap = new Heap(options);
        var fits = heap.Allocate(512);
        Assert.Equal(SpaceKind.NewSpace, fits.Space);
        Assert.Throws<HeapException>(() => new Heap(options with { LargeObjectThreshold = 600 }));
    }

    [Fact]
    public void Writing_a_reference_to_a_freed_object_names_the_object_and_the_collection()
    {
        var heap = new Heap(HeapOptions.Teaching);
        var holder = heap.Allocate(32, 1, "holder");
        heap.Roots.Set("holder", holder);
        var lost = heap.Allocate(48, 0, "lost");
        heap.Scavenge();
        Assert.False(heap.IsAlive(lost));
        var e = Assert.Throws<HeapException>(() => heap.Write(holder, 0, lost));
        Assert.Contains($"#{lost.Id}", e.Message);
        Assert.Contains("scavenge 1", e.Message);
    }

    [Fact]
    public void Reading_a_slot_that_does_not_exist_is_an_error()
    {
        var heap = new Heap(HeapOptions.Teaching);
        var obj = heap.Allocate(16, 1);
        Assert.Throws<HeapException>(() => heap.Read(obj, 3));
    }

    [Fact]
    public void Objects_above_the_threshold_go_to_large_object_space()
    {
        var heap = new Heap();
        Assert.Equal(SpaceKind.NewSpace, heap.Allocate(128 * 1024).Space);
        Assert.Equal(SpaceKind.LargeObjectSpace, heap.Allocate(128 * 1024 + 8).Space);
    }

    [Fact]
    public void An_empty_1_MiB_semi_space_offers_what_trace_gc_verbose_reports()
    {
        // Truth: V8's own report, "New space, used: 0 KB, available: 1006 KB", with KB = 1024 bytes, floored.
        var log = File.ReadAllLines(Captures.PathOf("trace-gc-verbose-k0-small.txt"));
        var line = log.First(l => l.Contains("New space,") && l.Contains("used:      0 KB"));
        int availableKb = int.Parse(Regex.Match(line, @"available:\s+(\d+) KB").Groups[1].Value);
        var heap = new Heap();
        Assert.Equal(availableKb, heap.NewSpace.Active.AllocatableBytes / 1024);
    }

    [Fact]
    public void Bump_allocation_gives_consecutive_addresses_and_skips_page_tails()
    {
        var heap = new Heap(HeapOptions.Teaching);   // 1 KiB pages, no header
        var a = heap.Allocate(400);
        var b = heap.Allocate(300);
        var c = heap.Allocate(350);                    // 700 + 350 > 1024: goes to the next page
        Assert.Equal(a.Address + 400, b.Address);
        Assert.Equal(a.Address + 1024, c.Address);
    }

    [Fact]
    public void A_young_large_object_that_survives_counts_towards_new_space_growth_as_V8_counts_its_promotion()
    {
        // V8 keeps it in new large-object space and promotes it whole at the next collection; that promotion
        // is a survivor like any other (Heap::CheckNewSpaceExpansionCriteria), so 1.5 MiB of it grows a 1 MiB
        // semi-space at the collection after.
        var heap = new Heap(HeapOptions.Node20);
        var store = heap.Allocate(3 * HeapOptions.MiB / 2, label: "big young store");
        heap.Roots.Set("store", store);
        Assert.Equal(SpaceKind.LargeObjectSpace, store.Space);
        heap.Scavenge();
        Assert.Equal(3L * HeapOptions.MiB / 2, heap.Sizing.SurvivedSinceLastExpansion);
        heap.Scavenge();
        Assert.Equal(2L * HeapOptions.MiB, heap.NewSpace.SemiSpaceCapacity);
    }

    [Fact]
    public void A_large_object_made_old_or_dead_by_the_next_mark_compact_does_not_grow_new_space()
    {
        var heap = new Heap(HeapOptions.Node20 with { IncrementalMarking = false });
        heap.Roots.Set("old", heap.Allocate(3 * HeapOptions.MiB / 2, label: "old large", space: SpaceKind.LargeObjectSpace));
        heap.Allocate(3 * HeapOptions.MiB / 2, label: "young garbage");
        heap.CollectFull();
        Assert.Equal(0, heap.Sizing.SurvivedSinceLastExpansion);
    }
}
