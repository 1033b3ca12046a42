using System.Numerics;
using System.Text;

namespace MemoryCourse.Ostep.PythonCompat;

/// <summary>
/// The subset of Python's <c>optparse</c> the OSTEP simulators use: short options (clustered, value attached
/// or in the next argument), long options (<c>--name=value</c>, unique prefixes), <c>--</c>, interspersed
/// positional arguments, <c>type='int'</c> with 0x/0o/0b prefixes, <c>store_true</c>, and <c>-h/--help</c>.
/// Options are processed left to right, so the first bad one decides the error, as in optparse.
/// </summary>
internal sealed class PythonOptionParser
{
    internal enum Kind { String, Int, Flag }

    /// <summary>
    /// Where optparse itself ends the script before its body runs: <c>-h</c> prints the help and exits 0, a bad
    /// option prints the usage and the error to stderr and exits 2.
    /// </summary>
    internal sealed record EarlyExit(string Stdout, string Stderr, int ExitCode);

    internal sealed record Option(string? Short, string? Long, string Dest, Kind Kind, object Default, string Help)
    {
        public string Metavar => Dest.ToUpperInvariant();
    }

    private readonly string _prog;
    private readonly List<Option> _options = [];

    public PythonOptionParser(string prog)
    {
        _prog = prog;
        _options.Add(new Option("-h", "--help", "help", Kind.Flag, false, "show this help message and exit"));
    }

    public PythonOptionParser Add(string? shortName, string? longName, string dest, Kind kind, object defaultValue, string help)
    {
        _options.Add(new Option(shortName, longName, dest, kind, defaultValue, help));
        return this;
    }

    /// <summary>What parsing decided: either values for every dest, or an exit (help or usage error).</summary>
    internal sealed class Result
    {
        public Dictionary<string, object> Values { get; } = new();
        public EarlyExit? Exit { get; set; }
        public string Str(string dest) => (string)Values[dest];
        public BigInteger Int(string dest) => Values[dest] is BigInteger b ? b : new BigInteger(Convert.ToInt64(Values[dest]));
        public bool Flag(string dest) => (bool)Values[dest];
    }

    public Result Parse(IReadOnlyList<string> args)
    {
        var result = new Result();
        foreach (var o in _options) result.Values[o.Dest] = o.Default is int i ? new BigInteger(i) : o.Default;
        var rargs = new Queue<string>(args);
        while (rargs.Count > 0)
        {
            string arg = rargs.Peek();
            if (arg == "--") { rargs.Dequeue(); break; }
            string? error;
            if (arg.StartsWith("--", StringComparison.Ordinal)) error = ProcessLong(rargs, result);
            else if (arg.StartsWith('-') && arg.Length > 1) error = ProcessShort(rargs, result);
            else { rargs.Dequeue(); continue; } // positional arguments are accepted and ignored by the scripts
            if (error is not null) { result.Exit = UsageError(error); return result; }
            if (result.Exit is not null) return result;
        }
        return result;
    }

