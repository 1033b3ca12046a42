using System.Globalization;
using System.Text.RegularExpressions;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Gc.TraceGc;

/// <summary>
/// Reads real <c>node --trace-gc</c> and <c>--trace-gc-nvp</c> logs (V8 11.3). A GC line starts with
/// <c>[pid:isolate]</c>, the time right-aligned in 8 columns, and " ms: ". Other lines (program output,
/// --trace-gc-verbose space tables, "Shrinking page") are skipped; a line that has the GC-line prefix but
/// not the format is an error naming the source, line number and text, never silently dropped. Traps
/// handled: scavenge lines have an empty incremental part (two spaces before "(average") and end in
/// "; " with a trailing space; "(reduce)" may follow the type; sizes are MiB.
/// </summary>
public static partial class TraceGcReader
{
    [GeneratedRegex(@"^\[(\d+):(0x[0-9a-fA-F]+)\]\s+(\d+(?:\.\d+)?) ms: (.*)$")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(Scavenge|Mark-Compact|Minor Mark-Compact)( \(reduce\))? (\d+\.\d+) \((\d+\.\d+)\) -> (\d+\.\d+) \((\d+\.\d+)\) MB, (\d+\.\d+) / " +
        @"(\d+\.\d+) ms (.*?) ?\(average mu = (\d+\.\d+), current mu = (\d+\.\d+)\) (.*?); ?(.*?)\s*$")]
    private static partial Regex Body();

    [GeneratedRegex(@"^\(\+ (\d+\.\d+) ms in (\d+) steps since start of marking, biggest step (\d+\.\d+) ms, walltime since start of marking (\d+) ms\)$")]
    private static partial Regex Incremental();

    /// <summary>The longest time a line may give, in ms: about 31 years, far beyond any process's life.</summary>
    public const double MaxMs = 1e12;

    /// <summary>The largest size a line may give, in MiB: all of a 64-bit address space (2^44 MiB).</summary>
    public const double MaxMiB = 17592186044416;

    private static string Limit(double max) => max switch
    {
        MaxMs => $"{MaxMs:0} ms (31 years)",
        MaxMiB => $"{MaxMiB:0} MiB (a 64-bit address space)",
        _ => max.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Largest log <see cref="ReadFile"/> reads: 256 MiB.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>
    /// Reads a log file. One that cannot be read (missing, a folder, larger than <see cref="MaxFileBytes"/>) is an
    /// <see cref="InputFileException"/> naming it.
    /// </summary>
    public static TraceGcLog ReadFile(string path) => Parse(InputFile.ReadAllText(path, MaxFileBytes), Path.GetFileName(path));

    /// <summary>Parses log text; <paramref name="source"/> names it in error messages.</summary>
    public static TraceGcLog Parse(string text, string source = "trace-gc log")
    {
        var events = new List<TraceGcEvent>();
        var nvp = new List<TraceGcNvpEvent>();
        string? result = null;
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].TrimEnd('\r');
            int lineNo = n + 1;
            if (line.StartsWith("RESULT ", StringComparison.Ordinal)) { result = line[7..]; continue; }
            if (!line.StartsWith('[') || !line.Contains(" ms: ", StringComparison.Ordinal)) continue;
            var prefix = Prefix().Match(line);
            if (!prefix.Success) throw Error(source, lineNo, line, "the [pid:isolate] time prefix is malformed");
            // Every number of the line is checked where it is read: a huge one is an error naming the line, not a wrapped value or infinity.
            // Each figure within what it can be: a time within a process's lifetime, a size within 64 bits, mu a fraction.
            double Num(string s, double max = MaxMs) =>
                double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? v <= max ? v : throw Error(source, lineNo, line, $"the number {InputText.Quote(s)} is beyond {Limit(max)}")
                : throw Error(source, lineNo, line, $"the number {InputText.Quote(s)} is too large");
            double MiB(string s) => Num(s, MaxMiB);
            double Mu(string s) => Num(s, 1.0);
            int Int(string s, string what) =>
                int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
                : throw Error(source, lineNo, line, $"the {what} {InputText.Quote(s)} is too large");
            double time = Num(prefix.Groups[3].Value);
            string rest = prefix.Groups[4].Value;
            if (rest.StartsWith("pause=", StringComparison.Ordinal))
            {
                nvp.Add(ParseNvp(source, lineNo, line, time, rest));
                continue;
            }
            var m = Body().Match(rest);
            if (!m.Success) throw Error(source, lineNo, line,
                "expected '<Scavenge|Mark-Compact> A (B) -> C (D) MB, P / E ms ... (average mu = x, current mu = y) reason; reason'");
            IncrementalMarkingDetail? inc = null;
            string incText = m.Groups[9].Value.Trim();
            if (incText.Length > 0)
            {
                var im = Incremental().Match(incText);
                if (!im.Success) throw Error(source, lineNo, line, $"unrecognised incremental marking part {InputText.Quote(incText)}");
                inc = new IncrementalMarkingDetail(Num(im.Groups[1].Value), Int(im.Groups[2].Value, "step count"),
                    Num(im.Groups[3].Value), Num(im.Groups[4].Value));
            }
            events.Add(new TraceGcEvent(lineNo, Int(prefix.Groups[1].Value, "pid"), prefix.Groups[2].Value, time,
                m.Groups[1].Value, m.Groups[2].Success && m.Groups[2].Length > 0,
                MiB(m.Groups[3].Value), MiB(m.Groups[4].Value), MiB(m.Groups[5].Value), MiB(m.Groups[6].Value),
                Num(m.Groups[7].Value), Num(m.Groups[8].Value), inc, Mu(m.Groups[10].Value), Mu(m.Groups[11].Value),
                m.Groups[12].Value, m.Groups[13].Value));
        }
        return new TraceGcLog(source, events, nvp, result);
    }

    private static TraceGcNvpEvent ParseNvp(string source, int lineNo, string line, double time, string rest)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = token.IndexOf('=');
            if (eq <= 0) throw Error(source, lineNo, line, $"{InputText.Quote(token)} is not a name=value pair");
            values[token[..eq]] = token[(eq + 1)..];
        }
        if (!values.TryGetValue("gc", out var collector)) throw Error(source, lineNo, line, "no gc= field");
        return new TraceGcNvpEvent(lineNo, time, collector, values);
    }

    private static TraceGcFormatException Error(string source, int line, string text, string why) =>
        new($"{source}:{line}: malformed trace-gc line ({why}): {InputText.Quote(text, 160)}");
}
