namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// One cell of a notebook: the kernel it runs in (as written in the file, e.g. <c>cs</c> or <c>csharp</c>),
/// its source text, and — for executed notebooks — its outputs.
/// </summary>
/// <param name="Kernel">The kernel name or alias exactly as the document spells it.</param>
/// <param name="Source">The cell's text with leading and trailing blank lines trimmed.</param>
public sealed record NotebookCell(string Kernel, string Source)
{
    /// <summary>The kernel's canonical name (<c>csharp</c>, <c>markdown</c>, ...).</summary>
    public string KernelName => KernelNames.Canonicalize(Kernel);

    /// <summary>
    /// The exact text between this cell's <c>#!kernel</c> line and the next cell, so that a document read
    /// and written back unchanged is byte-identical even when its blank lines are not the canonical ones.
    /// Null for cells built in code; they are written in the canonical layout.
    /// </summary>
    internal string? RawBody { get; init; }

    /// <summary>The line ending the document used, so that a rewritten cell keeps it.</summary>
    internal string NewLine { get; init; } = "\n";

    /// <summary>Outputs of an executed cell (empty for a <c>.dib</c>, which stores none).</summary>
    public IReadOnlyList<CellOutput> Outputs { get; init; } = [];

    /// <summary>How many lines of the file come before the first line of <see cref="Source"/> (for error positions).</summary>
    public int FirstSourceLine { get; init; }
}
