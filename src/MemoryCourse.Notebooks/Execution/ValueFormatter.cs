using Microsoft.DotNet.Interactive.Formatting;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Turns a value into the MIME-keyed data a notebook shows, through the real
/// <c>Microsoft.DotNet.Interactive.Formatting</c> formatter, so tables, objects and registered formatters
/// (the course's charts) render exactly as they do in VS Code.
/// </summary>
internal static class ValueFormatter
{
    public static IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        if (value is null) return new Dictionary<string, string> { ["text/plain"] = Formatter.NullString };
        var mimes = mimeTypes is { Count: > 0 } ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value.GetType());
        var data = new Dictionary<string, string>();
        foreach (var mime in mimes) data[mime] = value.ToDisplayString(mime);
        return data;
    }
}
