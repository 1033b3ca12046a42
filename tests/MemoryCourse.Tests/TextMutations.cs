using FsCheck;
using FsCheck.Fluent;

namespace MemoryCourse.Tests;

/// <summary>
/// Malformed versions of a real input file, for the readers' fuzz properties: one to three of truncation, a
/// line lost, doubled or swapped, a number replaced by a bad one (negative, beyond 64 bits, not a number), binary
/// bytes inserted, a character changed, Windows line endings, a byte-order mark, or nothing left at all. The
/// property every reader keeps: it returns, or throws a <see cref="FormatException"/> naming its source (and the
/// line, where there is one), within a moment; never another exception, never a hang.
/// </summary>
internal static class TextMutations
{
    private static readonly string[] BadNumbers =
    [
        "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "18446744073709551616",
        "NaN", "1e300", "0x10", "1.5", "", "abc", "\u0000", "١٢", "-0", "+7", "4294967296",
    ];

    private static readonly Gen<Func<string, string>> One = Gen.OneOf(
        Gen.Choose(0, int.MaxValue).Select<int, Func<string, string>>(k => t => t.Length == 0 ? t : t[..(k % t.Length)]),
        Gen.Choose(0, int.MaxValue).Select<int, Func<string, string>>(k => t => WithLines(t, lines => lines.RemoveAt(k % lines.Count))),
        Gen.Choose(0, int.MaxValue).Select<int, Func<string, string>>(k => t => WithLines(t, lines => lines.Insert(k % lines.Count, lines[k % lines.Count]))),
        Gen.Two(Gen.Choose(0, int.MaxValue)).Select<(int, int), Func<string, string>>(p => t => WithLines(t, lines =>
            (lines[p.Item1 % lines.Count], lines[p.Item2 % lines.Count]) = (lines[p.Item2 % lines.Count], lines[p.Item1 % lines.Count]))),
        Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements(BadNumbers))
            .Select<(int, string), Func<string, string>>(p => t => ReplaceNumber(t, p.Item1, p.Item2)),
        Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 255).Select(b => (char)b).ArrayOf())
            .Select<(int, char[]), Func<string, string>>(p => t => t.Insert(t.Length == 0 ? 0 : p.Item1 % t.Length, new string(p.Item2))),
        Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements('x', ':', ' ', '\t', '-', '[', ']', '(', ')', '%', '=', '0', '9', '\n', '\r', '\u00a0'))
            .Select<(int, char), Func<string, string>>(p => t => t.Length == 0 ? t : t[..(p.Item1 % t.Length)] + p.Item2 + t[(p.Item1 % t.Length + 1)..]),
        Gen.Constant<Func<string, string>>(t => t.Replace("\n", "\r\n")),
        Gen.Constant<Func<string, string>>(t => "\uFEFF" + t),
        Gen.Constant<Func<string, string>>(_ => ""));

    /// <summary>A mutation made of one to three of the single ones, applied in order.</summary>
    public static Gen<Func<string, string>> Any { get; } =
        Gen.Choose(1, 3).SelectMany(n => One.ArrayOf(n)).Select<Func<string, string>[], Func<string, string>>(fs => t => fs.Aggregate(t, (x, f) => f(x)));

    /// <summary>
    /// Checks <paramref name="property"/> on mutated copies of <paramref name="original"/>, <paramref name="tests"/> of
    /// them, on the run's seed (<see cref="PropertyRuns"/>: recorded in the normal suite, fresh in a fuzz run).
    /// </summary>
    public static void Check(string original, Action<string> property, int tests = 150) =>
        FsCheck.Check.One(PropertyRuns.Config(tests),
            Prop.ForAll(Any.Select(f => f(original)).ToArbitrary(), text =>
            {
                // A guard against a hang only, far above any honest reading on a loaded machine: no speed is claimed.
                var run = Task.Run(() => property(text));
                if (!run.Wait(HangGuard)) throw new Xunit.Sdk.XunitException($"the reader did not finish within {HangGuard.TotalSeconds} s: a hang");
                run.GetAwaiter().GetResult();
            }));

    /// <summary>How long one reading may take before it counts as a hang (not a speed limit: a hang never ends).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="read"/>; any exception but a <see cref="FormatException"/> whose message starts with one of
    /// <paramref name="sources"/> fails.
    /// </summary>
    public static void ReadsOrNames(Action read, params string[] sources)
    {
        try { read(); }
        catch (FormatException e) when (sources.Any(s => e.Message.StartsWith(s, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain('\n', e.Message.TrimEnd('\n'));
        }
    }

    private static string WithLines(string text, Action<List<string>> change)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count == 0) return text;
        change(lines);
        return string.Join('\n', lines);
    }

    private static string ReplaceNumber(string text, int pick, string bad)
    {
        var runs = System.Text.RegularExpressions.Regex.Matches(text, "[0-9]+");
        if (runs.Count == 0) return text;
        var m = runs[pick % runs.Count];
        return text[..m.Index] + bad + text[(m.Index + m.Length)..];
    }
}
