using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// A notebook's title, as the book's contents and a grade's messages name it: the text of its first markdown
/// heading (<c># ...</c>), or, where it has none, its file name without the extension.
/// </summary>
public static class NotebookTitle
{
    /// <summary>The text of the notebook's first <c># </c> heading, or null when no markdown cell has one.</summary>
    public static string? Of(InteractiveDocument notebook) =>
        notebook.Elements.Where(e => e.KernelName == KernelNames.Markdown)
            .SelectMany(e => e.Contents.Split('\n'))
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    /// <summary>The notebook's heading, else the name of its file (<paramref name="path"/>) without the extension.</summary>
    public static string Of(InteractiveDocument? notebook, string path) =>
        (notebook is null ? null : Of(notebook)) ?? Path.GetFileNameWithoutExtension(path);
}
