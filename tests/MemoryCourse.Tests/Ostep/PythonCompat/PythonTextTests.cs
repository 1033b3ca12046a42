using MemoryCourse.Ostep.PythonCompat;

namespace MemoryCourse.Tests.Ostep.PythonCompat;

public class PythonTextTests
{
    [Theory]
    // Python: '%.2f' % x rounds the exact binary value half to even.
    [InlineData(3.125, "3.12")]
    [InlineData(9.375, "9.38")]
    [InlineData(100.0, "100.00")]
    [InlineData(0.0, "0.00")]
    [InlineData(2.675, "2.67")] // 2.675 is stored as 2.67499999...
    [InlineData(33.333333333333336, "33.33")]
    public void Fixed_two_matches_python_percent_formatting(double x, string expected) =>
        Assert.Equal(expected, PythonText.FixedTwo(x));

    [Theory]
    // Python: '%08x' % -26 == '-000001a', '%4d' % -5 == '  -5'
    [InlineData(-26, 8, true, "-000001a")]
    [InlineData(26, 8, true, "0000001a")]
    [InlineData(0x123456789, 8, true, "123456789")]
    public void Hex_matches_python(long value, int width, bool zero, string expected) =>
        Assert.Equal(expected, PythonText.Hex(value, width, zero));

    [Fact]
    public void Dec_puts_the_sign_inside_the_width() => Assert.Equal("  -5", PythonText.Dec(-5, 4));

    [Theory]
    [InlineData(" 12 ", 12)]
    [InlineData("+7", 7)]
    [InlineData("1_000", 1000)]
    [InlineData("-0", 0)]
    [InlineData("007", 7)]
    public void Int_accepts_what_python_int_accepts(string s, long expected)
    {
        Assert.True(PythonText.TryParseInt(s, 10, out var v));
        Assert.Equal(expected, (long)v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1.5")]
    [InlineData("0x10")]
    [InlineData("- 5")]
    public void Int_rejects_what_python_int_rejects(string s) => Assert.False(PythonText.TryParseInt(s, 10, out _));

    [Fact]
    public void List_repr_is_pythons() => Assert.Equal("[3, -1, 10]", PythonText.ListRepr([3, -1, 10]));

    // CPython 3.11+: int() of a decimal string of more than 4300 digits is a ValueError, which optparse reports as
    // "invalid integer value" (checked against python3 -c "int('7' * 4301)"). A long string is refused at once.
    [Fact]
    public void Int_refuses_more_decimal_digits_than_python_converts_even_a_million()
    {
        Assert.True(PythonText.TryParseInt(new string('7', 4300), 10, out var largest));
        Assert.Equal(4300, largest.ToString().Length);
        Assert.False(PythonText.TryParseInt(new string('7', 4301), 10, out _));
        Assert.StartsWith("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits",
            PythonText.IntErrorMessage(new string('7', 4301)));
        Assert.False(PythonText.TryParseInt(new string('7', 1_000_000), 10, out _));
        Assert.False(PythonText.TryParseInt(new string('f', 1_000_000), 16, out _));
    }
}
