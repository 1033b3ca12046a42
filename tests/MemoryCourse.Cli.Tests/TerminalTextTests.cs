using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests;

/// <summary>
/// Control characters in names and messages never reach the terminal raw. Reported: terminal escape sequences in
/// submission names and in exception messages reached the terminal (and the CSV) as they were.
/// </summary>
public class TerminalTextTests
{
    [Fact]
    public void Escape_sequences_carriage_returns_and_direction_overrides_are_shown_as_escapes()
    {
        var sink = new StringWriter { NewLine = "\n" };
        var terminal = new TerminalText(sink);
        terminal.WriteLine("a\u001b[2Jb\rc\u0007d\u202ee\tf\u0085g");
        terminal.Write('\u001b');
        Assert.Equal("a\\x1b[2Jb\\rc\\x07d\\u202ee\tf\\x85g\n\\x1b", sink.ToString());
    }

    [Fact]
    public void A_file_name_holding_an_escape_sequence_is_escaped_in_memcourses_message()
    {
        var (code, output, error) = Run("run", "/nonexistent/\u001b]0;owned\u0007\u001b[2J.dib");
        Assert.Equal((2, ""), (code, output));
        Assert.DoesNotContain('\u001b', error);
        Assert.Equal("memcourse run: no such file or folder: /nonexistent/\\x1b]0;owned\\x07\\x1b[2J.dib\n", error);
    }

    [Fact]
    public void Korean_and_accented_names_pass_unchanged()
    {
        var sink = new StringWriter();
        new TerminalText(sink).Write("한국 학생 · José · 👩‍💻");
        Assert.Equal("한국 학생 · José · 👩‍💻", sink.ToString());
    }
}
