using System.Text;
using System.Text.Json;
using MemoryCourse.Foundation.Input;
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
    public static InteractiveDocument Load(string path) => Parse(ReadText(path), path);

    /// <summary>
    /// Reads a notebook and the file line each of its cells starts on (see <see cref="CellFirstLines"/>), from one
    /// read of the file; throws <see cref="NotebookFormatException"/> naming file and line.
    /// </summary>
    public static LoadedNotebook LoadWithFirstLines(string path)
    {
        string text = ReadText(path);
        return new LoadedNotebook(Parse(text, path), CellFirstLines(text, path));
    }

    // The file's text, refused (as a NotebookFormatException) when it is no notebook file at all: a folder, a special
    // file, another extension, too large, not UTF-8. The byte-order mark is dropped.
    private static string ReadText(string path)
    {
        if (Directory.Exists(path)) throw new NotebookFormatException(path, 0, "is a folder, not a notebook file");
        if (!File.Exists(path)) throw new NotebookFormatException(path, 0, "no such file");
        if (!IsNotebookPath(path)) throw new NotebookFormatException(path, 0, "not a notebook: expected a .dib or .ipynb file");
        if (SpecialFile.Describe(path) is { } special)
            throw new NotebookFormatException(path, 0, $"is {special}, not a notebook file; only regular files are read");
        byte[]? read;
        try { read = BoundedFile.ReadAtMost(path, MaxBytes); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new NotebookFormatException(path, 0, e.Message); }
        var bytes = read ?? throw new NotebookFormatException(path, 0, $"is larger than {MaxBytes >> 20} MiB, more than any notebook of the course");
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException(path, LineAt(bytes, e.Index), "is not UTF-8 text (a binary file?), so not a notebook");
        }
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>The largest notebook file read (the course's chapters are well under 1 MiB; executed ones with charts a few).</summary>
    public const long MaxBytes = 64L << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static int LineAt(byte[] bytes, int index) => 1 + bytes.Take(Math.Clamp(index, 0, bytes.Length)).Count(b => b == (byte)'\n');

    /// <summary>Parses notebook text; <paramref name="path"/>'s extension says which format, and names it in errors.</summary>
    public static InteractiveDocument Parse(string text, string path)
    {
        if (text.Contains('\0')) throw new NotebookFormatException(path, 0, "is a binary file, not a notebook");
        // Text editors write no control characters but tab, line feed, carriage return and form feed: others mean binary.
        int control = text.AsSpan().IndexOfAnyInRange('\x01', '\x1f');
        while (control >= 0 && text[control] is '\t' or '\n' or '\r' or '\f')
        {
            int next = text.AsSpan(control + 1).IndexOfAnyInRange('\x01', '\x1f');
            control = next < 0 ? -1 : control + 1 + next;
        }
        if (control >= 0)
            throw new NotebookFormatException(path, 1 + text.AsSpan(0, control).Count('\n'),
                $"holds the control character \\x{(int)text[control]:x2}: a binary file, not a notebook");
        bool ipynb = path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);
        if (ipynb) CheckJupyterShape(text, path);
        InteractiveDocument document;
        try
        {
            document = ipynb ? Jupyter.Notebook.Parse(text, KernelNames.Known()) : CodeSubmission.Parse(text, KernelNames.Known());
        }
        catch (JsonException e)
        {
            int line = ipynb ? (int)(e.LineNumber ?? 0) + 1 : MetaJsonLine(text);
            throw new NotebookFormatException(path, line,
                ipynb ? $"not valid notebook JSON: {Reason(e)}" : $"the #!meta header is not valid JSON: {Reason(e)}");
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

    /// <summary>The cell types of nbformat 4; a cell of another type, or of none, is refused rather than run as C#.</summary>
    public static readonly IReadOnlySet<string> JupyterCellTypes = new HashSet<string>(StringComparer.Ordinal) { "code", "markdown", "raw" };

    // What the package does not check: nbformat 4 (3 has worksheets, not cells; 99 and "four" are no format), a
    // list of cells, and a known cell_type on each. The package reads a cell without one as code.
    private static void CheckJupyterShape(string text, string path)
    {
        JsonDocument json;
        try { json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException e) { throw new NotebookFormatException(path, (int)(e.LineNumber ?? 0) + 1, $"not valid notebook JSON: {Reason(e)}"); }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new NotebookFormatException(path, 1, $"not a notebook: the JSON is {Kind(root)}, not an object");
            if (!root.TryGetProperty("nbformat", out var format)) throw new NotebookFormatException(path, 0, "has no nbformat: not a Jupyter notebook");
            if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out int version) || version != 4)
                throw new NotebookFormatException(path, 0, $"nbformat {Short(format.GetRawText())}: only nbformat 4 notebooks are read " +
                    "(open and save it in Jupyter or VS Code to convert it)");
            if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw new NotebookFormatException(path, 0, "has no list of cells ('cells')");
            int index = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                index++;
                if (cell.ValueKind != JsonValueKind.Object) throw new NotebookFormatException(path, 0, $"cell {index} is {Kind(cell)}, not a cell");
                if (!cell.TryGetProperty("cell_type", out var type)) throw new NotebookFormatException(path, 0, $"cell {index} has no cell_type");
                if (type.ValueKind != JsonValueKind.String || !JupyterCellTypes.Contains(type.GetString()!))
                    throw new NotebookFormatException(path, 0,
                        $"cell {index} has cell_type {Short(type.GetRawText())}; nbformat 4 knows code, markdown and raw");
            }
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an object",
    };

    private static string Short(string raw)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in raw.Length > 40 ? raw[..40] + "..." : raw) sb.Append(c < ' ' ? $"\\x{(int)c:x2}" : c.ToString());
        return sb.ToString();
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

/// <summary>A notebook as read from its file, with the file line each cell starts on (null for an <c>.ipynb</c>).</summary>
public sealed record LoadedNotebook(InteractiveDocument Notebook, IReadOnlyList<int>? FirstLines);

/// <summary>The language names the notebooks' Jupyter metadata uses.</summary>
internal static class Languages
{
    public const string CSharp = "C#";
}
