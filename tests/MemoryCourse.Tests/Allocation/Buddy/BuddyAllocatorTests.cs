using System.Numerics;
using FsCheck.Fluent;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.Buddy;

namespace MemoryCourse.Tests.Allocation.Buddy;

public class BuddyAllocatorTests
{
    // By hand: 100 bytes -> a 128-byte block; the heap starts as one 128-byte block. 20 bytes -> 32: the heap doubles
    // to 256, the new half [128, 256) splits into 64 + 64, then 32 + 32: the block at 128.
    [Fact]
    public void Requests_round_up_to_a_power_of_two_and_larger_blocks_split_into_buddies()
    {
        var buddy = new BuddyAllocator();
        var a = buddy.Allocate(100);
        Assert.Equal((0L, 128L), (a.Address, a.BlockSize));
        var b = buddy.Allocate(20);
        Assert.Equal((128L, 32L), (b.Address, b.BlockSize));
        Assert.Equal(256, buddy.HeapSize);
        Assert.Equal(
            [HeapBlock.UsedBlock(0, 128, 0, 100), HeapBlock.UsedBlock(128, 32, 128, 20), HeapBlock.FreeBlock(160, 32), HeapBlock.FreeBlock(192, 64)],
            buddy.Blocks().ToArray());
    }

    [Fact]
    public void Freeing_both_buddies_merges_them_back_into_one_block()
    {
        var buddy = new BuddyAllocator();
        long a = buddy.Allocate(100).Address, b = buddy.Allocate(20).Address;
        buddy.Free(b);
        Assert.Equal([HeapBlock.UsedBlock(0, 128, 0, 100), HeapBlock.FreeBlock(128, 128)], buddy.Blocks().ToArray());
        buddy.Free(a);
        Assert.Equal([HeapBlock.FreeBlock(0, 256)], buddy.Blocks().ToArray());
    }

    [Fact]
    public void Every_block_is_a_power_of_two_aligned_to_its_own_size()
    {
        var ops = Gen.Choose(-50, 3000).ArrayOf().ToArbitrary();
        Prop.ForAll(ops, list =>
        {
            var buddy = new BuddyAllocator();
            var live = new List<long>();
            foreach (int op in list)
            {
                if (op > 0) { var r = buddy.Allocate(op); if (r.Succeeded) live.Add(r.Address); }
                else if (live.Count > 0) { buddy.Free(live[-op % live.Count]); live.RemoveAt(-op % live.Count); }
            }
            foreach (var block in buddy.Blocks())
            {
                Assert.True(BitOperations.IsPow2(block.Size), $"block of {block.Size} bytes");
                Assert.Equal(0, block.Address % block.Size);
                if (block.Kind == BlockKind.Used) Assert.True(block.Payload > block.Size / 2 || block.Size == 16, "rounded to more than the next power of two");
            }
            // Fully coalesced: no two free buddies of the same size remain side by side.
            var free = buddy.Blocks().Where(b => b.IsFree).ToDictionary(b => b.Address, b => b.Size);
            foreach (var (address, size) in free)
                Assert.False(size < buddy.HeapSize && free.TryGetValue(address ^ size, out long s) && s == size,
                    $"free buddies at {address} and {address ^ size}");
        }).CheckOnSeed();
    }
}
