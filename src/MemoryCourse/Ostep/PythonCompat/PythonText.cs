using System.Globalization;
using System.Numerics;
using System.Text;

namespace MemoryCourse.Ostep.PythonCompat;

/// <summary>
/// The few pieces of Python's text behaviour the OSTEP simulators depend on for their exact output:
/// <c>int(str)</c> parsing, <c>%d</c>/<c>%x</c> formatting of possibly negative numbers, <c>%.2f</c> with
/// round-half-even on the exact binary value, and the <c>repr</c> of lists and strings. Keeping them in
/// one place lets every port print byte-for-byte what the original prints.
/// </summary>
internal static class PythonText
{
    /// <summary><c>'%*d'</c> / <c>'%0*d'</c>: the sign counts towards the width, zero padding goes after it.</summary>
    public static string Dec(BigInteger value, int width = 0, bool zeroPad = false) =>
        Pad(value.Sign < 0, BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture), width, zeroPad);

    /// <summary><c>'%*x'</c> / <c>'%0*x'</c>: lower-case hex of the magnitude, a '-' for negative values (as Python does).</summary>
    public static string Hex(BigInteger value, int width = 0, bool zeroPad = false) =>
        Pad(value.Sign < 0, HexDigits(BigInteger.Abs(value)), width, zeroPad);

    private static string HexDigits(BigInteger magnitude)
    {
        if (magnitude.IsZero) return "0";
        var s = magnitude.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return s.Length == 0 ? "0" : s;
    }

    private static string Pad(bool negative, string digits, int width, bool zeroPad)
    {
        string sign = negative ? "-" : "";
        int len = sign.Length + digits.Length;
        if (len >= width) return sign + digits;
        return zeroPad ? sign + new string('0', width - len) + digits : new string(' ', width - len) + sign + digits;
    }

    /// <summary><c>'%*s'</c>: right-aligned in the width, never truncated.</summary>
    public static string RightAlign(string s, int width) => s.Length >= width ? s : new string(' ', width - s.Length) + s;

    /// <summary>
    /// <c>'%.2f' % x</c> for a finite non-negative double: Python rounds the exact binary value half to even
    /// (3.125 is exactly representable and prints "3.12"), which .NET's "F2" does not do.
    /// </summary>
    public static string FixedTwo(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "must be finite");
        bool negative = x < 0;
        x = Math.Abs(x);
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = exponent == 0 ? fraction : fraction | (1L << 52);
        int e = (exponent == 0 ? 1 : exponent) - 1075; // x = mantissa * 2^e exactly
        BigInteger scaled; // round(x * 100), half to even
        if (e >= 0) scaled = mantissa * 100 << e;
        else
        {
            BigInteger numerator = mantissa * 100, denominator = BigInteger.One << -e;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !scaled.IsEven)) scaled += 1;
        }
        var whole = BigInteger.DivRem(scaled, 100, out var cents);
        string sign = negative && !scaled.IsZero ? "-" : (negative ? "-" : "");
        return sign + whole.ToString(CultureInfo.InvariantCulture) + "." + ((int)cents).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>repr</c> of a Python list of ints: <c>[1, 2, 3]</c>.</summary>
    public static string ListRepr(IEnumerable<long> items)
    {
        var sb = new StringBuilder("[");
        bool first = true;
        foreach (var item in items)
        {
            if (!first) sb.Append(", ");
            sb.Append(item.ToString(CultureInfo.InvariantCulture));
            first = false;
        }
        return sb.Append(']').ToString();
    }

    /// <summary>The <c>repr</c> of a Python str, as optparse quotes a bad value in its error message.</summary>
    public static string StrRepr(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>
    /// CPython 3.11 and later refuse to turn a decimal string of more than 4300 digits into an int (ValueError:
    /// "Exceeds the limit (4300 digits) for integer string conversion"), and an int that large back into a string.
    /// </summary>
    public const int MaxStrDigits = 4300;

    /// <summary>True when <paramref name="text"/> holds more decimal digits than Python converts (<see cref="MaxStrDigits"/>).</summary>
    public static bool ExceedsDigitLimit(string text) => text.Count(char.IsDigit) > MaxStrDigits;

    /// <summary>Python's ValueError for a decimal string beyond <see cref="MaxStrDigits"/> digits.</summary>
    public static string DigitLimitMessage(string text) =>
        $"Exceeds the limit ({MaxStrDigits} digits) for integer string conversion: value has {text.Count(char.IsDigit)} digits; " +
        "use sys.set_int_max_str_digits() to increase the limit";

    /// <summary>
    /// Python's <c>int(s, radix)</c> for the string forms a command line produces: surrounding whitespace,
    /// an optional sign, digits with single underscores between them, and (for radix 16/8/2) the matching
    /// 0x/0o/0b prefix. Returns false where Python would raise ValueError, which includes a decimal string of
    /// more than <see cref="MaxStrDigits"/> digits. Python takes a longer hexadecimal, octal or binary string, but
    /// cannot print the number it makes; the ports print their numbers, so such a string is refused as well.
    /// </summary>
    public static bool TryParseInt(string text, int radix, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (text.Length > MaxStrDigits && (radix == 10 ? ExceedsDigitLimit(text) : SignificantBits(text, radix) > MaxStrDigits * 3.33))
            return false;
        // Fast path: plain ASCII decimal that fits a long (the common case: address files of a million lines).
        if (radix == 10 && text.Length is > 0 and <= 18)
        {
            long n = 0;
            int i = text[0] == '-' ? 1 : 0;
            bool plain = i < text.Length;
            for (; i < text.Length && plain; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') plain = false;
                else n = n * 10 + (c - '0');
            }
            if (plain)
            {
                value = text[0] == '-' ? -n : n;
                return true;
            }
        }
        value = BigInteger.Zero;
        var s = text.Trim();
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; s = s[1..]; }
        if (s.Length >= 2 && s[0] == '0')
        {
            char p = char.ToLowerInvariant(s[1]);
            if ((p == 'x' && radix == 16) || (p == 'o' && radix == 8) || (p == 'b' && radix == 2))
            {
                s = s[2..];
                if (s.StartsWith('_')) s = s[1..]; // Python allows one underscore right after the prefix
                if (s.Length == 0) return false;
            }
        }
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_') return false;
        bool lastUnderscore = false;
        foreach (char c in s)
        {
            if (c == '_')
            {
                if (lastUnderscore) return false;
                lastUnderscore = true;
                continue;
            }
            lastUnderscore = false;
            int d = DigitValue(c);
            if (d < 0 || d >= radix) return false;
            value = value * radix + d;
        }
        // Python 3 rejects leading zeros in a non-zero decimal literal only in source code, not in int(): "007" is 7.
        if (negative) value = -value;
        return true;
    }

    // How many bits the digits of text can make in this radix, counting every digit (an upper bound).
    private static double SignificantBits(string text, int radix)
    {
        int digits = text.Count(c => DigitValue(c) is >= 0 and var d && d < radix);
        return digits * Math.Log2(radix);
    }

    private static int DigitValue(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'z') return c - 'a' + 10;
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        if (char.IsDigit(c)) return (int)char.GetNumericValue(c); // Python accepts any Unicode decimal digit
        return -1;
    }

    /// <summary>The message Python's ValueError gives for <c>int(s)</c> in base 10.</summary>
    public static string InvalidIntMessage(string s) => $"invalid literal for int() with base 10: {StrRepr(s)}";

    /// <summary>The message of Python's ValueError for <c>int(s)</c> in base 10, whichever of the two it is.</summary>
    public static string IntErrorMessage(string s) => ExceedsDigitLimit(s) ? DigitLimitMessage(s) : InvalidIntMessage(s);
}
