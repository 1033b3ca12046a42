namespace MemoryCourse.Charts.Tests;

public class ByteAxisTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(1024, "1 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(4096, "4 KiB")]
    [InlineData(1_000_000_000, "953.67 MiB")]
    [InlineData(3L << 30, "3 GiB")]
    [InlineData(1L << 55, "32 PiB")]
    [InlineData(-2048, "−2 KiB")]
    public void Byte_counts_are_written_in_binary_units(long bytes, string text) => Assert.Equal(text, ByteAxis.Format(bytes));

    [Fact]
    public void Linear_byte_ticks_are_multiples_of_a_power_of_two()
    {
        Assert.Equal([0, 512, 1024, 1536, 2048, 2560, 3072, 3584, 4096], ByteAxis.Ticks(0, 4096, log: false));
        var gib = ByteAxis.Ticks(0, 3.3 * (1L << 30), log: false);
        Assert.Equal(["0 B", "512 MiB", "1 GiB", "1.5 GiB", "2 GiB", "2.5 GiB", "3 GiB"], gib.Select(ByteAxis.Format));
        Assert.Equal([0, 1, 2, 3, 4, 5], ByteAxis.Ticks(0, 5, log: false));
        Assert.Equal([100.0], ByteAxis.Ticks(100, 100, log: false));
    }

    [Fact]
    public void Linear_byte_labels_share_the_largest_unit_that_keeps_them_exact()
    {
        Assert.Equal(["0", "0.5 KiB", "1 KiB", "1.5 KiB"], ByteAxis.Labels([0, 512, 1024, 1536], log: false));
        // Heap addresses from 1000 (the OSTEP simulator's base) in steps of 16: 1040 B is not a round number of KiB.
        Assert.Equal(["1008 B", "1024 B", "1040 B"], ByteAxis.Labels([1008, 1024, 1040], log: false));
        Assert.Equal(["32 KiB", "1 MiB"], ByteAxis.Labels([32768, 1 << 20], log: true));
    }

    [Fact]
    public void Log_byte_ticks_are_powers_of_two_a_few_doublings_apart()
    {
        Assert.Equal(["4 KiB", "8 KiB", "16 KiB", "32 KiB", "64 KiB"], ByteAxis.Ticks(4096, 65536, log: true).Select(ByteAxis.Format));
        // 4 KiB to 32 PiB: every ten doublings, so 1 KiB, 1 MiB, 1 GiB, ...
        Assert.Equal(["1 KiB", "1 MiB", "1 GiB", "1 TiB", "1 PiB"], ByteAxis.Ticks(4096, 1L << 55, log: true).Select(ByteAxis.Format));
        Assert.Empty(ByteAxis.Ticks(-1, 0, log: true));
    }

}
