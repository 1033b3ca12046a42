using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Tests.Foundation.Input;

public class InputTextTests
{
    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("a\tb\r\n", "'a\\tb\\r\\n'")]
    [InlineData("\0\u0007\u007f", "'\\x00\\x07\\x7f'")]
    [InlineData("\uFEFFx", "'\\ufeffx'")]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("größe", "'größe'")]
    public void Quote_shows_control_and_invisible_characters_escaped(string text, string shown)
    {
        Assert.Equal(shown, InputText.Quote(text));
    }

    [Fact]
    public void Printable_escapes_only_what_a_terminal_would_not_show()
    {
        Assert.Equal("Unrecognized '-\\x07x' (it's)", InputText.Printable("Unrecognized '-\u0007x' (it's)"));
    }

    [Fact]
    public void Quote_cuts_a_long_piece_of_input()
    {
        Assert.Equal("'" + new string('9', InputText.QuoteLimit) + "...'", InputText.Quote(new string('9', 10_000)));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_only_at_the_start()
    {
        Assert.Equal("1\n\uFEFF2", InputText.WithoutByteOrderMark("\uFEFF1\n\uFEFF2"));
        Assert.Equal("", InputText.WithoutByteOrderMark(""));
    }
}

public class InputFileTests
{
    [Fact]
    public void A_file_is_read_whole_with_its_byte_order_mark_dropped()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'4', (byte)'2', (byte)'\n']);
            Assert.Equal("42\n", InputFile.ReadAllText(path, 100));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_naming_the_limit()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new string('x', 101));
            var e = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(path, 100));
            Assert.Equal($"{path}: it is larger than 100 bytes, the most this reader accepts", e.Message);
            Assert.Equal(new string('x', 101), InputFile.ReadAllText(path, 101));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_missing_file_or_a_folder_is_named_with_the_problem()
    {
        var folder = Directory.CreateTempSubdirectory("input-file-").FullName;
        Assert.Equal($"{folder}: it is a folder, not a file", Assert.Throws<InputFileException>(() => InputFile.ReadAllText(folder, 100)).Message);
        var missing = Path.Combine(folder, "none.txt");
        Assert.Equal($"{missing}: there is no such file", Assert.Throws<InputFileException>(() => InputFile.ReadAllText(missing, 100)).Message);
        Directory.Delete(folder);
    }

    [Fact]
    public void An_endless_device_ends_at_the_limit()
    {
        if (!File.Exists("/dev/zero")) return; // Linux and macOS have it; Windows does not
        Assert.Throws<InputFileException>(() => InputFile.ReadAllText("/dev/zero", 1 << 20));
    }
}
