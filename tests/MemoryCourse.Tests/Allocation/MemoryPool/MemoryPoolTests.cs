using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Tests.Allocation.MemoryPool;

public class MemoryPoolTests
{
    [Fact]
    public void A_pool_reserves_a_whole_chunk_up_front_and_hands_out_the_lowest_block_first()
    {
        var pool = new MemoryCourse.Allocation.MemoryPool.MemoryPool(blockSize: 32, blocksPerChunk: 4);
        var a = pool.Allocate(10);
        Assert.Equal(0, a.Address);
        Assert.Equal(128, pool.HeapSize); // four blocks reserved although one is used
        Assert.Equal(3, pool.FreeCount);
        Assert.Equal(22, pool.Blocks()[0].Overhead); // internal fragmentation: 32 - 10
    }

    [Fact]
    public void A_freed_block_is_the_next_one_handed_out()
    {
        var pool = new MemoryCourse.Allocation.MemoryPool.MemoryPool(blockSize: 32, blocksPerChunk: 4);
        pool.Allocate(8);
        long b = pool.Allocate(8).Address;
        pool.Allocate(8);
        pool.Free(b);
        Assert.Equal(b, pool.Allocate(30).Address);
    }

    [Fact]
    public void A_pool_grows_by_another_chunk_when_it_runs_dry()
    {
        var pool = new MemoryCourse.Allocation.MemoryPool.MemoryPool(blockSize: 16, blocksPerChunk: 2);
        for (int i = 0; i < 3; i++) pool.Allocate(16);
        Assert.Equal(64, pool.HeapSize);
    }

    [Fact]
    public void Requests_larger_than_the_block_and_a_full_pool_are_refused()
    {
        var pool = new MemoryCourse.Allocation.MemoryPool.MemoryPool(blockSize: 16, blocksPerChunk: 2, maxHeapSize: 32);
        Assert.Equal(AllocationStatus.TooLarge, pool.Allocate(17).Status);
        Assert.True(pool.Allocate(1).Succeeded);
        Assert.True(pool.Allocate(1).Succeeded);
        Assert.Equal(AllocationStatus.OutOfMemory, pool.Allocate(1).Status);
        Assert.Equal(32, pool.HeapSize);
    }

    [Fact]
    public void The_pool_allocator_serves_each_request_from_the_smallest_class_that_holds_it()
    {
        var pools = new MemoryCourse.Allocation.MemoryPool.PoolAllocator();
        Assert.Equal(16, pools.Allocate(16).BlockSize);
        Assert.Equal(32, pools.Allocate(17).BlockSize);
        Assert.Equal(1L << 20, pools.Allocate(614784).BlockSize);
    }
}
