using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.BoundaryTags;

namespace MemoryCourse.Tests.Allocation.BoundaryTags;

public class BoundaryTagAllocatorTests
{
    // CS:APP layout: 4 bytes padding, 8-byte prologue, blocks, 4-byte epilogue. malloc(1) needs 1 + 8 rounded to 16.
    [Fact]
    public void The_first_block_follows_the_padding_and_the_prologue()
    {
        var heap = new ImplicitListAllocator(chunkSize: 0);
        var p = heap.Allocate(1);

        Assert.Equal(16, p.Address);
        Assert.Equal(
            [HeapBlock.MetadataBlock(0, 4), HeapBlock.MetadataBlock(4, 8), HeapBlock.UsedBlock(12, 16, 16, 1), HeapBlock.MetadataBlock(28, 4)],
            heap.Blocks().ToArray());
    }

    [Theory]
    [InlineData("implicit")]
    [InlineData("explicit")]
    [InlineData("segregated")]
    public void Freeing_the_middle_block_merges_it_with_both_free_neighbours(string name)
    {
        var heap = AllocatorCatalog.Create(name);
        long a = heap.Allocate(100).Address, b = heap.Allocate(100).Address, c = heap.Allocate(100).Address;
        heap.Allocate(100); // keeps c's upper neighbour allocated
        heap.Free(a);
        heap.Free(c);
        Assert.Equal(2 + 1, heap.Blocks().Count(x => x.IsFree)); // a, c and the rest of the first chunk
        heap.Free(b);
        var free = heap.Blocks().Where(x => x.IsFree).ToArray();
        Assert.Equal(2, free.Length);
        Assert.Equal(a - 4, free[0].Address);
        Assert.Equal(3 * 112, free[0].Size); // three blocks of 100 + 8 rounded to 112
    }

    [Fact]
    public void The_explicit_list_reuses_the_most_recently_freed_block_first()
    {
        var heap = new ExplicitListAllocator(chunkSize: 0);
        long a = heap.Allocate(40).Address;
        heap.Allocate(8);
        long b = heap.Allocate(40).Address;
        heap.Allocate(8);
        heap.Free(a);
        heap.Free(b);
        Assert.Equal(b, heap.Allocate(40).Address); // LIFO: b was freed last
        Assert.Equal(a, heap.Allocate(40).Address);
    }

    [Fact]
    public void The_implicit_list_search_visits_allocated_blocks_too()
    {
        var heap = new ImplicitListAllocator(chunkSize: 0);
        for (int i = 0; i < 5; i++) heap.Allocate(8);
        long last = heap.Allocate(8).Address;
        heap.Free(last);
        Assert.Equal(6, heap.Allocate(8).SearchSteps); // walked past five used blocks to the free one
    }

    // Regression: growing the top block by only 8 bytes once made a free block too small for its list links,
    // and the links overwrote the epilogue.
    [Theory]
    [InlineData("explicit")]
    [InlineData("segregated")]
    public void Growing_the_top_block_by_a_few_bytes_keeps_the_heap_intact(string name)
    {
        IAllocator heap = name == "explicit"
            ? new ExplicitListAllocator(chunkSize: 0)
            : new MemoryCourse.Allocation.SegregatedFits.SegregatedFitAllocator(chunkSize: 0);
        long p = heap.Allocate(16).Address; // a 24-byte block at the top
        var grown = heap.Reallocate(p, 24); // needs 32: 8 more bytes
        Assert.Equal(p, grown.Address);
        var blocks = heap.Blocks();
        Assert.Equal(heap.HeapSize, blocks.Sum(x => x.Size));
        Assert.Equal(BlockKind.Metadata, blocks[^1].Kind);
        Assert.True(heap.Allocate(100).Succeeded);
        Assert.Equal(heap.HeapSize, heap.Blocks().Sum(x => x.Size));
    }

    [Fact]
    public void Realloc_grows_into_a_free_neighbour_without_moving()
    {
        var heap = new ExplicitListAllocator(chunkSize: 0);
        long a = heap.Allocate(32).Address, b = heap.Allocate(64).Address;
        heap.Allocate(8);
        heap.Free(b);
        var grown = heap.Reallocate(a, 80);
        Assert.Equal(a, grown.Address);
        Assert.Equal(80, heap.RequestedSize(a));
    }

    [Theory]
    [InlineData(16, 0)]
    [InlineData(31, 0)]
    [InlineData(32, 1)]
    [InlineData(4096, 8)]
    [InlineData(1L << 40, MemoryCourse.Allocation.SegregatedFits.SegregatedFitAllocator.ClassCount - 1)]
    public void Size_classes_are_powers_of_two_from_16(long size, int expected)
    {
        Assert.Equal(expected, MemoryCourse.Allocation.SegregatedFits.SegregatedFitAllocator.ClassOf(size));
    }
}
