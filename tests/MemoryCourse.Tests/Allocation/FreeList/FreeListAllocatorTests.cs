using FsCheck.Fluent;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.FreeList;

namespace MemoryCourse.Tests.Allocation.FreeList;

public class FreeListAllocatorTests
{
    // A heap of 100 bytes at 1000 carved into free holes of 10, 30, 20 and 40 bytes (addresses 1000, 1020, 1060, 1090...).
    private static FreeListAllocator HeapWithHoles(FitPolicy policy)
    {
        // Fill a 150-byte heap with blocks of 10,10,30,10,20,10,40,10,10, then free the 10/30/20/40 ones.
        var a = new FreeListAllocator(new FreeListOptions(Policy: policy, InitialSize: 150));
        long[] sizes = [10, 10, 30, 10, 20, 10, 40, 10, 10];
        var addresses = sizes.Select(s => a.MallocBlock(s).Address).ToArray();
        foreach (int i in new[] { 0, 2, 4, 6 }) Assert.Equal(0, a.FreeBlockAt(addresses[i]));
        return a;
    }

    [Fact]
    public void The_test_heap_has_the_holes_it_describes()
    {
        var a = HeapWithHoles(FitPolicy.First);
        Assert.Equal(
            [new(1000, 10), new(1020, 30), new(1060, 20), new(1090, 40)],
            a.FreeList.ToArray());
    }

    [Fact]
    public void First_fit_takes_the_first_hole_in_list_order_that_fits()
    {
        var (address, searched) = HeapWithHoles(FitPolicy.First).MallocBlock(15);
        Assert.Equal(1020, address);
        Assert.Equal(2, searched);
    }

    [Fact]
    public void Best_fit_picks_the_smallest_block_that_fits()
    {
        var (address, searched) = HeapWithHoles(FitPolicy.Best).MallocBlock(15);
        Assert.Equal(1060, address); // the 20-byte hole
        Assert.Equal(4, searched);   // BEST examines the whole list
    }

    [Fact]
    public void Worst_fit_picks_the_largest_block()
    {
        var (address, _) = HeapWithHoles(FitPolicy.Worst).MallocBlock(15);
        Assert.Equal(1090, address);
    }

    [Fact]
    public void Next_fit_resumes_the_search_where_the_last_allocation_was_made()
    {
        var a = HeapWithHoles(FitPolicy.Next);
        Assert.Equal(1020, a.MallocBlock(15).Address); // first fit from the head: the 30-byte hole, remainder 15 at 1035
        Assert.Equal(1060, a.MallocBlock(18).Address); // starts at the remainder (15, too small), then the 20-byte hole
        // Resumes at the 2-byte remainder at 1078 (too small) and takes the 40-byte hole; first fit would take 1000.
        Assert.Equal((1090L, 2L), a.MallocBlock(5));
    }

    [Fact]
    public void Coalescing_on_an_address_ordered_list_merges_both_neighbours()
    {
        var a = new FreeListAllocator(new FreeListOptions(Coalesce: true));
        long x = a.MallocBlock(10).Address, y = a.MallocBlock(20).Address, z = a.MallocBlock(30).Address;
        a.FreeBlockAt(x);
        a.FreeBlockAt(z); // merges with the 40 free bytes above it
        Assert.Equal([new(1000, 10), new(1030, 70)], a.FreeList.ToArray());
        a.FreeBlockAt(y);
        Assert.Equal([new(1000, 100)], a.FreeList.ToArray());
    }

    [Fact]
    public void Without_address_order_coalescing_misses_neighbours_that_are_not_adjacent_in_the_list()
    {
        var a = new FreeListAllocator(new FreeListOptions(Order: ListOrder.InsertFront, Coalesce: true));
        long x = a.MallocBlock(10).Address, y = a.MallocBlock(20).Address;
        a.FreeBlockAt(y); // list: (1010,20) (1030,70) -> merged (1010,90)
        a.FreeBlockAt(x); // list: (1000,10) (1010,90) -> merged (1000,100)
        Assert.Equal([new(1000, 100)], a.FreeList.ToArray());
        long p = a.MallocBlock(10).Address, q = a.MallocBlock(10).Address;
        a.FreeBlockAt(p); // list: (1000,10) (1020,80): not touching
        a.FreeBlockAt(q); // list: (1010,10) (1000,10) (1020,80): the three touch in memory, but no two list neighbours do
        Assert.Equal([new(1010, 10), new(1000, 10), new(1020, 80)], a.FreeList.ToArray());
    }

    [Fact]
    public void A_request_that_fits_nowhere_returns_minus_one_and_changes_nothing()
    {
        var a = HeapWithHoles(FitPolicy.Best);
        var before = a.FreeList.ToArray();
        Assert.Equal((-1L, 4L), a.MallocBlock(41));
        Assert.Equal(before, a.FreeList.ToArray());
        Assert.Equal(AllocationStatus.OutOfMemory, a.Allocate(41).Status);
    }

