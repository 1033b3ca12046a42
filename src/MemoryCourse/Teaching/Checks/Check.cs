using System.Globalization;

namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// The checks exercise cells call. Each prints one line and never stops the chapter: a check that holds
/// prints <c>Passed: the PFN of VPN 3</c>; one that does not prints what is wrong and the hint, "Not yet: the
/// PFN of VPN 3: your value 7 is not it. Hint: the frame is in the page table's row for VPN 3.", so a
/// learner's Run All goes through the whole chapter. A check never shows the expected value: that would be the
/// answer. Each call returns whether it held. When a chapter is graded, the grader replaces every
/// <c>Check</c> call with a <see cref="CheckRecorder"/> that records the values instead, so the verdict is
/// reached outside the learner's process. Every check compares the learner's value with an expected one
/// (there is no <c>Check.True</c>): a condition that "holds" is decided where the learner's code runs, while
/// an expected value is computed by the grader's reference run alone. To check a property of an answer,
/// compare the property of the learner's value with the same property of the model's.
/// </summary>
public static class Check
{
    /// <summary>The line a passing check prints.</summary>
    public static string PassedLine(string what) => Checker.PassedLine(what);

    public static bool Equal<T>(T expected, T actual, string what, string? hint = null) => Console.Equal(expected, actual, what, hint);

    /// <summary>Equal within <paramref name="tolerance"/>, for measured or floating-point values.</summary>
    public static bool Near(double expected, double actual, double tolerance, string what, string? hint = null) =>
        Console.Near(expected, actual, tolerance, what, hint);

    /// <summary>Two sequences with the same elements in the same order; the message names the first difference.</summary>
    public static bool Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what, string? hint = null) =>
        Console.Sequence(expected, actual, what, hint);

    // Console.Out is looked up on every call: a notebook kernel redirects it per cell.
    private static Checker Console => new(System.Console.Out);
}

/// <summary>
/// The checks, writing their one line to <paramref name="output"/>: <see cref="Check"/> is this on the
/// console. Each returns whether the check held.
/// </summary>
public sealed class Checker(TextWriter output)
{
    /// <summary>The line a passing check prints.</summary>
    public static string PassedLine(string what) => $"Passed: {what}";

    /// <summary>The line a failing check prints: what, what is wrong, and the hint (never the expected value).</summary>
    public static string NotYetLine(string what, string problem, string? hint) =>
        $"Not yet: {what}: {problem}.{(string.IsNullOrWhiteSpace(hint) ? "" : $" Hint: {hint}")}";

    public bool Equal<T>(T expected, T actual, string what, string? hint = null) =>
        EqualityComparer<T>.Default.Equals(expected, actual) ? Pass(what) : Fail(what, $"your value {Show(actual)} is not it", hint);

    /// <summary>Equal within <paramref name="tolerance"/>, for measured or floating-point values.</summary>
    public bool Near(double expected, double actual, double tolerance, string what, string? hint = null) =>
        double.IsNaN(actual) || Math.Abs(expected - actual) > tolerance
            ? Fail(what, $"your value {Show(actual)} is not within {Show(tolerance)} of it", hint)
            : Pass(what);

    /// <summary>Two sequences with the same elements in the same order; the message names the first difference.</summary>
    public bool Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what, string? hint = null)
    {
        var e = expected.ToList();
        var a = actual?.ToList() ?? [];
        for (int i = 0; i < Math.Min(e.Count, a.Count); i++)
            if (!EqualityComparer<T>.Default.Equals(e[i], a[i]))
                return Fail(what, i switch
                {
                    0 => $"it goes wrong at the first item (yours is {Show(a[i])})",
                    1 => $"the first item is right, then yours has {Show(a[i])}",
                    _ => $"the first {i} items are right, then yours has {Show(a[i])}",
                }, hint);
        if (e.Count != a.Count)
            return Fail(what, a.Count < e.Count ? $"yours stops after {a.Count} items, too early" : $"yours has {a.Count} items, more than it should", hint);
        return Pass(what);
    }

    private bool Pass(string what)
    {
        output.WriteLine(PassedLine(what));
        return true;
    }

    private bool Fail(string what, string problem, string? hint)
    {
        output.WriteLine(NotYetLine(what, problem, hint));
        return false;
    }

    /// <summary>How a value reads in a message: strings quoted, numbers in invariant culture.</summary>
    internal static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
