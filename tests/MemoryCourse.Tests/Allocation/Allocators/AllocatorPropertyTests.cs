using FsCheck;
using FsCheck.Fluent;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.Fragmentation;

namespace MemoryCourse.Tests.Allocation.Allocators;

public class AllocatorPropertyTests
{
    public static TheoryData<string> AllocatorNames => new(AllocatorCatalog.Names);

    // One step of a random workload: kind 0..5 picks malloc (0-2), free (3), realloc (4) or a bad request (5);
    // Pick chooses which live block; Size is the byte count.
    public readonly record struct Step(int Kind, int Pick, int Size);

    private static Arbitrary<Step[]> Workloads(int maxSize) =>
        (from kind in Gen.Choose(0, 5)
         from pick in Gen.Choose(0, 1000)
         from size in Gen.Frequency((3, Gen.Choose(1, 64)), (2, Gen.Choose(1, maxSize)))
         select new Step(kind, pick, size)).ArrayOf().ToArbitrary();

    [Theory]
    [MemberData(nameof(AllocatorNames))]
    public void After_any_op_sequence_blocks_tile_the_heap_and_no_byte_is_lost(string name)
    {
        Prop.ForAll(Workloads(5000), steps =>
        {
            var allocator = AllocatorCatalog.Create(name);
            var live = new Dictionary<long, long>(); // our own record: payload address -> requested size
            foreach (var step in steps)
            {
                Apply(allocator, live, step);
                CheckHeap(allocator, live);
            }
        }).CheckOnSeed();
    }

    // A trace once asked for 9223372036854775807 bytes: headers and alignment added to it wrapped around, and seven
    // allocators reported a negative block that "fit". Every allocator now refuses it before any arithmetic.
    [Theory]
    [MemberData(nameof(AllocatorNames))]
    public void A_request_beyond_the_largest_any_heap_holds_fails_as_too_large_and_changes_nothing(string name)
    {
        var allocator = AllocatorCatalog.Create(name);
        var small = allocator.Allocate(24);
        long heap = allocator.HeapSize;
        foreach (long size in new[] { long.MaxValue, long.MaxValue - 7, AllocatorBase.MaxRequestSize + 1 })
        {
            Assert.Equal(AllocationStatus.TooLarge, allocator.Allocate(size).Status);
            Assert.Equal(AllocationStatus.TooLarge, allocator.Reallocate(small.Address, size).Status);
        }
        Assert.Equal(heap, allocator.HeapSize);
        Assert.Equal(AllocationStatus.Ok, allocator.Free(small.Address).Status);
    }

    [Theory]
    [MemberData(nameof(AllocatorNames))]
    public void A_heap_that_cannot_grow_refuses_cleanly_and_stays_consistent(string name)
    {
        // A 64 KiB ceiling makes "out of memory" common; a refused request must leave everything as it was.
        Prop.ForAll(Workloads(20_000), steps =>
        {
            var allocator = AllocatorCatalog.Create(name, maxHeapSize: 1 << 16);
            var live = new Dictionary<long, long>();
            foreach (var step in steps)
            {
                Apply(allocator, live, step);
                CheckHeap(allocator, live);
                Assert.True(allocator.HeapSize <= 1 << 16, $"heap grew to {allocator.HeapSize}");
            }
        }).CheckOnSeed();
    }

    private static void Apply(IAllocator allocator, Dictionary<long, long> live, Step step)
    {
        var addresses = live.Keys.OrderBy(a => a).ToArray();
        switch (step.Kind)
        {
            case <= 2:
            {
                var r = allocator.Allocate(step.Size);
                if (r.Succeeded) { Assert.False(live.ContainsKey(r.Address)); live[r.Address] = step.Size; }
                else Assert.True(r.Status is AllocationStatus.OutOfMemory or AllocationStatus.TooLarge, r.Status.ToString());
                break;
            }
            case 3 when addresses.Length > 0:
            {
                long a = addresses[step.Pick % addresses.Length];
                Assert.Equal(AllocationStatus.Ok, allocator.Free(a).Status);
                live.Remove(a);
                Assert.Equal(AllocationStatus.DoubleFree, allocator.Free(a).Status);
                break;
            }
            case 4 when addresses.Length > 0:
            {
                long a = addresses[step.Pick % addresses.Length];
                var r = allocator.Reallocate(a, step.Size);
                if (r.Succeeded) { live.Remove(a); live[r.Address] = step.Size; }
                else Assert.True(r.Status is AllocationStatus.OutOfMemory or AllocationStatus.TooLarge, r.Status.ToString());
                break;
            }
            default:
            {
                // Bad requests: nothing may change.
                Assert.Equal(AllocationStatus.InvalidSize, allocator.Allocate(0).Status);
                Assert.Equal(AllocationStatus.InvalidSize, allocator.Allocate(-step.Size).Status);
                long bogus = 1 + 2 * (long)step.Pick; // odd: never a payload address
                Assert.Equal(AllocationStatus.UnknownPointer, allocator.Free(bogus).Status);
                Assert.Equal(AllocationStatus.UnknownPointer, allocator.Reallocate(bogus, 8).Status);
                if (addresses.Length > 0)
                    Assert.Equal(AllocationStatus.InvalidSize, allocator.Reallocate(addresses[step.Pick % addresses.Length], 0).Status);
                break;
            }
        }
    }

    private static void CheckHeap(IAllocator allocator, Dictionary<long, long> live)
    {
        var blocks = allocator.Blocks();
        long expect = allocator.HeapStart;
        var payloadOf = new Dictionary<long, HeapBlock>();
        foreach (var b in blocks)
        {
            // Tiling: each block starts where the previous ended, so nothing overlaps and nothing is missing.
            Assert.Equal(expect, b.Address);
            Assert.True(b.Size > 0, $"empty block at {b.Address}");
            expect = b.End;
            if (b.Kind == BlockKind.Used)
            {
                Assert.True(b.PayloadAddress >= b.Address && b.PayloadAddress + b.Payload <= b.End,
                    $"payload [{b.PayloadAddress}, +{b.Payload}) outside its block [{b.Address}, {b.End})");
                payloadOf.Add(b.PayloadAddress, b);
            }
        }
        Assert.Equal(allocator.HeapStart + allocator.HeapSize, expect);

        // Exactly our live allocations are used blocks, each with the size we asked for, 8-byte aligned.
        Assert.Equal(live.Count, payloadOf.Count);
        foreach (var (address, size) in live)
        {
            Assert.True(payloadOf.TryGetValue(address, out var block), $"live payload {address} has no used block");
            Assert.Equal(size, block.Payload);
            Assert.Equal(0, address % 8);
        }

        var report = FragmentationReport.Of(blocks);
        Assert.Equal(live.Values.Sum(), report.LivePayload);
        Assert.Equal(allocator.LivePayload, report.LivePayload);
        Assert.Equal(allocator.HeapSize, report.LivePayload + report.FreeBytes + report.OverheadBytes);
        Assert.True(report.OverheadBytes >= report.InternalFragmentation && report.InternalFragmentation >= 0);
    }
}
