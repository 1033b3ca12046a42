using FsCheck.Fluent;
using MemoryCourse.Paging.AddressSpace;

namespace MemoryCourse.Tests.Paging.AddressSpace;

public class AddressSpaceGeometryTests
{
    [Fact]
    public void A_32_bit_space_with_4_KiB_pages_needs_a_4_MiB_linear_table()
    {
        // The classic figure (OSTEP ch. 18, CS:APP 9.6): 2^20 pages x 4-byte PTEs = 4 MiB per process.
        var g = new AddressSpaceGeometry(32, 4096, 4).Validated();
        Assert.Equal(12, g.OffsetBits);
        Assert.Equal(1 << 20, g.Pages);
        Assert.Equal(4 << 20, g.LinearTableBytes);
    }

    [Fact]
    public void Split_then_join_gives_back_the_address()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<uint>(), Gen.Elements(512L, 4096L, 65536L).ToArbitrary(), (address, pageSize) =>
        {
            var g = new AddressSpaceGeometry(32, pageSize, 4).Validated();
            var (vpn, offset) = g.Split(address);
            return offset < (ulong)pageSize && (vpn << g.OffsetBits | offset) == address;
        }).CheckOnSeed();
    }

    [Fact]
    public void A_page_size_that_is_not_a_power_of_two_is_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AddressSpaceGeometry(32, 3000, 4).Validated());
        Assert.Contains("power of two", e.Message);
        Assert.Equal("PageSize", e.ParamName);
    }
}
