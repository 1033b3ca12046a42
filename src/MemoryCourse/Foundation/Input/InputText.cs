using System.Globalization;
using System.Text;

namespace MemoryCourse.Foundation.Input;

/// <summary>
/// How a reader of the course's input (a trace, a /proc capture, a log, a flag) shows the piece of input an
/// error message is about: quoted as it is when it is plain text, with control and invisible characters
/// escaped (<c>\t</c>, <c>\x00</c>, <c>\uFEFF</c>) so binary input cannot garble the terminal, and cut to a
/// few dozen characters so a huge token does not drown the message.
/// </summary>
public static class InputText
{
    /// <summary>Longest piece of input a message quotes before it is cut with "...".</summary>
    public const int QuoteLimit = 60;

    /// <summary>The byte-order mark some editors put at the start of a text file (U+FEFF).</summary>
    public const char ByteOrderMark = '\uFEFF';

    /// <summary>
    /// <paramref name="text"/> as an error message shows it, between single quotes: control, format and
    /// unassigned characters escaped, cut after <paramref name="limit"/> characters.
    /// </summary>
    public static string Quote(string text, int limit = QuoteLimit)
    {
        var sb = new StringBuilder("'");
        int shown = 0;
        foreach (char c in text)
        {
            if (shown == limit)
            {
                sb.Append("...");
                break;
            }
            sb.Append(Escaped(c, quoted: true));
            shown++;
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>
    /// <paramref name="text"/> with only its control and invisible characters escaped (no quotes added, nothing
    /// cut): for a message that already quotes the input itself.
    /// </summary>
    public static string Printable(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(Escaped(c, quoted: false));
        return sb.ToString();
    }

    /// <summary>The text without a leading byte-order mark, which is not part of the first line's content.</summary>
    public static string WithoutByteOrderMark(string text) =>
        text.Length > 0 && text[0] == ByteOrderMark ? text[1..] : text;

    private static string Escaped(char c, bool quoted) => c switch
    {
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        '\\' when quoted => "\\\\",
        '\'' when quoted => "\\'",
        _ when c < ' ' || c == '\x7f' => $"\\x{(int)c:x2}",
        _ when IsInvisible(c) => $"\\u{(int)c:x4}",
        _ => c.ToString(),
    };

    private static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse;
}
