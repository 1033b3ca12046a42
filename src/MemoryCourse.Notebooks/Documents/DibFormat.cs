using System.Text;
using System.Text.Json;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// Reads and writes the Polyglot Notebooks <c>.dib</c> format: an optional <c>#!meta</c> line followed by
/// one line of kernelInfo JSON, then cells, each started by a line <c>#!kernel</c> where <c>kernel</c> is a
/// known kernel name or alias. Any other <c>#!</c> line (<c>#!import</c>, <c>#!time</c>) is a magic command
/// inside the current cell. A cell's leading and trailing blank lines are not part of its source. A document
/// read and written back unchanged is byte-identical; new or edited cells are written in the canonical layout
/// (<c>#!kernel</c>, a blank line, the source, a blank line).
/// </summary>
public static class DibFormat
{

    /// <summary>Reads a <c>.dib</c> file. Throws <see cref="NotebookFormatException"/> naming the line of a problem.</summary>
    public static Notebook Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, 0, $"cannot read the file: {e.Message}");
        }
        return Parse(DecodeUtf8(bytes, path), path);
    }

    internal static string DecodeUtf8(byte[] bytes, string path)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new NotebookFormatException(path, 0, "the file is not UTF-8 text (is it a notebook?)");
        }
    }

    /// <summary>Parses <c>.dib</c> text; <paramref name="path"/> is used only in error messages.</summary>
    public static Notebook Parse(string text, string path = "<notebook>")
    {
        string newLine = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = TextLines.SplitKeepingEndings(text);

        // Find the header lines that start cells.
        var starts = new List<(int Line, string Kernel)>();
        bool seenContent = false;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd('\r', '\n');
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string name = line[2..].TrimEnd();
                if (!seenContent && name == "meta") { starts.Add((i, "meta")); seenContent = true; continue; }
                if (KernelNames.IsKnown(name)) { starts.Add((i, name)); seenContent = true; continue; }
            }
            if (line.Trim().Length > 0) seenContent = true;
        }

        string? kernelInfo = null;
        var cells = new List<NotebookCell>();
        int firstHeader = starts.Count > 0 ? starts[0].Line : lines.Count;
        string rawHeader = string.Concat(lines.Take(firstHeader));

        // Text before the first #!kernel line belongs to a cell of the default kernel.
        if (rawHeader.Trim().Length > 0)
        {
            cells.Add(new NotebookCell(KernelNames.CSharp, TrimBlankLines(rawHeader))
            {
                RawBody = rawHeader, NewLine = newLine, FirstSourceLine = FirstNonBlank(lines, 0, firstHeader),
            });
            rawHeader = "";
        }

        for (int s = 0; s < starts.Count; s++)
        {
            var (line, kernel) = starts[s];
            int end = s + 1 < starts.Count ? starts[s + 1].Line : lines.Count;
            string headerLine = lines[line];
            string body = string.Concat(lines.Skip(line + 1).Take(end - line - 1));
            string source = TrimBlankLines(body);
            if (kernel == "meta")
            {
                if (s != 0 || cells.Count > 0)
                    throw new NotebookFormatException(path, line + 1, "#!meta must be the first line of the notebook");
                var jsonLines = source.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
                if (jsonLines.Count != 1)
                    throw new NotebookFormatException(path, line + 2, "#!meta must be followed by exactly one line of kernelInfo JSON");
                int jsonLine = FirstNonBlank(lines, line + 1, end) + 1;
                ValidateKernelInfo(jsonLines[0], path, jsonLine);
                kernelInfo = jsonLines[0];
                rawHeader += headerLine + body;
                continue;
            }
            cells.Add(new NotebookCell(kernel, source)
            {
                RawBody = headerLine + body, NewLine = newLine, FirstSourceLine = FirstNonBlank(lines, line + 1, end),
            });
        }
        return new Notebook(cells, kernelInfo) { RawHeader = rawHeader.Length > 0 ? rawHeader : null, NewLine = newLine };
    }

    private static void ValidateKernelInfo(string json, string path, int line)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("kernelInfo", out var info) ||
                info.ValueKind != JsonValueKind.Object)
                throw new NotebookFormatException(path, line, "the #!meta JSON has no \"kernelInfo\" object");
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, line, $"the #!meta line is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Writes a notebook as <c>.dib</c> text.</summary>
    public static string Write(Notebook notebook)
    {
        string nl = notebook.NewLine;
        var sb = new StringBuilder();
        if (notebook.RawHeader is not null && (notebook.KernelInfoJson is null || notebook.RawHeader.Contains(notebook.KernelInfoJson)))
            sb.Append(notebook.RawHeader);
        else if (notebook.KernelInfoJson is not null)
            sb.Append("#!meta").Append(nl).Append(nl).Append(notebook.KernelInfoJson).Append(nl).Append(nl);

        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.RawBody is not null && TrimBlankLines(RemoveHeader(cell.RawBody, cell.Kernel)) == cell.Source)
            {
                sb.Append(cell.RawBody);
                continue;
            }
            if (sb.Length > 0 && !EndsWithBlankLine(sb, nl)) sb.Append(nl);
            sb.Append("#!").Append(cell.Kernel).Append(nl).Append(nl).Append(cell.Source.Replace("\r\n", "\n").Replace("\n", nl)).Append(nl);
            if (i + 1 < notebook.Cells.Count) sb.Append(nl);
        }
        return sb.ToString();
    }

    /// <summary>Writes a notebook to a <c>.dib</c> file atomically (a reader never sees half a file).</summary>
    public static void Save(Notebook notebook, string path) => AtomicFile.WriteAllText(path, Write(notebook));

    private static string RemoveHeader(string raw, string kernel)
    {
        string header = "#!" + kernel;
        if (!raw.StartsWith(header, StringComparison.Ordinal)) return raw; // the preamble cell has no header
        int nl = raw.IndexOf('\n');
        return nl < 0 ? "" : raw[(nl + 1)..];
    }

    private static bool EndsWithBlankLine(StringBuilder sb, string nl)
    {
        string end = nl + nl;
        if (sb.Length < end.Length) return false;
        return sb.ToString(sb.Length - end.Length, end.Length) == end;
    }

    private static int FirstNonBlank(List<string> lines, int from, int to)
    {
        for (int i = from; i < to; i++) if (lines[i].Trim().Length > 0) return i;
        return from;
    }

    /// <summary>Drops leading and trailing blank lines and the final line break; inner text is untouched.</summary>
    internal static string TrimBlankLines(string body)
    {
        var lines = body.Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        return string.Join("\n", lines);
    }
}
