using System.Globalization;
using System.Text.RegularExpressions;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Vmmap;

/// <summary>
/// Reads the region lines of macOS <c>vmmap PID</c> output (the format of seed 004's quotes). Lines that
/// are not region lines, such as vmmap's headers and summaries, are skipped with <see cref="ParseAll"/>;
/// <see cref="ParseLine"/> insists on a region line. Region types may contain spaces and parentheses
/// (<c>MALLOC (heap)</c>, <c>STACK GUARD</c>), so the line is matched from the address range.
/// </summary>
public static partial class VmmapReader
{
    [GeneratedRegex(@"^(?<type>\S.*?)\s+(?<start>[0-9a-fA-F]+)-(?<end>[0-9a-fA-F]+)\s+\[\s*(?<v>\S+)\s+(?<r>\S+)\s+(?<d>\S+)\s+(?<s>\S+)\s*\]" +
        @"\s+(?<prot>[r-][w-][x-])/(?<max>[r-][w-][x-])\s+SM=(?<sm>\S+)\s*(?<detail>.*)$")]
    private static partial Regex RegionLine();

    /// <summary>
    /// Parses one region line; anything else is a FormatException naming source and line, and so is an address
    /// beyond 64 bits, a range that ends before it starts, or a size that is negative or beyond 64 bits.
    /// </summary>
    public static VmmapRegion ParseLine(string line, string source = "vmmap", int lineNumber = 1)
    {
        var m = RegionLine().Match(line.TrimEnd());
        if (!m.Success)
            throw new FormatException($"{source}:{lineNumber}: not a vmmap region line " +
                $"(TYPE START-END [ VSIZE RSDNT DIRTY SWAP ] PRT/MAX SM=MODE DETAIL): {InputText.Quote(line)}");
        long Size(string group) => ParseSize(m.Groups[group].Value, source, lineNumber);
        ulong Address(string group) =>
            ulong.TryParse(m.Groups[group].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong a) ? a
            : throw new FormatException($"{source}:{lineNumber}: address {InputText.Quote(m.Groups[group].Value)} is beyond 64 bits");
        ulong start = Address("start"), end = Address("end");
        if (end < start || end - start > long.MaxValue)
            throw new FormatException($"{source}:{lineNumber}: the range {m.Groups["start"].Value}-{m.Groups["end"].Value} ends before it starts");
        return new VmmapRegion(m.Groups["type"].Value, start, end,
            Size("v"), Size("r"), Size("d"), Size("s"),
            m.Groups["prot"].Value, m.Groups["max"].Value, m.Groups["sm"].Value, m.Groups["detail"].Value.Trim());
    }

    /// <summary>Parses every region line of a vmmap output, skipping headers, blank lines and summaries.</summary>
    public static IReadOnlyList<VmmapRegion> ParseAll(string text, string source = "vmmap")
    {
        var result = new List<VmmapRegion>();
        int n = 0;
        foreach (var line in text.Split('\n'))
        {
            n++;
            if (RegionLine().IsMatch(line.TrimEnd())) result.Add(ParseLine(line, source, n));
        }
        return result;
    }

    /// <summary>Converts vmmap's size text (<c>4K</c>, <c>35.3M</c>, <c>1.5G</c>, <c>0K</c>) to bytes, rounding to the nearest byte.</summary>
    public static long ParseSize(string text, string source = "vmmap", int lineNumber = 1)
    {
        if (text.Length < 2)
            throw new FormatException($"{source}:{lineNumber}: bad size {InputText.Quote(text)}");
        long unit = char.ToUpperInvariant(text[^1]) switch
        {
            'B' => 1, 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40,
            _ => throw new FormatException($"{source}:{lineNumber}: size {InputText.Quote(text)} has no unit (B, K, M, G, T)"),
        };
        if (!double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value < 0)
            throw new FormatException($"{source}:{lineNumber}: bad size {InputText.Quote(text)}");
        double bytes = Math.Round(value * unit);
        if (!(bytes < long.MaxValue)) // 2^63 exactly; NaN fails too
            throw new FormatException($"{source}:{lineNumber}: size {InputText.Quote(text)} is beyond 64 bits");
        return (long)bytes;
    }
}
