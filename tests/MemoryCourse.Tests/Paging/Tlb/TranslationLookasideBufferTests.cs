using FsCheck.Fluent;
using MemoryCourse.Paging.Tlb;
using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Tlb;

public class TranslationLookasideBufferTests
{
    private static TlbEntry Page(long vpn) => new(vpn, 12, vpn << 20, true, true, true);

    [Fact]
    public void Full_set_replaces_its_least_recently_used_entry()
    {
        var tlb = new TranslationLookasideBuffer(2, 2);
        tlb.Insert(Page(1));
        tlb.Insert(Page(2));
        Assert.NotNull(tlb.Lookup(1 << 12)); // 1 is now more recent than 2
        tlb.Insert(Page(3));
        Assert.Null(tlb.Lookup(2 << 12));
        Assert.NotNull(tlb.Lookup(1 << 12));
        Assert.NotNull(tlb.Lookup(3 << 12));
    }

    [Fact]
    public void Direct_mapped_pages_in_the_same_set_evict_each_other_where_fully_associative_keeps_both()
    {
        var direct = new TranslationLookasideBuffer(4, 1);
        var full = TranslationLookasideBuffer.FullyAssociative(4);
        foreach (var tlb in new[] { direct, full })
            for (int i = 0; i < 10; i++)
            {
                long vpn = i % 2 == 0 ? 0 : 4; // both map to set 0 of 4
                if (tlb.Lookup(vpn << 12) is null) tlb.Insert(Page(vpn));
            }
        Assert.Equal(0, direct.Hits);
        Assert.Equal(8, full.Hits);
    }

    [Fact]
    public void Flush_forgets_everything()
    {
        var tlb = TranslationLookasideBuffer.FullyAssociative(8);
        tlb.Insert(Page(5));
        tlb.Flush();
        Assert.Null(tlb.Lookup(5 << 12));
        Assert.Equal(1, tlb.Flushes);
        Assert.Empty(tlb.Contents());
    }

    [Theory]
    [InlineData(0, 1, "entries")]
    [InlineData(64, 3, "ways")]
    [InlineData(8, 16, "ways")]
    public void Bad_geometry_is_rejected_naming_it(int entries, int ways, string param)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TranslationLookasideBuffer(entries, ways));
        Assert.Equal(param, e.ParamName);
    }

    [Fact]
    public void Tlb_hit_equals_the_page_walk()
    {
        // Random mappings (some 2 MiB), random accesses inside and outside them, random TLB geometry and
        // context-switch flushes: the MMU's answer must always be the page walk's.
        var gen =
            from smallPages in Gen.Choose(0, 63).Select(p => (long)p).ArrayOf()
            from largePages in Gen.Choose(0, 3).ArrayOf()
            from accesses in Gen.Choose(0, 64 * 4096 + 4 * (1 << 21)).Select(a => (long)a).ArrayOf()
            from kinds in Gen.Elements(AccessKind.Read, AccessKind.Write, AccessKind.Execute).ArrayOf()
            from ways in Gen.Elements(1, 2, 4, 8)
            from flushEvery in Gen.Choose(0, 20)
            from readOnly in Gen.Choose(0, 7)
            select (smallPages, largePages, accesses, kinds, ways, flushEvery, readOnly);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var table = new X64PageTable();
            long largeBase = 1L << 30;
            foreach (var p in c.smallPages.Distinct())
                table.Map(p * 4096, 0x10_0000 + p * 4096 * 3, p % 8 == c.readOnly ? X64PteFlags.User : X64PteFlags.User | X64PteFlags.Writable);
            foreach (var l in c.largePages.Distinct())
                table.Map(largeBase + l * (1L << 21), (l + 8) * (1L << 21), X64PteFlags.User | X64PteFlags.Writable | X64PteFlags.NoExecute, large: true);
            var mmu = new Mmu(table, new TranslationLookasideBuffer(8, c.ways));
            var quiet = new Mmu(table, new TranslationLookasideBuffer(8, c.ways));
            for (int i = 0; i < c.accesses.Length; i++)
            {
                long va = c.accesses[i] < 64 * 4096 ? c.accesses[i] : largeBase + (c.accesses[i] - 64 * 4096);
                var kind = c.kinds.Length == 0 ? AccessKind.Read : c.kinds[i % c.kinds.Length];
                if (c.flushEvery > 0 && i % c.flushEvery == 0) { mmu.ContextSwitch(table); quiet.ContextSwitch(table); }
                var viaMmu = mmu.Translate(va, kind);
                var viaQuiet = quiet.Access(va, kind);
                var walk = table.Walk(va, kind).Translation;
                if (viaMmu.Translation.PhysicalAddress != walk.PhysicalAddress || viaMmu.Translation.Fault != walk.Fault) return false;
                if (viaQuiet.Fault != walk.Fault || (walk.IsValid && viaQuiet.PhysicalAddress != walk.PhysicalAddress)) return false;
                if (viaQuiet.TlbHit != viaMmu.TlbHit) return false;
            }
            return mmu.Tlb.Hits + mmu.Tlb.Misses == c.accesses.Length && mmu.Walks == mmu.Tlb.Misses;
        }).CheckOnSeed();
    }

    [Fact]
    public void Sequential_access_within_a_page_misses_once_per_page()
    {
        var table = new X64PageTable();
        for (int p = 0; p < 16; p++) table.Map(p * 4096L, 0x80_0000 + p * 4096L, X64PteFlags.User);
        var mmu = new Mmu(table, TranslationLookasideBuffer.FullyAssociative(64));
        for (long va = 0; va < 16 * 4096; va += 4) mmu.Translate(va);
        Assert.Equal(16, mmu.Tlb.Misses);
        Assert.Equal(16 * 1024 - 16, mmu.Tlb.Hits);
    }
}
