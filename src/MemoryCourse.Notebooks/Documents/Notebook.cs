namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// A notebook: its cells in order and the kernel information from its <c>#!meta</c> header. The same
/// value is read from a <c>.dib</c> (cells only) or an <c>.ipynb</c> (cells and outputs) and written to either.
/// </summary>
/// <param name="Cells">The cells in document order (the <c>#!meta</c> header is not a cell).</param>
/// <param name="KernelInfoJson">The one line of JSON after <c>#!meta</c>, or null when the file has none.</param>
public sealed record Notebook(IReadOnlyList<NotebookCell> Cells, string? KernelInfoJson)
{
    /// <summary>The header every course notebook starts with: C# by default, plus markdown.</summary>
    public const string DefaultKernelInfoJson =
        "{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"name\":\"csharp\",\"aliases\":[\"cs\",\"C#\",\"c#\"]},{\"name\":\"markdown\",\"aliases\":[\"md\"]}]}}";

    /// <summary>The exact text that preceded the first cell, kept for a byte-identical round trip.</summary>
    internal string? RawHeader { get; init; }

    /// <summary>The line ending used when writing cells that have no original layout.</summary>
    internal string NewLine { get; init; } = "\n";

    /// <summary>The default kernel named by the header, or <c>csharp</c>.</summary>
    public string DefaultKernelName
    {
        get
        {
            if (KernelInfoJson is null) return KernelNames.CSharp;
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(KernelInfoJson);
                if (doc.RootElement.TryGetProperty("kernelInfo", out var info) &&
                    info.TryGetProperty("defaultKernelName", out var name) && name.GetString() is { } s)
                    return KernelNames.Canonicalize(s);
            }
            catch (System.Text.Json.JsonException) { }
            return KernelNames.CSharp;
        }
    }

    /// <summary>This notebook with one cell replaced.</summary>
    public Notebook WithCell(int index, NotebookCell cell)
    {
        var cells = Cells.ToList();
        cells[index] = cell;
        return this with { Cells = cells };
    }
}
