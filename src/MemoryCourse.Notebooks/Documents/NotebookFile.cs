using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Jupyter = Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// Reads and writes notebooks with the kernel's own Documents package, so a <c>.dib</c> or <c>.ipynb</c>
/// means here exactly what it means in VS Code: the same cell boundaries, kernel names and metadata. Adds
/// what a course needs around it: errors that name the file and line, a refusal of files with no cells
/// at all, the file line each cell starts on, and atomic writes.
/// </summary>
public static class NotebookFile
{
    public static bool IsNotebookPath(string path) =>
        path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a notebook by its extension; throws <see cref="NotebookFormatException"/> naming file and line.</summary>
    public static InteractiveDocument Load(string path)
    {
        if (Directory.Exists(path)) throw new NotebookFormatException(path, 0, "is a folder, not a notebook file");
        if (!File.Exists(path)) throw new NotebookFormatException(path, 0, "no such file");
        if (!IsNotebookPath(path)) throw new NotebookFormatException(path, 0, "not a notebook: expected a .dib or .ipynb file");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new NotebookFormatException(path, 0, e.Message); }
        return Parse(text, path);
    }

    /// <summary>Parses notebook text; <paramref name="path"/>'s extension says which format, and names it in errors.</summary>
    public static InteractiveDocument Parse(string text, string path)
    {
        if (text.Contains('\0')) throw new NotebookFormatException(path, 0, "is a binary file, not a notebook");
        bool ipynb = path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);
        InteractiveDocument document;
        try
        {
            document = ipynb ? Jupyter.Notebook.Parse(text, KernelNames.Known()) : CodeSubmission.Parse(text, KernelNames.Known());
        }
        catch (JsonException e)
        {
            int line = ipynb ? (int)(e.LineNumber ?? 0) + 1 : MetaJsonLine(text);
            throw new NotebookFormatException(path, line, ipynb ? $"not valid notebook JSON: {Reason(e)}" : $"the #!meta header is not valid JSON: {Reason(e)}");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or NullReferenceException)
        {
            // The package's JSON converters throw these for a well-formed file of the wrong shape (a number where a string goes).
            throw new NotebookFormatException(path, 0, $"not a notebook of the expected shape: {FirstLine(e.Message)}");
        }
        if (document.Elements.All(e => string.IsNullOrWhiteSpace(e.Contents)))
            throw new NotebookFormatException(path, 0, "has no cells (an empty notebook runs nothing, which is almost certainly not what was meant)");
        return document;
    }

    /// <summary>Writes an executed notebook as <c>.ipynb</c> (nbformat 4 with the Polyglot Notebooks metadata), atomically.</summary>
    public static void SaveIpynb(InteractiveDocument document, string path) =>
        AtomicFile.WriteAllText(path, ToIpynb(document));

    /// <summary>The <c>.ipynb</c> text of a notebook (nbformat 4 with the Polyglot Notebooks metadata).</summary>
    public static string ToIpynb(InteractiveDocument document) => document.ToJupyterJson(Languages.CSharp);

    /// <summary>The <c>.dib</c> text of a notebook, as VS Code writes it.</summary>
    public static string ToDib(InteractiveDocument document) => document.ToCodeSubmissionContent() + "\n";

    /// <summary>Writes a notebook as <c>.dib</c>, atomically.</summary>
    public static void SaveDib(InteractiveDocument document, string path) => AtomicFile.WriteAllText(path, ToDib(document));

    /// <summary>A deep copy of a notebook's cells (sources, kernels, metadata), without outputs.</summary>
    public static InteractiveDocument CopyCells(InteractiveDocument document, Func<InteractiveDocumentElement, int, string>? contents = null)
    {
        var copy = new InteractiveDocument(document.Elements
            .Select((e, i) => new InteractiveDocumentElement(contents?.Invoke(e, i) ?? e.Contents, e.KernelName) { Metadata = e.Metadata })
            .ToList());
        foreach (var (key, value) in document.Metadata) copy.Metadata[key] = value;
        return copy;
    }

    /// <summary>
    /// The 1-based file line on which each cell's first line stands in a <c>.dib</c> (the package trims the
    /// blank lines around a cell, and keeps no positions): so a message can point into the learner's file.
    /// Null for an <c>.ipynb</c>, whose cells have no file lines.
    /// </summary>
    public static IReadOnlyList<int>? CellFirstLines(string text, string path)
    {
        if (!path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase)) return null;
        var known = KernelNames.Known();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var starts = new List<int>();
        int? pending = 1; // a cell may start before any #! line (the default kernel)
        bool inMeta = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("#!meta", StringComparison.Ordinal) && starts.Count == 0) { inMeta = true; pending = null; continue; }
            if (line.StartsWith("#!", StringComparison.Ordinal) && known.Contains(line[2..].TrimEnd()))
            {
                inMeta = false;
                pending = i + 2;
                continue;
            }
            if (inMeta) continue;
            if (pending is not null && line.Length > 0) { starts.Add(i + 1); pending = null; }
        }
        return starts;
    }

    // The line the #!meta JSON starts on: the first non-blank line after "#!meta".
    private static int MetaJsonLine(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int meta = Array.FindIndex(lines, l => l.StartsWith("#!meta", StringComparison.Ordinal));
        for (int i = meta + 1; meta >= 0 && i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) return i + 1;
        return meta + 1;
    }

    // System.Text.Json's message without its "Path: ... | LineNumber: ..." tail, which names the parser's position, not the file's.
    private static string Reason(JsonException e) => FirstLine(e.Message.Split(" Path: ")[0].Split(" LineNumber: ")[0]).TrimEnd('.', ' ') + ".";

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}

/// <summary>The language names the notebooks' Jupyter metadata uses.</summary>
internal static class Languages
{
    public const string CSharp = "C#";
}
