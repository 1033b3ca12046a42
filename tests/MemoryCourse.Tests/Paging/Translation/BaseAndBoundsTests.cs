using FsCheck.Fluent;
using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Translation;

public class BaseAndBoundsTests
{
    // From the reference run relocation-000.txt: base 12418, limit 472.
    private static readonly BaseAndBounds Registers = new(12418, 472);

    [Theory]
    [InlineData(430, 12848L)]
    [InlineData(265, 12683L)]
    [InlineData(523, null)]
    [InlineData(802, null)]
    public void Translates_as_the_reference_run_did(long va, long? pa)
    {
        var t = Registers.Translate(va);
        Assert.Equal(pa, t.PhysicalAddress);
        Assert.Equal(pa is null ? TranslationFault.OutOfBounds : TranslationFault.None, t.Fault);
    }

    [Fact]
    public void Valid_exactly_below_the_limit_and_then_offset_by_the_base()
    {
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 5000).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (b, limit, va) =>
        {
            var t = new BaseAndBounds(b, limit).Translate(va);
            return va < limit ? t.PhysicalAddress == va + b && t.Steps.Count == 2 : t.PhysicalAddress is null && t.Steps.Count == 1;
        }).CheckOnSeed();
    }

    [Fact]
    public void Negative_address_is_rejected_naming_it()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Registers.Translate(-3));
        Assert.Contains("-3", e.Message);
    }
}
