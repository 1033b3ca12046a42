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

    /// <summary>Why a port stops where the Python original would not print its normal output.</summary>
    internal enum Stop
    {
        /// <summary>The original dies with a traceback; the message ends with the traceback's last line in brackets.</summary>
        Traceback,
        /// <summary>The original loops forever.</summary>
        Hangs,
        /// <summary>The original would go on (its loops have no bound, its output no end), but this port stops.</summary>
        PortLimit,
        /// <summary>
        /// A number beyond the 64 bits this port computes in. What the original does with it varies (an error of its
        /// own, a traceback, a loop), so the message claims nothing about it.
        /// </summary>
        TooLarge,
    }

    /// <summary>Where the Python original would stop with a traceback, loop forever, or go beyond what the port holds; the message says why.</summary>
    internal sealed class Crash(string message, Stop stop = Stop.Traceback) : Exception(message)
    {
        public Crash(string message, bool hangs) : this(message, hangs ? Stop.Hangs : Stop.Traceback) { }

        public Stop Stop { get; } = stop;
    }

    /// <summary>
    /// The most random draws a port makes in one search the original repeats until something fits (a base that
    /// leaves room for the limit, a free frame): 1,000,000. Where a fit is that rare the original draws on for
    /// minutes or hours; the port stops and says so.
    /// </summary>
    public const long MaxDraws = 1_000_000;

    /// <summary>Counts one more draw of such a search; past <see cref="MaxDraws"/> the run stops with a port limit naming <paramref name="what"/>.</summary>
    public static void Redraw(ref long draws, string what)
    {
        if (++draws > MaxDraws)
            throw new Crash($"{what}: nothing fit in {MaxDraws} random draws", Stop.PortLimit);
    }

    /// <summary>The most items (addresses, references, operations) a port prints for one run: 1,000,000.</summary>
    public const long MaxItems = 1_000_000;

    /// <summary>
    /// A count the user asked for (<c>-n</c>), checked against <see cref="MaxItems"/> before any work, so a run
    /// that would print for hours answers at once with the limit instead.
    /// </summary>
    public static long Count(BigInteger value, string flag, string items)
    {
        if (value > MaxItems)
            throw new Crash($"{flag} {value}: this port prints at most {MaxItems} {items} per run", Stop.PortLimit);
        return (long)value;
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
            return Crashed(prog, stdout.ToString(), c);
        }
        catch (OverflowException)
        {
            return Crashed(prog, stdout.ToString(), new Crash("the addresses and sizes grew beyond 64-bit numbers", Stop.TooLarge));
        }
    }

    /// <summary>The run of a port that stopped: what it printed so far, and one line on stderr saying why.</summary>
    public static OstepRun Crashed(string prog, string stdout, Crash crash)
    {
        string what = crash.Stop switch
        {
            Stop.Hangs => "the Python original never finishes here",
            Stop.PortLimit => "a limit of this port; the Python original would go on",
            Stop.TooLarge => "a limit of this port, which computes in 64-bit numbers; Python's integers have no such limit",
            _ => "the Python original stops here with a traceback",
        };
        return new OstepRun(stdout, $"{prog}: {crash.Message} ({what})\n", 1);
    }

    /// <summary>The most text a port prints for one run: 128 Mi characters (the original would print on).</summary>
    public const int MaxOutputChars = 128 << 20;

    /// <summary>Prints a line as Python's print() does; past <see cref="MaxOutputChars"/> the run stops with a port limit.</summary>
    public static void Line(this StringBuilder sb, string text = "")
    {
        if ((long)sb.Length + text.Length >= MaxOutputChars)
            throw new Crash($"the output would grow beyond {MaxOutputChars} characters", Stop.PortLimit);
        sb.Append(text).Append('\n');
    }

    /// <summary>
    /// The most steps a replacement policy takes for one run, counted as references x cache entries it may scan:
    /// 250,000,000, a few seconds here (the original would take a quarter of an hour or more).
    /// </summary>
    public const long MaxSteps = 250_000_000;

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
        if (value > long.MaxValue / 4 || value < long.MinValue / 4) throw new Crash($"{what}: size '{size}' is too large for this simulation", Stop.TooLarge);
        return (long)value;
    }

    /// <summary>Python's <c>int(s)</c> in base 10; a string Python rejects is a crash naming the value.</summary>
    public static BigInteger PyInt(string s, string what)
    {
        if (!PythonText.TryParseInt(s, 10, out var value))
            throw new Crash($"{what}: ValueError: {PythonText.IntErrorMessage(s)}");
        return value;
    }

    /// <summary>A Python int that this port keeps in a long; larger values are reported, not wrapped.</summary>
    public static long ToLong(BigInteger value, string what)
    {
        if (value > long.MaxValue || value < long.MinValue) throw new Crash($"{what}: value {value} is too large for this simulation", Stop.TooLarge);
        return (long)value;
    }
}
