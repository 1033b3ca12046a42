using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Translation;

public class LinearPageTableTests
{
    // The table of reference run paging-linear-translate-000.txt: 16k space, 4k pages,
    // entries 0x8000000c, 0, 0, 0x80000006.
    private static LinearPageTable ReferenceTable()
    {
        var table = new LinearPageTable(16 * 1024, 4 * 1024);
        table.Map(0, 0xc);
        table.Map(3, 0x6);
        return table;
    }

    [Fact]
    public void Entries_are_the_valid_bit_and_the_pfn()
    {
        Assert.Equal([0x8000000cu, 0u, 0u, 0x80000006u], ReferenceTable().Entries);
    }

    [Theory]
    [InlineData(12841, 25129L)]
    [InlineData(14878, 27166L)]
    [InlineData(4969, null)]
    [InlineData(9558, null)]
    public void Translates_as_the_reference_run_did(long va, long? pa)
    {
        var t = ReferenceTable().Translate(va);
        Assert.Equal(pa, t.PhysicalAddress);
        Assert.Equal(pa is null ? TranslationFault.InvalidPageTableEntry : TranslationFault.None, t.Fault);
        Assert.Equal("split address", t.Steps[0].Action);
        Assert.Equal(va >> 12, t.Steps[0].Value);
    }

    [Fact]
    public void A_32_bit_space_of_4k_pages_needs_a_4_MiB_table()
    {
        Assert.Equal(4L * 1024 * 1024, new LinearPageTable(1L << 32, 4096).TableBytes);
    }

    [Theory]
    [InlineData(12 * 1024, 4096, "addressSpaceSize", "12288")]
    [InlineData(16 * 1024, 3000, "pageSize", "3000")]
    [InlineData(16 * 1024, 0, "pageSize", "0")]
    public void Sizes_that_are_not_powers_of_two_are_rejected_naming_them(long space, long page, string param, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => new LinearPageTable(space, page));
        Assert.Equal(param, e.ParamName);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void Addresses_outside_the_space_are_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceTable().Translate(16 * 1024));
        Assert.Contains("16384", e.Message);
    }
}
