using System.Globalization;

namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// The checks exercise cells call, written so a failure explains itself to a learner:
/// <c>Check.Equal(5, pfn, "the PFN of VPN 3")</c> fails with "the PFN of VPN 3: expected 5, but got 7".
/// A check that passes returns quietly; one that fails throws <see cref="CheckFailedException"/>, which
/// fails the cell (and, when grading, costs that check's points).
/// </summary>
public static class Check
{
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CheckFailedException(what, $"{what}: expected {Show(expected)}, but got {Show(actual)}");
    }

    /// <summary>Equal within <paramref name="tolerance"/>, for measured or floating-point values.</summary>
    public static void Near(double expected, double actual, double tolerance, string what)
    {
        if (double.IsNaN(actual) || Math.Abs(expected - actual) > tolerance)
            throw new CheckFailedException(what, $"{what}: expected {Show(expected)} ± {Show(tolerance)}, but got {Show(actual)}");
    }

    public static void True(bool condition, string what)
    {
        if (!condition) throw new CheckFailedException(what, $"{what}: this should hold, but it does not");
    }

    /// <summary>Two sequences with the same elements in the same order; the message names the first difference.</summary>
    public static void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        for (int i = 0; i < Math.Min(e.Count, a.Count); i++)
            if (!EqualityComparer<T>.Default.Equals(e[i], a[i]))
                throw new CheckFailedException(what, $"{what}: at position {i}, expected {Show(e[i])}, but got {Show(a[i])}");
        if (e.Count != a.Count)
            throw new CheckFailedException(what, $"{what}: expected {e.Count} items, but got {a.Count}");
    }

    private static string Show<T>(T value) => value switch
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
