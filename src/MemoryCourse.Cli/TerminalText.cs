using System.Globalization;
using System.Text;

namespace MemoryCourse.Cli;

/// <summary>
/// What memcourse writes to the terminal, with control characters shown as escapes: a student's file name, a
/// notebook's exception message or a capture's content may hold an escape sequence (clear the screen, retitle the
/// window, rewrite a line with a carriage return) or a right-to-left override, and none of them may act on the
/// user's terminal. Line feeds and tabs pass; every other C0 and C1 control character, DEL and the invisible
/// direction and format characters become <c>\x1b</c>, <c>\r</c>, <c>\u202e</c>.
/// </summary>
internal sealed class TerminalText(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (Shown(value) is { } escape) inner.Write(escape);
        else inner.Write(value);
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        if (!value.Any(c => Shown(c) is not null))
        {
            inner.Write(value);
            return;
        }
        var sb = new StringBuilder(value.Length + 16);
        foreach (char c in value) sb.Append(Shown(c) ?? c.ToString());
        inner.Write(sb.ToString());
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void WriteLine() => Write(NewLine);

    public override void Flush() => inner.Flush();

    /// <summary>The escape a character is shown as, or null when it is shown as it is.</summary>
    public static string? Shown(char c) => c switch
    {
        '\n' or '\t' => null,
        '\r' => "\\r",
        _ when c < ' ' || c is >= '\x7f' and <= '\x9f' => $"\\x{(int)c:x2}",
        _ when CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            && c != '\u200d' => $"\\u{(int)c:x4}", // the zero-width joiner stays: emoji and some scripts need it
        _ => null,
    };
}