    private string? ProcessLong(Queue<string> rargs, Result result)
    {
        string arg = rargs.Dequeue();
        string opt = arg;
        string? value = null;
        int eq = arg.IndexOf('=');
        if (eq >= 0) { opt = arg[..eq]; value = arg[(eq + 1)..]; }
        var matches = _options.Where(o => o.Long == opt).ToList();
        if (matches.Count == 0)
        {
            matches = _options.Where(o => o.Long is not null && o.Long.StartsWith(opt, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0) return $"no such option: {opt}";
            if (matches.Count > 1)
            {
                var names = matches.Select(o => o.Long!).OrderBy(n => n, StringComparer.Ordinal);
                return $"ambiguous option: {opt} ({string.Join(", ", names)}?)";
            }
        }
        var option = matches[0];
        opt = option.Long!;
        if (option.Kind == Kind.Flag)
        {
            if (value is not null) return $"{opt} option does not take a value";
        }
        else if (value is null)
        {
            if (rargs.Count == 0) return $"{opt} option requires 1 argument";
            value = rargs.Dequeue();
        }
        return Store(option, opt, value, result);
    }

    private string? ProcessShort(Queue<string> rargs, Result result)
    {
        string arg = rargs.Dequeue();
        for (int i = 1; i < arg.Length; i++)
        {
            string opt = "-" + arg[i];
            var option = _options.FirstOrDefault(o => o.Short == opt);
            if (option is null) return $"no such option: {opt}";
            if (option.Kind == Kind.Flag)
            {
                var error = Store(option, opt, null, result);
                if (error is not null || result.Exit is not null) return error;
                continue;
            }
            string value;
            if (i + 1 < arg.Length) value = arg[(i + 1)..];
            else if (rargs.Count > 0) value = rargs.Dequeue();
            else return $"{opt} option requires 1 argument";
            return Store(option, opt, value, result);
        }
        return null;
    }

    private string? Store(Option option, string opt, string? value, Result result)
    {
        if (option.Dest == "help")
        {
            result.Exit = new EarlyExit(Help(), "", 0);
            return null;
        }
        switch (option.Kind)
        {
            case Kind.Flag:
                result.Values[option.Dest] = true;
                return null;
            case Kind.Int:
                if (!TryParseOptparseInt(value!, out var number)) return $"option {opt}: invalid integer value: {PythonText.StrRepr(value!)}";
                result.Values[option.Dest] = number;
                return null;
            default:
                result.Values[option.Dest] = value!;
                return null;
        }
    }

    // optparse's _parse_num: "0x" -> base 16, "0b" -> base 2 (prefix removed), a leading "0" -> base 8, else base 10.
    private static bool TryParseOptparseInt(string value, out BigInteger number)
    {
        string lower = value.Length >= 2 ? value[..2].ToLowerInvariant() : value;
        if (lower == "0x") return PythonText.TryParseInt(value, 16, out number);
        if (lower == "0b")
        {
            string rest = value[2..];
            return PythonText.TryParseInt(rest.Length == 0 ? "0" : rest, 2, out number);
        }
        if (value.StartsWith('0')) return PythonText.TryParseInt(value, 8, out number);
        return PythonText.TryParseInt(value, 10, out number);
    }

    private string Usage => $"Usage: {_prog} [options]\n";

    private EarlyExit UsageError(string message) => new("", $"{Usage}\n{_prog}: error: {message}\n", 2);

    /// <summary>optparse's IndentedHelpFormatter at an 80-column terminal (the width when output is piped).</summary>
    public string Help()
    {
        const int Width = 80 - 2, MaxHelpPosition = 24, Indent = 2;
        var strings = _options.Select(FormatOptionStrings).ToList();
        int maxLen = strings.Max(s => s.Length + Indent);
        int helpPosition = Math.Min(maxLen + 2, MaxHelpPosition);
        int helpWidth = Math.Max(Width - helpPosition, 11);
        var sb = new StringBuilder(Usage).Append('\n').Append("Options:\n");
        for (int i = 0; i < _options.Count; i++)
        {
            string opts = strings[i];
            int optWidth = helpPosition - Indent - 2;
            int indentFirst;
            if (opts.Length > optWidth)
            {
                sb.Append(' ', Indent).Append(opts).Append('\n');
                indentFirst = helpPosition;
            }
            else
            {
                sb.Append(' ', Indent).Append(opts.PadRight(optWidth)).Append("  ");
                indentFirst = 0;
            }
            var lines = TextWrap(_options[i].Help, helpWidth);
            sb.Append(' ', indentFirst).Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1)) sb.Append(' ', helpPosition).Append(line).Append('\n');
        }
        return sb.ToString();
    }

    private static string FormatOptionStrings(Option o)
    {
        var parts = new List<string>();
        if (o.Short is not null) parts.Add(o.Kind == Kind.Flag ? o.Short : $"{o.Short} {o.Metavar}");
        if (o.Long is not null) parts.Add(o.Kind == Kind.Flag ? o.Long : $"{o.Long}={o.Metavar}");
        return string.Join(", ", parts);
    }

    // textwrap.wrap with its defaults: words split on whitespace and after hyphens inside words, greedy fill,
    // whitespace at line ends dropped. Enough for the scripts' one-line help texts.
    internal static List<string> TextWrap(string text, int width)
    {
        var chunks = new List<string>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // break_on_hyphens: "comma-separated" -> "comma-", "separated" (only between letters)
            int start = 0;
            for (int i = 1; i < word.Length - 1; i++)
                if (word[i] == '-' && char.IsLetter(word[i - 1]) && char.IsLetter(word[i + 1]) && i - start >= 1)
                {
                    chunks.Add(word[start..(i + 1)]);
                    start = i + 1;
                }
            chunks.Add(word[start..] + " ");
        }
        if (chunks.Count > 0) chunks[^1] = chunks[^1].TrimEnd();
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var chunk in chunks)
        {
            if (current.Length > 0 && current.Length + chunk.TrimEnd().Length > width)
            {
                lines.Add(current.ToString().TrimEnd());
                current.Clear();
            }
            current.Append(chunk);
        }
        if (current.Length > 0) lines.Add(current.ToString().TrimEnd());
        if (lines.Count == 0) lines.Add("");
        return lines;
    }
}
