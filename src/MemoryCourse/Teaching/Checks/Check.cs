using System.Globalization;

namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// The checks exercise cells call. A check that passes says so in one line (<c>Passed: the PFN of VPN 3</c>);
/// one that fails throws <see cref="CheckFailedException"/>, which fails the cell with what is wrong and,
/// when the check gives one, a hint: "the PFN of VPN 3: your value 7 is not it. Hint: the frame is in the
/// page table's row for VPN 3." A failing check never shows the expected value: that would be the answer.
/// When a chapter is graded, the grader replaces every <c>Check</c> call with a <see cref="CheckRecorder"/>
/// that records the values instead, so the verdict is reached outside the learner's process.
/// </summary>
public static class Check
{
    /// <summary>The line a passing check prints.</summary>
    public static string PassedLine(string what) => $"Passed: {what}";

    public static void Equal<T>(T expected, T actual, string what, string? hint = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            Fail(what, $"your value {Show(actual)} is not it", hint);
        Pass(what);
    }

    /// <summary>Equal within <paramref name="tolerance"/>, for measured or floating-point values.</summary>
    public static void Near(double expected, double actual, double tolerance, string what, string? hint = null)
    {
        if (double.IsNaN(actual) || Math.Abs(expected - actual) > tolerance)
            Fail(what, $"your value {Show(actual)} is not within {Show(tolerance)} of it", hint);
        Pass(what);
    }

    public static void True(bool condition, string what, string? hint = null)
    {
        if (!condition) Fail(what, "this does not hold yet", hint);
        Pass(what);
    }

    /// <summary>Two sequences with the same elements in the same order; the message names the first difference.</summary>
    public static void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what, string? hint = null)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        for (int i = 0; i < Math.Min(e.Count, a.Count); i++)
            if (!EqualityComparer<T>.Default.Equals(e[i], a[i]))
                Fail(what, i switch
                {
                    0 => $"it goes wrong at the first item (yours is {Show(a[i])})",
                    1 => $"the first item is right, then yours has {Show(a[i])}",
                    _ => $"the first {i} items are right, then yours has {Show(a[i])}",
                }, hint);
        if (e.Count != a.Count)
            Fail(what, a.Count < e.Count ? $"yours stops after {a.Count} items, too early" : $"yours has {a.Count} items, more than it should", hint);
        Pass(what);
    }

    private static void Pass(string what) => Console.WriteLine(PassedLine(what));

    private static void Fail(string what, string problem, string? hint) =>
        throw new CheckFailedException(what, $"{what}: {problem}.{(hint is null ? "" : $" Hint: {hint}")}");

    /// <summary>How a value reads in a message: strings quoted, numbers in invariant culture.</summary>
    internal static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A check that did not hold; <see cref="What"/> names what was checked.</summary>
public sealed class CheckFailedException(string what, string message) : Exception(message)
{
    public string What { get; } = what;
}
