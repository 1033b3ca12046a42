using System.Net;
using System.Text;
using Markdig;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Export;

/// <summary>
/// Writes the executed course as a static book: for each notebook its executed <c>.ipynb</c> (outputs
/// included, opens in VS Code) and an HTML page with every output and chart, plus an index page. Charts
/// (Plotly.NET's HTML) draw from the copy of plotly.js placed in the book (see <see cref="PlotlyLoader"/>), so the
/// book reads offline; Korean terms render with the
/// copy of Noto Sans KR placed beside it (the Hangul the course uses, regular and bold), so they read on a machine
/// without a Korean font. A chapter's Solutions section is folded: each worked solution sits in a closed
/// <c>&lt;details&gt;</c>, opened by the reader after trying; so is every hidden-checks block of a check cell
/// (the grader's extra cases, which hold answers). The notebooks a chapter <c>#!import</c>s (setup.dib) are
/// copied beside its <c>.ipynb</c>, so the book's notebooks run where they sit, as the chapters do in notebooks/.
/// </summary>
public static class BookExporter
{
    public const string PlotlyFileName = "plotly.min.js";

    /// <summary>The CSS family name of the book's Korean font (and the one the course's charts ask for).</summary>
    public const string KoreanFontFamily = "Noto Sans KR";

    /// <summary>The book's Korean font: regular and bold, cut down to the course's Hangul by the build (Web/subset-korean-font.mjs).</summary>
    public static readonly IReadOnlyList<(string FileName, int Weight)> KoreanFontFiles =
        [("noto-sans-kr-course-400.woff2", 400), ("noto-sans-kr-course-700.woff2", 700)];

    /// <summary>The SIL Open Font License the font comes with; it travels with the font.</summary>
    public const string KoreanFontLicenseFileName = "noto-sans-kr-OFL.txt";

