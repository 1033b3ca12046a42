namespace MemoryCourse.Notebooks.Documents;

/// <summary>The kinds of output a cell produces, as nbformat names them.</summary>
public enum OutputKind
{
    /// <summary>Something the cell displayed with <c>display(...)</c>, <c>HTML(...)</c> or <c>.Display()</c>.</summary>
    DisplayData,
    /// <summary>The value of the cell's trailing expression.</summary>
    ExecuteResult,
    /// <summary>Text written to <c>Console.Out</c> (stdout) or <c>Console.Error</c> (stderr).</summary>
    Stream,
    /// <summary>A compile error or an exception.</summary>
    Error,
}

/// <summary>
/// One output of a cell: formatted data keyed by MIME type (<c>text/html</c>, <c>text/plain</c>, ...), or a
/// stream's text, or an error's name and message.
/// </summary>
public sealed record CellOutput
{
    public required OutputKind Kind { get; init; }

    /// <summary>Formatted values by MIME type, for display data and execute results.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>For a stream: <c>stdout</c> or <c>stderr</c>.</summary>
    public string? StreamName { get; init; }

    /// <summary>For a stream: the text written.</summary>
    public string? Text { get; init; }

    /// <summary>For an error: the exception type or <c>CompilationError</c>.</summary>
    public string? ErrorName { get; init; }

    /// <summary>For an error: the message, with position.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The display id <c>Update(...)</c> replaces, when the output came from <c>display(...)</c>.</summary>
    public string? DisplayId { get; init; }

    public static CellOutput Display(IReadOnlyDictionary<string, string> data, string? displayId = null) =>
        new() { Kind = OutputKind.DisplayData, Data = data, DisplayId = displayId };

    public static CellOutput Result(IReadOnlyDictionary<string, string> data) =>
        new() { Kind = OutputKind.ExecuteResult, Data = data };

    public static CellOutput Stream(string name, string text) =>
        new() { Kind = OutputKind.Stream, StreamName = name, Text = text };

    public static CellOutput Failure(string name, string message) =>
        new() { Kind = OutputKind.Error, ErrorName = name, ErrorMessage = message };
}
