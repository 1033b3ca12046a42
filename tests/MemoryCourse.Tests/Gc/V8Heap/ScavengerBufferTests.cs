using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Heap;

/// <summary>
/// The scavenger copies survivors through 32 KiB local allocation buffers, seven to a page, and V8 counts
/// new space's size with the page tails they leave (SemiSpace.Size).
/// </summary>
public class ScavengerBufferTests
{
    private const int Lab = 32 * HeapOptions.KiB;

    // A 2 MiB semi-space full of 176-byte objects, every one held by old-space holders (as alloc.js's keep).
    private static (Heap Heap, List<HeapObject> Objects) FullOfSurvivors()
    {
        var heap = new Heap(HeapOptions.Node20FixedSemiSpace(2) with { IncrementalMarking = false });
        var objects = new List<HeapObject>();
        var holder = heap.Allocate(8 * 1024, 1024, "holder", SpaceKind.OldSpace);
        heap.Roots.Set("holders", holder);
        long room = heap.NewSpace.Active.AllocatableBytes;
        int slot = 0;
        while (heap.NewSpace.Active.UsedBytes + 176 <= room - 8 * 1024 && heap.ScavengeCount == 0)
        {
            if (slot == 1024)
            {
                holder = heap.Allocate(8 * 1024, 1024, "holder", SpaceKind.OldSpace);
                heap.Roots.Set($"holders {objects.Count}", holder);
                slot = 0;
            }
            var obj = heap.Allocate(176);
            heap.Write(holder, slot++, obj);
            objects.Add(obj);
        }
        return (heap, objects);
    }

    [Fact]
    public void Survivors_are_copied_seven_buffers_to_a_page_and_leave_the_page_tail_empty()
    {
        var (heap, objects) = FullOfSurvivors();
        heap.Scavenge();
        var copied = objects.Where(o => o.Space == SpaceKind.NewSpace).ToList();
        Assert.NotEmpty(copied);
        var offsets = copied.Select(o => heap.NewSpace.Active.PageAndOffsetOf(o).Offset).ToList();
        Assert.All(offsets, offset => Assert.True(offset + 176 <= 7 * Lab, $"a survivor at offset {offset} lies in the page tail"));
        // No object straddles two buffers: what is left of a buffer when the next is taken stays empty.
        Assert.All(offsets, offset => Assert.Equal(offset / Lab, (offset + 175) / Lab));
        // 257 712 - 7 x 32 KiB = 28 336 bytes per page are not used for copies, so not everything fits.
        Assert.Contains(objects, o => o.Space == SpaceKind.OldSpace);
    }

    [Fact]
    public void New_space_size_counts_the_page_tails_the_buffers_left()
    {
        var (heap, _) = FullOfSurvivors();
        heap.Scavenge();
        var active = heap.NewSpace.Active;
        Assert.True(active.Size > active.UsedBytes, $"size {active.Size} should exceed the {active.UsedBytes} bytes of objects");
        // After the copies the program gets only the last page's tail before the next scavenge: the 28 336
        // bytes node allocated between such scavenges (data/node/heap-limit/survival/old96-k1-nvp.txt).
        long tail = active.AllocatableBytes - active.Size;
        Assert.Equal(heap.Options.PageAreaSize - 7 * Lab, tail);
        Assert.Equal(28_336, tail);
    }

    [Fact]
    public void Without_buffers_survivors_are_packed_as_tightly_as_allocation()
    {
        var heap = new Heap(HeapOptions.Node20FixedSemiSpace(2) with { IncrementalMarking = false, ScavengerLabSize = 0 });
        var holder = heap.Allocate(8 * 1000, 1000, "holder", SpaceKind.OldSpace);
        heap.Roots.Set("holder", holder);
        for (int i = 0; i < 1000; i++) heap.Write(holder, i, heap.Allocate(176));
        heap.Scavenge();
        Assert.Equal(heap.NewSpace.Active.UsedBytes, heap.NewSpace.Active.Size);
    }

    [Fact]
    public void A_buffer_larger_than_a_page_area_is_refused_naming_the_option()
    {
        var e = Assert.Throws<HeapException>(() => new Heap(HeapOptions.Node20 with { ScavengerLabSize = 300_000 }));
        Assert.Contains("ScavengerLabSize", e.Message);
        Assert.Contains("300000", e.Message);
    }
}
