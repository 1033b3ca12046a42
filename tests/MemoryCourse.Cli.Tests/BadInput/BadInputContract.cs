using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Sdk;

namespace MemoryCourse.Cli.Tests.BadInput;

/// <summary>
/// How every input path of memcourse must answer bad input: it ends (a run that does not is a hang), exits 2 with ONE
/// line on stderr that names the file and line (or the option and value) that was wrong, prints no stack trace,
/// and leaves no partial output (nothing on stdout, no files). The fuzz properties of this folder run memcourse
/// in-process under this contract.
/// </summary>
internal static class BadInputContract
{
    /// <summary>What one run printed and how long it took.</summary>
    public sealed record Outcome(string[] Args, int Code, string Out, string Err, TimeSpan Took)
    {
        public string Command => "memcourse " + string.Join(' ', Args.Select(a => a.Contains(' ') || a.Length == 0 ? $"\"{a}\"" : a));
    }

    /// <summary>
    /// How long a single bad-input run may take before it counts as a hang. Not a speed limit (speed belongs in
    /// the benchmarks): far above any honest answer on a loaded machine, it only stops a run that never ends.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs memcourse in-process; a run that does not end within <paramref name="limit"/> fails the test.</summary>
    public static Outcome Run(TimeSpan limit, params string[] args)
    {
        var task = Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var (code, output, error) = Memcourse.Run(args);
            return new Outcome(args, code, output, error, clock.Elapsed);
        });
        if (!task.Wait(limit)) throw new XunitException($"{new Outcome(args, 0, "", "", limit).Command} did not end within {limit}");
        return task.Result;
    }

    /// <summary>Runs memcourse in-process within <see cref="Limit"/>.</summary>
    public static Outcome Run(params string[] args) => Run(Limit, args);

    /// <summary>
    /// The contract for bad input: exit 2, stdout empty, exactly one stderr line that starts with
    /// <paramref name="prefix"/>, contains every one of <paramref name="names"/>, and holds no stack trace.
    /// </summary>
    public static void AssertRefused(Outcome o, string prefix, params string[] names)
    {
        string why = $"{o.Command}\nexit {o.Code}\nstdout: {Cut(o.Out)}\nstderr: {o.Err}";
        if (o.Code != CliApp.Usage) throw new XunitException($"expected exit 2 for bad input:\n{why}");
        if (o.Out.Length != 0) throw new XunitException($"bad input must print nothing on stdout:\n{why}");
        AssertOneLine(o, why);
        if (!o.Err.StartsWith(prefix, StringComparison.Ordinal)) throw new XunitException($"the message must start with '{prefix}':\n{why}");
        foreach (var name in names)
            if (!o.Err.Contains(name, StringComparison.Ordinal)) throw new XunitException($"the message must name '{name}':\n{why}");
    }

    /// <summary>Exactly one line on stderr and no sign of a stack trace or an internal error.</summary>
    public static void AssertOneLine(Outcome o, string? why = null)
    {
        why ??= $"{o.Command}\nexit {o.Code}\nstderr: {o.Err}";
        var lines = o.Err.TrimEnd('\n').Split('\n');
        if (o.Err.Length == 0 || !o.Err.EndsWith('\n') || lines.Length != 1)
            throw new XunitException($"expected exactly one line on stderr:\n{why}");
        if (o.Err.Contains("   at ", StringComparison.Ordinal) || o.Err.Contains("internal error", StringComparison.Ordinal) || o.Code == CliApp.InternalError)
            throw new XunitException($"a stack trace or internal error instead of a message:\n{why}");
    }

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="tests"/> generated cases, kept small so that each
    /// property takes a few seconds in the normal suite, on the run's seed (<see cref="MemoryCourse.Tests.PropertyRuns"/>:
    /// the recorded one in ./test.sh, a fresh one, printed, in .ci/fuzz.sh, with MEMCOURSE_FUZZ_SCALE=N times as many).
    /// </summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, int tests = 60) =>
        FsCheck.Check.One(MemoryCourse.Tests.PropertyRuns.Config(tests), Prop.ForAll(gen.ToArbitrary(), property));

    /// <summary>A fresh empty folder under the temp folder.</summary>
    public static string TempFolder(string prefix) => Directory.CreateTempSubdirectory("memcourse-" + prefix + "-").FullName;

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "..." : s;
}

/// <summary>Generators of the kinds of bad values every input path is fed.</summary>
internal static class BadValues
{
    /// <summary>Numbers no count or size accepts: negative, zero-ish, beyond 32 and 64 bits, not a number at all.</summary>
    public static Gen<string> BadNumber { get; } = Gen.OneOf(
        Gen.Choose(int.MinValue, -1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Elements("9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999",
            "18446744073709551616", "2147483648", "4294967296"),
        Gen.Elements("NaN", "Infinity", "-Infinity", "1e300", "1.5", "0x10", "1e3", "", " ", "abc", "--", "+-3", "3-",
            "١٢", "\u0000", "\u0001\u0002", "\uFEFF1", "1_000", "0b101", "12abc", "\t"),
        Gen.Choose(1, 6).SelectMany(n => Gen.Elements('x', '#', '%', 'ÿ', '\u0007', '-', '.').ArrayOf(n)).Select(cs => new string(cs)));
}