    [Fact]
    public void A_growable_heap_extends_only_by_the_bytes_missing_above_the_top_free_block()
    {
        var a = new FreeListAllocator(new FreeListOptions(Policy: FitPolicy.First, Coalesce: true, HeaderSize: 8, Alignment: 8,
            BaseAddress: 0, InitialSize: 0, GrowthChunk: 8));
        var first = a.Allocate(10); // 16 + 8 = 24 bytes
        Assert.Equal(24, a.HeapSize);
        Assert.Equal(8, first.Address);
        a.Allocate(100);            // 104 + 8 = 112 more
        Assert.Equal(136, a.HeapSize);
        a.Free(first.Address);      // 24 free bytes at the bottom, none at the top
        a.Allocate(30);             // 32 + 8 = 40: does not fit in 24, heap grows by 40
        Assert.Equal(176, a.HeapSize);
    }

    // The size index must choose exactly what malloc.py's linear scan chooses, whatever happened before.
    [Theory]
    [InlineData(FitPolicy.Best, true)]
    [InlineData(FitPolicy.Worst, true)]
    [InlineData(FitPolicy.Best, false)]
    [InlineData(FitPolicy.Worst, false)]
    public void Best_and_worst_fit_through_the_size_index_place_exactly_as_the_linear_scan(FitPolicy policy, bool coalesce)
    {
        var ops = Gen.Choose(-60, 40).ArrayOf().ToArbitrary(); // >0: malloc that size; <=0: free the k-th live block
        Prop.ForAll(ops, list =>
        {
            var options = new FreeListOptions(Policy: policy, Coalesce: coalesce, InitialSize: 1000);
            var indexed = new FreeListAllocator(options);
            var linear = new FreeListAllocator(options with { UseSizeIndex = false });
            Assert.True(indexed.UsesIndex);
            Assert.False(linear.UsesIndex);
            var live = new List<long>();
            foreach (int op in list)
            {
                if (op > 0)
                {
                    var x = indexed.MallocBlock(op);
                    Assert.Equal(linear.MallocBlock(op), x);
                    if (x.Address != -1) live.Add(x.Address);
                }
                else if (live.Count > 0)
                {
                    long address = live[-op % live.Count];
                    live.Remove(address);
                    Assert.Equal(linear.FreeBlockAt(address), indexed.FreeBlockAt(address));
                }
                Assert.Equal(linear.FreeList.ToArray(), indexed.FreeList.ToArray());
            }
        }).CheckOnSeed();
    }

    [Fact]
    public void Size_sorted_lists_reinsert_freed_blocks_stably_by_size()
    {
        var a = new FreeListAllocator(new FreeListOptions(Policy: FitPolicy.First, Order: ListOrder.SizeAscending));
        long x = a.MallocBlock(10).Address, y = a.MallocBlock(10).Address, z = a.MallocBlock(5).Address;
        a.FreeBlockAt(y);
        a.FreeBlockAt(x); // equal size 10: goes after the earlier 10
        a.FreeBlockAt(z);
        Assert.Equal([new(1020, 5), new(1010, 10), new(1000, 10), new(1025, 75)], a.FreeList.ToArray());
    }

    // malloc.py takes any number; the recorded runs of the original with such numbers are in
    // tests/MemoryCourse.Tests/Ostep/Simulators/Examples/malloc-negative-*.txt and malloc-empty-heap.txt.
    [Fact]
    public void A_fixed_heap_of_size_zero_is_one_empty_entry_as_in_malloc_py()
    {
        var a = new FreeListAllocator(new FreeListOptions(InitialSize: 0));

        Assert.Equal([new(1000, 0)], a.FreeList.ToArray());
        Assert.False(a.UsesIndex);
        Assert.Equal((-1L, 1L), a.MallocBlock(3)); // BEST never picks an entry larger than the heap: 0 < 3 anyway
    }

    [Fact]
    public void A_negative_header_makes_blocks_of_negative_size_and_the_list_is_kept_as_malloc_py_keeps_it()
    {
        // Header -5: Alloc(3) is a block of -2 bytes at 1000, leaving (998, 102); BEST then ignores 102 > 100.
        var a = new FreeListAllocator(new FreeListOptions(HeaderSize: -5));

        Assert.Equal((1000L, 1L), a.MallocBlock(3));
        Assert.Equal([new(998, 102)], a.FreeList.ToArray());
        Assert.Equal((-1L, 1L), a.MallocBlock(3));
        Assert.Equal(0, a.FreeBlockAt(1000));
        Assert.Equal([new(998, 102), new(1000, -2)], a.FreeList.ToArray()); // append, then a stable sort by address
    }

    [Fact]
    public void A_growing_heap_refuses_a_negative_header_or_heap_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FreeListAllocator(new FreeListOptions(HeaderSize: -8, GrowthChunk: 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FreeListAllocator(new FreeListOptions(InitialSize: -1, GrowthChunk: 8)));
    }

    [Fact]
    public void Sizes_and_addresses_beyond_64_bits_are_an_overflow_never_a_wrapped_value()
    {
        Assert.Throws<OverflowException>(() => new FreeListAllocator(new FreeListOptions(BaseAddress: long.MaxValue - 10, InitialSize: 100)));
        var a = new FreeListAllocator(new FreeListOptions(HeaderSize: 8));
        Assert.Throws<OverflowException>(() => a.MallocBlock(long.MaxValue));
        var aligned = new FreeListAllocator(new FreeListOptions(Alignment: 16));
        Assert.Throws<OverflowException>(() => aligned.MallocBlock(long.MaxValue - 3));
    }
}
