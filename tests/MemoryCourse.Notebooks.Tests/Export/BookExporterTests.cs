using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Export;

public class BookExporterTests
{
    private static NotebookRun Sample(string name, bool failed)
    {
        var notebook = Notebooks.Of(("markdown", "# Chapter " + name + "\n\nSome **bold** text."), ("csharp", "var x = 1 < 2;"));
        notebook.Elements[1].Outputs.Add(new TextElement("a < b\n", "stdout"));
        notebook.Elements[1].Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = "<table><tr><td>7</td></tr></table>" }));
        var results = new List<CellResult>
        {
            new(1, "markdown", CellStatus.Text, [], null, TimeSpan.Zero),
            failed
                ? new(2, "csharp", CellStatus.Failed, [], new CellFailure(FailureKind.Exception, 1, "System.Exception: boom"), TimeSpan.FromSeconds(1))
                : new(2, "csharp", CellStatus.Passed, notebook.Elements[1].Outputs, null, TimeSpan.FromSeconds(1)),
        };
        return new NotebookRun($"/x/{name}.dib", notebook, results, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Pages_render_markdown_escape_text_and_keep_html_outputs()
    {
        string html = BookExporter.RenderPage(Sample("01-a", false), localPlotly: true, null, null);
        Assert.Contains("<h1", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("var x = 1 &lt; 2;", html);
        Assert.Contains("a &lt; b", html);
        Assert.Contains("<table><tr><td>7</td></tr></table>", html);
    }

    [Fact]
    public void Pages_ask_for_the_korean_font_first_and_declare_it_when_the_book_has_it()
    {
        string with = BookExporter.RenderPage(Sample("01-a", false), localPlotly: true, null, null, localFont: true);
        Assert.Contains($"@font-face {{ font-family: '{BookExporter.KoreanFontFamily}'; font-style: normal; font-weight: 400;", with);
        Assert.Contains("src: url('noto-sans-kr-course-700.woff2') format('woff2'); unicode-range: U+1100-11FF, U+3130-318F, U+AC00-D7AF;", with);
        Assert.Contains("pre, code { font-family: 'Noto Sans KR', monospace;", with);
        string without = BookExporter.RenderPage(Sample("01-a", false), localPlotly: true, null, null);
        Assert.DoesNotContain("@font-face", without);
        Assert.Contains("@font-face", BookExporter.RenderIndex([Sample("01-a", false)], localFont: true));
    }

    [Fact]
    public void A_chapters_solutions_are_folded_at_its_end_and_none_shows_before_the_Solutions_heading()
    {
        string path = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");
        var notebook = NotebookFile.Load(path);
        var run = new NotebookRun(path, notebook, [], null, TimeSpan.Zero, TimeSpan.Zero);
        string html = BookExporter.RenderPage(run, localPlotly: false, null, null);
        int heading = html.IndexOf("<h2 id=\"solutions\">Solutions</h2>", StringComparison.Ordinal);
        Assert.True(heading > 0, "the page has a Solutions heading");
        var solutions = ExerciseMarkers.Solutions(notebook);
        Assert.Equal(3, solutions.Count);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<details class=\"solution\">").Count);
        foreach (var solution in solutions)
        {
            int details = html.IndexOf($"<details class=\"solution\"><summary>Solution: {solution.Name}</summary>", StringComparison.Ordinal);
            Assert.True(details > heading, $"{solution.Name} is folded after the heading");
            string code = System.Net.WebUtility.HtmlEncode(notebook.Elements[solution.CellIndex].Contents);
            int at = html.IndexOf(code, StringComparison.Ordinal);
            Assert.True(at > details && at < html.IndexOf("</details>", details, StringComparison.Ordinal), $"{solution.Name}'s code is inside its <details>");
            // The worked answer's own lines (those the starting code lacks) never appear before the heading.
            foreach (var line in notebook.Elements[solution.CellIndex].Contents.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0))
                if (!notebook.Elements[ExerciseMarkers.Exercises(notebook).Single(e => e.Name == solution.Name).CellIndex].Contents.Contains(line))
                    Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(line), html[..heading]);
        }
    }

    [Fact]
    public void The_index_lists_every_chapter_with_its_result()
    {
        string html = BookExporter.RenderIndex([Sample("01-a", false), Sample("02-b", true)]);
        Assert.Contains("href=\"01-a.html\">Chapter 01-a</a>", html);
        Assert.Contains("02-b.dib: cell 2, line 1: Exception: System.Exception: boom", html);
        Assert.Contains("href=\"02-b.ipynb\"", html);
    }

    [Fact]
    public void Export_writes_a_page_and_an_executed_notebook_per_chapter()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-export-").FullName;
        BookExporter.Export([Sample("01-a", false), Sample("02-b", true)], dir);
        foreach (var f in new[] { "index.html", "01-a.html", "01-a.ipynb", "02-b.html", "02-b.ipynb" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var back = NotebookFile.Load(Path.Combine(dir, "01-a.ipynb"));
        Assert.Equal("a < b\n", ((TextElement)back.Elements[1].Outputs[0]).Text);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Every_hidden_checks_block_is_folded_and_no_hidden_line_shows_outside_its_fold()
    {
        string path = Path.Combine(RepoPaths.Notebooks, "06-process-and-os.dib");
        var notebook = NotebookFile.Load(path);
        string html = BookExporter.RenderPage(new NotebookRun(path, notebook, [], null, TimeSpan.Zero, TimeSpan.Zero), localPlotly: false, null, null);
        var withHidden = ExerciseMarkers.Checks(notebook)
            .Where(c => notebook.Elements[c.CellIndex].Contents.Contains("// BEGIN HIDDEN CHECKS")).ToList();
        Assert.NotEmpty(withHidden);
        Assert.Equal(withHidden.Count, System.Text.RegularExpressions.Regex.Matches(html, "<details class=\"hidden-checks\">").Count);
        // Outside the folds (solutions and hidden checks), not one line of a hidden block is left.
        string open = System.Text.RegularExpressions.Regex.Replace(html, "<details class=\"(hidden-checks|solution)\">.*?</details>", "",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        foreach (var check in withHidden)
        {
            var lines = notebook.Elements[check.CellIndex].Contents.Replace("\r\n", "\n").Split('\n');
            int begin = Array.FindIndex(lines, l => l.Trim() == "// BEGIN HIDDEN CHECKS");
            int end = Array.FindIndex(lines, l => l.Trim() == "// END HIDDEN CHECKS");
            foreach (var line in lines[(begin + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0))
                Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(line), open);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(lines[0]), open); // the visible checks still read first
        }
    }

    [Fact]
    public void Output_blocks_wrap_so_no_hint_runs_off_the_page()
    {
        string html = BookExporter.RenderPage(Sample("01-a", false), localPlotly: false, null, null);
        Assert.Contains("pre.stdout, pre.stderr, pre.output, pre.error { white-space: pre-wrap; overflow-wrap: anywhere; }", html);
    }

    [Fact]
    public void Export_puts_the_notebooks_a_chapter_imports_beside_its_ipynb()
    {
        string root = Directory.CreateTempSubdirectory("memcourse-export-imports-").FullName;
        try
        {
            string notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
            File.WriteAllText(Path.Combine(notebooks, "setup.dib"), "#!csharp\n\nvar shared = 1;\n");
            var notebook = Notebooks.Of(("csharp", "#!import setup.dib"), ("csharp", "shared + 1"));
            var run = new NotebookRun(Path.Combine(notebooks, "01-a.dib"), notebook, [], null, TimeSpan.Zero, TimeSpan.Zero);
            string book = Path.Combine(root, "book");
            BookExporter.Export([run], book + Path.DirectorySeparatorChar); // as a shell's completion writes it
            Assert.Equal(File.ReadAllText(Path.Combine(notebooks, "setup.dib")), File.ReadAllText(Path.Combine(book, "setup.dib")));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
