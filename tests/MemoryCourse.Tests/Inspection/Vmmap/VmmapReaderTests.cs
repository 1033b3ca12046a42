using MemoryCourse.Inspection.Regions;
using MemoryCourse.Inspection.Vmmap;

namespace MemoryCourse.Tests.Inspection.Vmmap;

public class VmmapReaderTests
{
    private static IReadOnlyList<VmmapRegion> Seed() =>
        VmmapReader.ParseAll(CapturedSamples.SystemText("vmmap-seed-004.txt"), "vmmap-seed-004.txt");

    [Fact]
    public void Every_region_line_quoted_in_the_seed_is_read()
    {
        var regions = Seed();
        Assert.Equal(["__TEXT", "MALLOC metadata", "MALLOC (heap)", "STACK GUARD", "Stack", "__LINKEDIT", "__DATA_CONST"], regions.Select(r => r.Type));
    }

    [Fact]
    public void Region_types_with_spaces_and_parentheses_keep_their_fields()
    {
        var heap = Seed().Single(r => r.Type == "MALLOC (heap)");
        Assert.Equal(0x600040000UL, heap.Start);
        Assert.Equal(0x601800000UL, heap.End);
        Assert.Equal((long)Math.Round(22.3 * 1024 * 1024), heap.ResidentBytes); // "22.3M" in the seed: 22.3 of 24.5 MB used
        Assert.Equal(("rw-", "rw-", "PRV"), (heap.Protection, heap.MaxProtection, heap.ShareMode));
        var guard = Seed().Single(r => r.Type == "STACK GUARD");
        Assert.Equal("stack guard for thread 0", guard.Detail);
        Assert.Equal("---", guard.Protection);
    }

    [Fact]
    public void Each_kind_maps_to_its_linux_counterpart()
    {
        var byType = Seed().ToDictionary(r => r.Type, r => r.LinuxCounterpart.Area);
        Assert.Equal(AddressSpaceArea.Code, byType["__TEXT"]);
        Assert.Equal(AddressSpaceArea.Data, byType["__DATA_CONST"]);
        Assert.Equal(AddressSpaceArea.Data, byType["__LINKEDIT"]);
        Assert.Equal(AddressSpaceArea.Heap, byType["MALLOC (heap)"]);
        Assert.Equal(AddressSpaceArea.Heap, byType["MALLOC metadata"]);
        Assert.Equal(AddressSpaceArea.Reservation, byType["STACK GUARD"]);
        Assert.Equal(AddressSpaceArea.Stack, byType["Stack"]);
    }

    [Fact]
    public void Sizes_agree_with_ranges_except_where_the_seed_disagrees_with_itself()
    {
        // Range arithmetic: 0x106924000-0x1045d0000 = 35.3 MiB (agrees); 0x601800000-0x600040000 = 23.75 MiB
        // but the line says 24.5M; the STACK GUARD range is 8 MiB but the line says 128.0M.
        var agree = Seed().ToDictionary(r => r.Type, r => r.SizeAgreesWithRange);
        Assert.True(agree["__TEXT"]);
        Assert.True(agree["Stack"]);
        Assert.True(agree["MALLOC metadata"]);
        Assert.False(agree["MALLOC (heap)"]);
        Assert.False(agree["STACK GUARD"]);
        Assert.Equal(8L << 20, Seed().Single(r => r.Type == "STACK GUARD").RangeBytes);
    }

    [Theory]
    [InlineData("4K", 4096)]
    [InlineData("0K", 0)]
    [InlineData("128.0M", 134217728)]
    [InlineData("1.5G", 1610612736)]
    public void Size_text_is_converted_to_bytes(string text, long bytes) =>
        Assert.Equal(bytes, VmmapReader.ParseSize(text));

    [Fact]
    public void A_line_that_is_not_a_region_is_a_FormatException_naming_source_and_line()
    {
        var e = Assert.Throws<FormatException>(() => VmmapReader.ParseLine("==== Non-writable regions for process 1234", "vmmap.txt", 7));
        Assert.StartsWith("vmmap.txt:7:", e.Message);
    }
}
