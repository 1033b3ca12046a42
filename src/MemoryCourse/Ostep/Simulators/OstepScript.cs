using System.Numerics;
using System.Text;
using MemoryCourse.Ostep.PythonCompat;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// What the OSTEP ports share: running a script body with its printed output collected, turning the
/// script's <c>exit(1)</c> and its crashes into an <see cref="OstepRun"/>, and the scripts' own
/// <c>convert()</c> for sizes such as "16k".
/// </summary>
internal static class OstepScript
{
    /// <summary>The script called <c>exit(code)</c> after printing its own message.</summary>
    internal sealed class Exit(int code) : Exception($"exit({code})")
    {
        public int Code { get; } = code;
    }

    /// <summary>Where the Python original would stop with a traceback, or (<paramref name="hangs"/>) loop forever; the message says why.</summary>
    internal sealed class Crash(string message, bool hangs = false) : Exception(message)
    {
        public bool Hangs { get; } = hangs;
    }

    /// <summary>The run optparse ended before the script's body (help or a usage error), or null when the body should run.</summary>
    public static OstepRun? Stopped(PythonOptionParser.Result parsed) =>
        parsed.Exit is { } exit ? new OstepRun(exit.Stdout, exit.Stderr, exit.ExitCode) : null;

    public static OstepRun Run(string prog, PythonOptionParser parser, IReadOnlyList<string> args, Action<PythonOptionParser.Result, StringBuilder> body)
    {
        var parsed = parser.Parse(args);
        if (Stopped(parsed) is { } stopped) return stopped;
        var stdout = new StringBuilder();
        try
        {
            body(parsed, stdout);
            return new OstepRun(stdout.ToString(), "", 0);
        }
        catch (Exit e)
        {
            return new OstepRun(stdout.ToString(), "", e.Code);
        }
        catch (Crash c)
        {
            string what = c.Hangs ? "the Python original never finishes here" : "the Python original stops here with a traceback";
            return new OstepRun(stdout.ToString(), $"{prog}: {c.Message} ({what})\n", 1);
        }
    }

    /// <summary>Prints a line as Python's print() does.</summary>
    public static void Line(this StringBuilder sb, string text = "") => sb.Append(text).Append('\n');

    /// <summary>
    /// The scripts' <c>convert(size)</c>: a trailing k/K, m/M or g/G multiplies by 1024, 1024^2, 1024^3;
    /// otherwise the whole string goes through <c>int()</c>.
    /// </summary>
    public static long ConvertSize(string size, string what)
    {
        if (size.Length == 0) throw new Crash($"{what}: an empty size cannot be converted (IndexError in convert())");
        char last = size[^1];
        long multiplier = char.ToLowerInvariant(last) switch { 'k' => 1024L, 'm' => 1024L * 1024, 'g' => 1024L * 1024 * 1024, _ => 1 };
        string digits = multiplier == 1 ? size : size[..^1];
        var value = PyInt(digits, what) * multiplier;
        if (value > long.MaxValue / 4 || value < long.MinValue / 4) throw new Crash($"{what}: size '{size}' is too large for this simulation");
        return (long)value;
    }

    /// <summary>Python's <c>int(s)</c> in base 10; a string Python rejects is a crash naming the value.</summary>
    public static BigInteger PyInt(string s, string what)
    {
        if (!PythonText.TryParseInt(s, 10, out var value))
            throw new Crash($"{what}: ValueError: {PythonText.InvalidIntMessage(s)}");
        return value;
    }

    /// <summary>A Python int that this port keeps in a long; larger values are reported, not wrapped.</summary>
    public static long ToLong(BigInteger value, string what)
    {
        if (value > long.MaxValue || value < long.MinValue) throw new Crash($"{what}: value {value} is too large for this simulation");
        return (long)value;
    }
}
