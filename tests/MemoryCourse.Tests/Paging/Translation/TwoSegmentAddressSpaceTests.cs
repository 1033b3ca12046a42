using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Translation;

public class TwoSegmentAddressSpaceTests
{
    // From the reference run segmentation-013.txt: 16k space, seg0 base 441001 limit 7554, seg1 top 278693 limit 7200.
    private static readonly TwoSegmentAddressSpace Space = new(16 * 1024, 441001, 7554, 278693, 7200);

    [Theory]
    [InlineData(8376, null, 1)]
    [InlineData(6634, 447635L, 0)]
    [InlineData(12841, 275150L, 1)]
    [InlineData(7808, null, 0)]
    [InlineData(14878, 277187L, 1)]
    public void Translates_as_the_reference_run_did(long va, long? pa, int segment)
    {
        var t = Space.Translate(va);
        Assert.Equal(pa, t.PhysicalAddress);
        Assert.Equal(segment, Space.SegmentOf(va));
        if (pa is null) Assert.Equal(TranslationFault.SegmentViolation, t.Fault);
    }

    [Fact]
    public void Top_byte_of_segment_one_is_just_below_its_base()
    {
        Assert.Equal(278692, Space.Translate(16 * 1024 - 1).PhysicalAddress);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16384)]
    public void Addresses_outside_the_space_are_rejected_naming_them(long va)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Space.Translate(va));
        Assert.Contains(va.ToString(), e.Message);
    }
}
