using System.Globalization;

namespace MemoryCourse.Notebooks.Reports;

/// <summary>
/// A count with its noun in the right number, for every line the commands print: <c>Plural.Of(1, "notebook")</c>
/// is "1 notebook", <c>Plural.Of(3, "notebook")</c> "3 notebooks", <c>Plural.Of(2, "process", "processes")</c>
/// "2 processes". English: only exactly one is singular (0 notebooks, 1 notebook, 1.5 notebooks).
/// </summary>
public static class Plural
{
    /// <summary>"COUNT NOUN", the noun plural (<paramref name="plural"/>, or the singular plus "s") unless the count is 1.</summary>
    public static string Of(long count, string singular, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + Noun(count, singular, plural);

    /// <summary>"COUNT NOUN" for a decimal count (points, seconds), written as <paramref name="format"/>.</summary>
    public static string Of(double count, string singular, string format, string? plural = null) =>
        count.ToString(format, CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

    /// <summary>Only the noun, in the number <paramref name="count"/> asks for.</summary>
    public static string Noun(long count, string singular, string? plural = null) => count == 1 ? singular : plural ?? singular + "s";
}
