using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests;

/// <summary>Small notebooks built in code for tests: <c>Notebooks.Of(("markdown", "# t"), ("csharp", "1 + 1"))</c>.</summary>
internal static class Notebooks
{
    public static InteractiveDocument Of(params (string Kernel, string Source)[] cells) =>
        new(cells.Select(c => new InteractiveDocumentElement(c.Source, c.Kernel)).ToList());

    /// <summary>Writes the notebook as a .dib into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, string name, params (string Kernel, string Source)[] cells)
    {
        string path = Path.Combine(directory, name);
        NotebookFile.SaveDib(Of(cells), path);
        return path;
    }

    /// <summary>The text of every output of a cell: streams, errors, and each formatted value's text/plain (else text/html).</summary>
    public static string Text(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement t => t.Text,
        ErrorElement e => e.ErrorName + ": " + e.ErrorValue,
        _ => OutputData.Get(output, "text/plain") ?? OutputData.Get(output, "text/html") ?? "",
    };
}