    /// <summary>The code points the Korean font serves (its @font-face unicode-range): Hangul Jamo, compatibility Jamo, syllables.</summary>
    public const string KoreanUnicodeRange = "U+1100-11FF, U+3130-318F, U+AC00-D7AF";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Writes the book into <paramref name="directory"/> and returns its full path.</summary>
    public static string Export(IReadOnlyList<NotebookRun> runs, string directory)
    {
        string dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(dir);
        foreach (var file in Files(runs))
        {
            string target = Path.Combine(dir, file.Name);
            if (file.CopyOf is not null)
            {
                if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(file.CopyOf).Length) File.Copy(file.CopyOf, target, overwrite: true);
            }
            else AtomicFile.WriteAllText(target, file.Text!);
        }
        return dir;
    }

    /// <summary>One file of the book: its name in the book's folder, and its text or the file it is a copy of.</summary>
    public sealed record BookFile(string Name, string? Text, string? CopyOf);

    /// <summary>
    /// Every file of the book of <paramref name="runs"/>, named as <see cref="FileNames"/> says: what a caller
    /// writes all together (the CLI stages them and renames them into place at the end).
    /// </summary>
    public static IReadOnlyList<BookFile> Files(IReadOnlyList<NotebookRun> runs)
    {
        var files = new List<BookFile>();
        bool localPlotly = AssetSource(PlotlyFileName) is { } plotly && Add(files, PlotlyFileName, plotly);
        bool localFont = KoreanFontFiles.All(f => AssetSource(f.FileName) is not null) && AssetSource(KoreanFontLicenseFileName) is not null;
        if (localFont)
        {
            foreach (var (name, _) in KoreanFontFiles) files.Add(new BookFile(name, null, AssetSource(name)));
            files.Add(new BookFile(KoreanFontLicenseFileName, null, AssetSource(KoreanFontLicenseFileName)));
        }
        var ordered = Ordered(runs);
        var stems = PageStems(ordered.Select(r => r.Path).ToList());
        for (int i = 0; i < ordered.Count; i++)
        {
            var run = ordered[i];
            string stem = stems[i];
            if (run.Executed is not null) files.Add(new BookFile(stem + ".ipynb", NotebookFile.ToIpynb(run.Executed), null));
            var previous = i > 0 ? ordered[i - 1] : null;
            var next = i + 1 < ordered.Count ? ordered[i + 1] : null;
            files.Add(new BookFile(stem + ".html", RenderPage(run, localPlotly, previous, next, localFont, StemOf(ordered, stems)), null));
        }
        foreach (var (name, source) in ordered.Where(r => r.Executed is not null).SelectMany(r => ImportedFiles(r.Path, r.Executed!)).DistinctBy(f => f.Name))
            files.Add(new BookFile(name, null, source));
        files.Add(new BookFile("index.html", RenderIndex(ordered, localFont, StemOf(ordered, stems)), null));
        return files;
    }

    /// <summary>
    /// The names of the files the book of the notebooks <paramref name="notebookPaths"/> will have: known before
    /// any notebook runs, so that a caller can check them first (none may replace a file of the user's).
    /// </summary>
    public static IReadOnlyList<string> FileNames(IReadOnlyList<string> notebookPaths)
    {
        var names = new List<string>();
        if (AssetSource(PlotlyFileName) is not null) names.Add(PlotlyFileName);
        if (KoreanFontFiles.All(f => AssetSource(f.FileName) is not null) && AssetSource(KoreanFontLicenseFileName) is not null)
            names.AddRange([.. KoreanFontFiles.Select(f => f.FileName), KoreanFontLicenseFileName]);
        var ordered = notebookPaths.OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal).ThenBy(p => p, StringComparer.Ordinal).ToList();
        foreach (var stem in PageStems(ordered)) names.AddRange([stem + ".ipynb", stem + ".html"]);
        names.AddRange(ordered.SelectMany(ImportedFiles).Select(f => f.Name).Distinct());
        names.Add("index.html");
        return names;
    }

    /// <summary>
    /// The page name (without extension) of each notebook, in the given order: its file name's stem, made unique
    /// where two notebooks share one (<c>a/x.dib</c> and <c>b/x.dib</c>, <c>x.dib</c> and <c>x.ipynb</c>) by
    /// adding <c>-2</c>, <c>-3</c> in that order; compared without case, so the pages stay apart on a file system
    /// that ignores it; never <c>index</c>, the contents page.
    /// </summary>
    public static IReadOnlyList<string> PageStems(IReadOnlyList<string> notebookPaths)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index", Path.GetFileNameWithoutExtension(PlotlyFileName) };
        var stems = new List<string>();
        foreach (var path in notebookPaths)
        {
            string stem = Path.GetFileNameWithoutExtension(path);
            if (stem.Length == 0 || stem.StartsWith('.')) stem = "notebook" + stem;
            string unique = stem;
            for (int n = 2; !taken.Add(unique); n++) unique = $"{stem}-{n}";
            stems.Add(unique);
        }
        return stems;
    }

    private static List<NotebookRun> Ordered(IReadOnlyList<NotebookRun> runs) =>
        runs.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();

    private static Func<NotebookRun, string> StemOf(List<NotebookRun> ordered, IReadOnlyList<string> stems) =>
        run => stems[ordered.IndexOf(run)];

    private static bool Add(List<BookFile> files, string name, string source)
    {
        files.Add(new BookFile(name, null, source));
        return true;
    }

    // An imported notebook (setup.dib) goes beside the .ipynb under the same relative path, so its #!import
    // line resolves; its own relative paths then resolve from the book's folder as from notebooks/ when the
    // book sits beside notebooks/, as the README's `--out book` puts it. Only imports that stay inside the book.
    private static IEnumerable<(string Name, string Source)> ImportedFiles(string notebookPath, InteractiveDocument document)
    {
        string from = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var imports = document.Elements.Where(c => c.KernelName != KernelNames.Markdown).SelectMany(c => NotebookDirectives.Imports(c.Contents));
        foreach (var import in imports.Distinct())
        {
            if (Path.IsPathRooted(import)) continue;
            string name = Path.GetRelativePath(".", import);
            string source = Path.GetFullPath(Path.Combine(from, import));
            if (name.StartsWith("..", StringComparison.Ordinal) || !File.Exists(source)) continue;
            yield return (name, source);
        }
    }

    // Before anything runs the notebooks are read once more for their imports; one that cannot be read has none
    // here (it is refused, with its reason, where the run loads it).
    private static IEnumerable<(string Name, string Source)> ImportedFiles(string notebookPath)
    {
        InteractiveDocument document;
        try { document = NotebookFile.Load(notebookPath); }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException) { return []; }
        return ImportedFiles(notebookPath, document);
    }

    /// <summary>The plotly.js file shipped next to the engine, or null when the build could not restore it.</summary>
    public static string? PlotlySource() => AssetSource(PlotlyFileName);

    /// <summary>A file the build placed next to the engine (plotly.js, the Korean font), or null when it could not.</summary>
    public static string? AssetSource(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, fileName);
        if (File.Exists(path)) return path;
        string beside = Path.Combine(Path.GetDirectoryName(typeof(BookExporter).Assembly.Location)!, fileName);
        return File.Exists(beside) ? beside : null;
    }

    private static bool CopyAsset(string dir, string fileName)
    {
        var source = AssetSource(fileName);
        if (source is null) return false;
        string target = Path.Combine(dir, fileName);
        if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(source).Length) File.Copy(source, target, overwrite: true);
        return true;
    }

    /// <summary>Copies the Korean font and its licence into <paramref name="dir"/>; false when the build could not make them.</summary>
    public static bool CopyKoreanFont(string dir) =>
        KoreanFontFiles.All(f => AssetSource(f.FileName) is not null) && AssetSource(KoreanFontLicenseFileName) is not null
        && KoreanFontFiles.All(f => CopyAsset(dir, f.FileName)) && CopyAsset(dir, KoreanFontLicenseFileName);

    /// <summary>The @font-face rules of the book's Korean font, whose files sit beside the page.</summary>
    public static string KoreanFontFaces() => string.Concat(KoreanFontFiles.Select(f =>
        $"@font-face {{ font-family: '{KoreanFontFamily}'; font-style: normal; font-weight: {f.Weight}; font-display: swap; " +
        $"src: url('{f.FileName}') format('woff2'); unicode-range: {KoreanUnicodeRange}; }}\n"));

    internal static string RenderPage(NotebookRun run, bool localPlotly, NotebookRun? previous, NotebookRun? next, bool localFont = false,
        Func<NotebookRun, string>? stemOf = null)
    {
        string Link(NotebookRun r) => LinkTo(r, stemOf);
        var html = new StringBuilder();
        string title = TitleOf(run);
        Head(html, title, localPlotly, localFont);
        html.Append("<nav><a href=\"index.html\">Contents</a>");
        if (previous is not null) html.Append($" · <a href=\"{Link(previous)}\">← {Enc(TitleOf(previous))}</a>");
        if (next is not null) html.Append($" · <a href=\"{Link(next)}\">{Enc(TitleOf(next))} →</a>");
        html.Append("</nav>\n<main>\n");
        if (run.LoadError is not null)
            html.Append($"<div class=\"error\"><strong>This notebook could not be read.</strong><pre>{Enc(run.LoadError)}</pre></div>\n");
        var cells = run.Executed?.Elements ?? [];
        // The worked solutions at the end of a chapter stay folded: a reader opens one after trying.
        int solutionsStart = run.Executed is null ? -1 : ExerciseMarkers.SolutionsStart(run.Executed);
        var solutionNames = run.Executed is null
            ? new Dictionary<int, string>()
            : ExerciseMarkers.Solutions(run.Executed).ToDictionary(s => s.CellIndex, s => s.Name);
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var result = i < run.Cells.Count ? run.Cells[i] : null;
            bool folded = solutionsStart >= 0 && i > solutionsStart && solutionNames.ContainsKey(i);
            if (folded) html.Append($"<details class=\"solution\"><summary>Solution: {Enc(solutionNames[i])}</summary>\n");
            if (cell.KernelName == KernelNames.Markdown)
            {
                html.Append("<section class=\"markdown\">").Append(Markdig.Markdown.ToHtml(cell.Contents, Markdown)).Append("</section>\n");
                continue;
            }
            string status = result?.Status switch
            {
                CellStatus.Passed => "passed",
                CellStatus.Failed => "failed",
                CellStatus.NotRun => "notrun",
                _ => "",
            };
            html.Append($"<section class=\"cell {status}\" id=\"cell-{i + 1}\">");
            string notRun = result is { Status: CellStatus.NotRun } ? " · not run" : "";
            string took = result is { Status: CellStatus.Passed } ? $" · {result.Duration.TotalSeconds:0.00} s" : "";
            html.Append($"<div class=\"cellhead\">[{i + 1}] {Enc(cell.KernelName ?? "")}{notRun}{took}</div>");
            AppendSource(html, cell.Contents);
            foreach (var output in cell.Outputs) AppendOutput(html, output);
            html.Append("</section>\n");
            if (folded) html.Append("</details>\n");
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    // A cell's code; in a check cell each hidden-checks block is folded like a solution, under its own summary,
    // so the visible checks read first and the grader's extra cases (answers among them) stay closed.
    private static void AppendSource(StringBuilder html, string code)
    {
        if (!code.Contains(ExerciseMarkers.BeginHidden, StringComparison.Ordinal))
        {
            html.Append($"<pre class=\"source\"><code>{Enc(code)}</code></pre>");
            return;
        }
        var part = new StringBuilder();
        bool hidden = false;
        void Close()
        {
            string text = part.ToString().TrimEnd('\n');
            part.Clear();
            if (text.Length == 0 && !hidden) return;
            if (hidden) html.Append("<details class=\"hidden-checks\"><summary>Hidden checks (the grader's extra cases; try the exercise first)</summary>");
            html.Append($"<pre class=\"source\"><code>{Enc(text)}</code></pre>");
            if (hidden) html.Append("</details>");
        }
        foreach (var line in ExerciseMarkers.Lines(code))
        {
            string trimmed = line.Trim();
            if (!hidden && trimmed == ExerciseMarkers.BeginHidden) { Close(); hidden = true; part.Append(line).Append('\n'); continue; }
            part.Append(line).Append('\n');
            if (hidden && trimmed == ExerciseMarkers.EndHidden) { Close(); hidden = false; }
        }
        Close();
    }

    private static void AppendOutput(StringBuilder html, InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement text:
                html.Append($"<pre class=\"{(text.Name == "stderr" ? "stderr" : "stdout")}\">{Enc(text.Text)}</pre>");
                break;
            case ErrorElement error:
                html.Append($"<pre class=\"error\">{Enc(error.ErrorName)}: {Enc(error.ErrorValue)}</pre>");
                break;
            case DisplayElement or ReturnValueElement:
                if (OutputData.Get(output, "text/html") is { } h) html.Append($"<div class=\"output\">{h}</div>");
                else if (OutputData.Get(output, "image/svg+xml") is { } svg) html.Append($"<div class=\"output\">{svg}</div>");
                else if (OutputData.Get(output, "image/png") is { } png)
                    html.Append($"<div class=\"output\"><img src=\"data:image/png;base64,{png.Trim()}\"></div>");
                else if (OutputData.Get(output, "text/plain") is { } t) html.Append($"<pre class=\"output\">{Enc(t)}</pre>");
                break;
        }
    }

    internal static string RenderIndex(IReadOnlyList<NotebookRun> runs, bool localFont = false, Func<NotebookRun, string>? stemOf = null)
    {
        string Link(NotebookRun r) => LinkTo(r, stemOf);
        var html = new StringBuilder();
        Head(html, "MemoryCourse — the executed course", localPlotly: false, localFont);
        html.Append("<main>\n<h1>MemoryCourse</h1>\n");
        html.Append("<p>An interactive course on process memory, executed. Each chapter below shows every cell with its outputs and charts.</p>\n");
        html.Append("<table class=\"contents\"><thead><tr><th>chapter</th><th>result</th><th>cells</th><th>time</th><th>notebook</th></tr></thead><tbody>\n");
        foreach (var run in runs)
        {
            string stem = stemOf?.Invoke(run) ?? Path.GetFileNameWithoutExtension(run.Path);
            string result = run.LoadError is not null ? "unreadable" : run.Passed ? "passed" : Enc(run.Describe());
            int code = run.Cells.Count(c => c.Status is CellStatus.Passed or CellStatus.Failed);
            html.Append($"<tr class=\"{(run.Passed ? "passed" : "failed")}\"><td><a href=\"{Link(run)}\">{Enc(TitleOf(run))}</a></td>");
            html.Append($"<td>{result}</td><td>{code}</td><td>{run.Duration.TotalSeconds:0.0} s</td>");
            html.Append(run.Executed is null ? "<td></td></tr>\n" : $"<td><a href=\"{Uri.EscapeDataString(stem)}.ipynb\">{Enc(stem)}.ipynb</a></td></tr>\n");
        }
        html.Append("</tbody></table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string LinkTo(NotebookRun run, Func<NotebookRun, string>? stemOf) =>
        Uri.EscapeDataString(stemOf?.Invoke(run) ?? Path.GetFileNameWithoutExtension(run.Path)) + ".html";

    // The first markdown heading names the chapter; the file name when there is none.
    internal static string TitleOf(NotebookRun run) => NotebookTitle.Of(run.Executed, run.Path);

    private static void Head(StringBuilder html, string title, bool localPlotly, bool localFont)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{Enc(title)}</title>\n");
        if (localPlotly) html.Append(PlotlyLoader.HeadScripts(PlotlyFileName));
        html.Append("<style>\n");
        if (localFont) html.Append(KoreanFontFaces());
        html.Append(Style).Append("</style>\n</head>\n<body>\n");
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    // The Korean font comes first in every font list: its unicode-range gives it Hangul only, so Latin text goes on
    // to the next family, and Chromium loads it as a first choice (waiting for it) rather than as a late fallback,
    // which it may leave drawn as empty boxes.
    private static readonly string Style = $$"""
        body { font-family: '{{KoreanFontFamily}}', system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem 2rem;
               color: #1d1d1f; line-height: 1.5; }
        nav { font-size: .9rem; margin-bottom: 1rem; }
        pre { overflow-x: auto; padding: .5rem .75rem; border-radius: 4px; }
        pre, code { font-family: '{{KoreanFontFamily}}', monospace; font-size: .8125em; }
        pre code { font-size: inherit; }
        pre.source { background: #f5f5f7; border-left: 3px solid #8e8e93; }
        .cell.failed pre.source { border-left-color: #d70015; }
        .cell.notrun { opacity: .55; }
        .cellhead { font-size: .75rem; color: #6e6e73; margin-top: 1rem; }
        pre.stdout, pre.output { background: #fff; border: 1px solid #e5e5ea; }
        pre.stdout, pre.stderr, pre.output, pre.error { white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.stderr { background: #fff8e6; }
        pre.error, div.error { background: #ffecec; color: #a00; }
        table { border-collapse: collapse; margin: .5rem 0; }
        div.output { overflow-x: auto; max-width: 100%; }
        th, td { border: 1px solid #e5e5ea; padding: .2rem .5rem; text-align: left; vertical-align: top; }
        tr.failed td { background: #ffecec; }
        .markdown h1 { border-bottom: 1px solid #e5e5ea; }
        details.solution { margin: .5rem 0; }
        details.solution > summary { cursor: pointer; font-weight: 600; }
        details.hidden-checks > summary { cursor: pointer; font-size: .85rem; color: #6e6e73; }
        """;
}
