using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>The formatted values (by MIME type) of a display or return-value output, whichever it is.</summary>
public static class OutputData
{
    public static IDictionary<string, object>? Of(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement display => display.Data,
        ReturnValueElement value => value.Data,
        _ => null,
    };

    /// <summary>
    /// The value for one MIME type as text (<c>text/html</c>, <c>text/plain</c>, ...), or null. A notebook read
    /// back from <c>.ipynb</c> holds text as a list of lines, as nbformat stores it; they are joined.
    /// </summary>
    public static string? Get(InteractiveDocumentOutputElement output, string mimeType) =>
        Of(output) is { } data && data.TryGetValue(mimeType, out var value) ? AsText(value) : null;

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        System.Collections.IEnumerable lines => string.Concat(lines.Cast<object?>().Select(l => l?.ToString())),
        _ => value.ToString(),
    };
}
