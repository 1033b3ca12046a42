using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Translation;

public class X64PageTableTests
{
    private const X64PteFlags Rw = X64PteFlags.Writable | X64PteFlags.User;

    [Fact]
    public void Address_splits_into_four_nine_bit_indices_and_a_twelve_bit_offset()
    {
        // 0x401234 = PD 2 (bits 29..21), PT 1 (bits 20..12), offset 0x234.
        Assert.Equal((0, 0, 2, 1, 0x234), X64PageTable.Split(0x401234));
        // The top of the lower half: every index at its maximum but PML4, which is 255.
        Assert.Equal((255, 511, 511, 511, 0), X64PageTable.Split(0x7fff_ffff_f000));
    }

    [Fact]
    public void One_small_page_costs_four_table_pages_and_its_neighbours_cost_nothing_more()
    {
        var table = new X64PageTable();
        table.Map(0x40_0000, 0x1234_5000, Rw);
        Assert.Equal(4 * 4096, table.TableBytes);
        for (int i = 1; i < 512; i++) table.Map(0x40_0000 + i * 4096L, 0x2000_0000 + i * 4096L, Rw);
        Assert.Equal(4 * 4096, table.TableBytes);
        Assert.Equal([1, 1, 1, 1], table.TablePagesPerLevel);
    }

    [Fact]
    public void A_2_MiB_page_needs_no_page_table_page()
    {
        var table = new X64PageTable();
        table.Map(0x20_0000, 0x4000_0000, Rw, large: true);
        Assert.Equal(3 * 4096, table.TableBytes);
        var walk = table.Walk(0x20_0000 + 0x12345);
        Assert.Equal(0x4000_0000 + 0x12345, walk.Translation.PhysicalAddress);
        Assert.Equal(21, walk.PageShift);
        Assert.Equal(["read PML4E", "read PDPTE", "read PDE"], walk.Translation.Steps.Where(s => s.Action.StartsWith("read")).Select(s => s.Action));
    }

    [Fact]
    public void Pages_a_gigabyte_apart_share_only_the_upper_levels()
    {
        var table = new X64PageTable();
        table.Map(0, 0x1000, Rw);
        table.Map(1L << 30, 0x2000, Rw);
        Assert.Equal([1, 1, 2, 2], table.TablePagesPerLevel);
    }

    [Fact]
    public void Walk_sets_accessed_and_a_write_sets_dirty()
    {
        var table = new X64PageTable();
        table.Map(0x1000, 0x5000, Rw);
        table.Walk(0x1000);
        Assert.Equal(X64PteFlags.Accessed, table.LeafFlags(0x1000)! & (X64PteFlags.Accessed | X64PteFlags.Dirty));
        table.Walk(0x1000, AccessKind.Write);
        Assert.Equal(X64PteFlags.Accessed | X64PteFlags.Dirty, table.LeafFlags(0x1000)! & (X64PteFlags.Accessed | X64PteFlags.Dirty));
    }

    [Theory]
    [InlineData(X64PteFlags.User, AccessKind.Write, true, TranslationFault.ProtectionViolation)]
    [InlineData(X64PteFlags.Writable, AccessKind.Read, true, TranslationFault.ProtectionViolation)]
    [InlineData(X64PteFlags.Writable, AccessKind.Read, false, TranslationFault.None)]
    [InlineData(X64PteFlags.User | X64PteFlags.NoExecute, AccessKind.Execute, true, TranslationFault.ProtectionViolation)]
    [InlineData(X64PteFlags.User, AccessKind.Execute, true, TranslationFault.None)]
    public void Permissions_are_checked_against_the_access(X64PteFlags flags, AccessKind access, bool user, TranslationFault expected)
    {
        var table = new X64PageTable();
        table.Map(0x7000, 0x9000, flags);
        Assert.Equal(expected, table.Walk(0x7123, access, user).Translation.Fault);
    }

    [Fact]
    public void Unmapped_and_non_canonical_addresses_fault()
    {
        var table = new X64PageTable();
        table.Map(0x1000, 0x5000, Rw);
        Assert.Equal(TranslationFault.NotPresent, table.Walk(0x2000).Translation.Fault);
        Assert.Equal(TranslationFault.OutOfBounds, table.Walk(0x0000_8000_0000_0000).Translation.Fault);
        Assert.True(X64PageTable.IsCanonical(unchecked((long)0xffff_8000_0000_0000)));
    }

    [Fact]
    public void Misaligned_and_double_mappings_are_rejected_naming_the_address()
    {
        var table = new X64PageTable();
        var e = Assert.Throws<ArgumentException>(() => table.Map(0x1234, 0x5000, Rw));
        Assert.Contains("0x1234", e.Message);
        table.Map(0x20_0000, 0, Rw, large: true);
        Assert.Throws<ArgumentException>(() => table.Map(0x20_1000, 0x5000, Rw));
    }
}
