using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.Fragmentation;
using MemoryCourse.Allocation.PageGranular;
using MemoryCourse.Allocation.Segments;

namespace MemoryCourse.Tests.Allocation.Fragmentation;

public class FragmentationReportTests
{
    // By hand: heap of 100 bytes = used 30 (payload 20), free 10, used 20 (payload 20), free 40.
    // Internal 10; free 50 in two blocks, largest 40 -> external 1 - 40/50 = 0.2; overhead 100 - 40 - 50 = 10.
    [Fact]
    public void Internal_and_external_fragmentation_follow_their_definitions()
    {
        var report = FragmentationReport.Of([
            HeapBlock.UsedBlock(0, 30, 0, 20), HeapBlock.FreeBlock(30, 10), HeapBlock.UsedBlock(40, 20, 40, 20), HeapBlock.FreeBlock(60, 40),
        ]);

        Assert.Equal(100, report.HeapSize);
        Assert.Equal(40, report.LivePayload);
        Assert.Equal(50, report.FreeBytes);
        Assert.Equal(10, report.InternalFragmentation);
        Assert.Equal(10, report.OverheadBytes);
        Assert.Equal(0.2, report.ExternalFragmentation, 12);
        Assert.Equal((2, 40L), (report.FreeBlockCount, report.LargestFreeBlock));
        Assert.Equal([new HistogramBucket(8, 15, 1), new HistogramBucket(32, 63, 1)], report.FreeBlockHistogram.ToArray());
    }

    [Fact]
    public void One_free_block_is_no_external_fragmentation()
    {
        var report = FragmentationReport.Of([HeapBlock.UsedBlock(0, 8, 0, 8), HeapBlock.FreeBlock(8, 92)]);
        Assert.Equal(0, report.ExternalFragmentation);
    }

    // Seed 000: paging trades external for internal fragmentation; segmentation the other way round.
    [Fact]
    public void Pages_waste_space_inside_blocks_while_segments_waste_it_between_them()
    {
        var pages = PageAllocator.Create();
        var segments = SegmentAllocator.Create();
        foreach (var allocator in new IAllocator[] { pages, segments })
        {
            // 40 requests of 1000..2443 bytes, then every other one freed: 20 holes between 20 live blocks.
            var addresses = Enumerable.Range(0, 40).Select(i => allocator.Allocate(1000 + 37 * i).Address).ToArray();
            for (int i = 0; i < 40; i += 2) allocator.Free(addresses[i]);
        }
        var p = FragmentationReport.Of(pages);
        var s = FragmentationReport.Of(segments);
        Assert.True(p.InternalFragmentation > 40_000, $"pages internal {p.InternalFragmentation}");
        Assert.True(s.InternalFragmentation < 20 * 8, $"segments internal {s.InternalFragmentation}");
        Assert.True(s.FreeBlockCount >= 10 && s.ExternalFragmentation > 0.5, $"segments external {s.ExternalFragmentation}");
    }
}
