using FsCheck.Fluent;
using MemoryCourse.Paging.Tlb;
using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Tlb;

public class TlbSweepTests
{
    private static X64PageTable SixtyFourPages()
    {
        var table = new X64PageTable();
        for (long p = 0; p < 64; p++) table.Map(p * 4096, 0x100_0000 + p * 4096, X64PteFlags.User | X64PteFlags.Writable);
        return table;
    }

    [Fact]
    public void A_bigger_fully_associative_lru_tlb_never_misses_more()
    {
        // Fully associative LRU is a stack algorithm, as LRU page replacement is.
        var table = SixtyFourPages();
        Prop.ForAll(Gen.Choose(0, 64 * 4096 - 1).Select(a => (long)a).ArrayOf().ToArbitrary(), addresses =>
        {
            var points = TlbSweep.Run(table, addresses, [1, 2, 4, 8, 16, 32, 64]);
            return points.Zip(points.Skip(1)).All(p => p.Second.Misses <= p.First.Misses)
                && points.All(p => p.Hits + p.Misses == addresses.Length);
        }).CheckOnSeed();
    }

    [Fact]
    public void Looping_over_one_page_more_than_the_tlb_holds_misses_every_time()
    {
        // The LRU worst case: 9 pages cycled through an 8-entry TLB evict each other just before reuse.
        var table = SixtyFourPages();
        var addresses = Enumerable.Range(0, 90).Select(i => (long)(i % 9) * 4096).ToArray();
        var points = TlbSweep.Run(table, addresses, [8, 9]);
        Assert.Equal(0, points[0].Hits);
        Assert.Equal(81, points[1].Hits);
    }
}
