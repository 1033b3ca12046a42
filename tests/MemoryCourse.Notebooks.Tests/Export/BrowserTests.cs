using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Export;

/// <summary>
/// The executed book in a real browser: headless Chromium loads the exported page, offline, and plotly must
/// have drawn every trace of the chart. The same run renders the chart to a PNG; with
/// MEMCOURSE_UPDATE_IMAGES=1 the PNG is written into images/ (that is how the README's figures are made).
/// </summary>
public class BrowserTests : IClassFixture<BrowserTests.StartHereBook>
{
    public sealed class StartHereBook
    {
        public NotebookRun Run { get; }
        public string BookDir { get; }

        public StartHereBook()
        {
            Run = NotebookRunner.RunAsync(Path.Combine(RepoPaths.Notebooks, "00-start-here.dib"), RunOptions.Default).GetAwaiter().GetResult();
            BookDir = Directory.CreateTempSubdirectory("memcourse-book-").FullName;
            BookExporter.Export([Run], BookDir);
        }
    }

    private readonly StartHereBook _book;

    public BrowserTests(StartHereBook book) => _book = book;

    [Fact]
    public void The_book_page_loads_plotly_from_its_own_folder()
    {
        Assert.True(_book.Run.Passed, _book.Run.Describe());
        string page = File.ReadAllText(Path.Combine(_book.BookDir, "00-start-here.html"));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.True(File.Exists(Path.Combine(_book.BookDir, "plotly.min.js")));
        Assert.True(File.Exists(Path.Combine(_book.BookDir, "00-start-here.ipynb")));
        Assert.True(File.Exists(Path.Combine(_book.BookDir, "index.html")));
    }

    [Fact]
    public void The_book_page_carries_its_korean_font_and_licence_beside_it()
    {
        string page = File.ReadAllText(Path.Combine(_book.BookDir, "00-start-here.html"));
        foreach (var (file, weight) in BookExporter.KoreanFontFiles)
        {
            string face = $"font-weight: {weight}; font-display: swap; src: url('{file}') format('woff2'); " +
                $"unicode-range: {BookExporter.KoreanUnicodeRange};";
            Assert.Contains(face, page);
            var font = new FileInfo(Path.Combine(_book.BookDir, file));
            Assert.True(font.Exists, $"{file} is not beside the page");
            // Cut down to the course's Hangul: some kilobytes, where the whole Korean Noto Sans is half a megabyte.
            Assert.InRange(font.Length, 2_000, 100_000);
        }
        Assert.Contains("SIL OPEN FONT LICENSE", File.ReadAllText(Path.Combine(_book.BookDir, BookExporter.KoreanFontLicenseFileName)));
        Assert.Contains($"body {{ font-family: '{BookExporter.KoreanFontFamily}', system-ui, sans-serif;", page);
    }

    // What a reader sees: the top of the start page (the first paragraph names 가상 주소 공간, 페이징, 단편화) drawn
    // as the book has it and with the font's file missing. On a machine without a Korean font the second shows
    // empty boxes; the two screenshots must differ, and drawing the page twice must not (so the difference is the font).
    [NoKoreanSystemFontFact]
    public void The_korean_words_on_the_page_look_different_without_the_shipped_font()
    {
        string dir = _book.BookDir;
        string page = Path.Combine(dir, "00-start-here.html");
        string html = File.ReadAllText(page);
        Assert.Contains("가상 주소", html);
        string withoutFont = Path.Combine(dir, "00-start-here.without-font.html");
        string broken = BookExporter.KoreanFontFiles.Aggregate(html, (h, f) => h.Replace($"url('{f.FileName}')", $"url('missing-{f.FileName}')"));
        File.WriteAllText(withoutFont, broken);
        byte[] Shot(string path, string name)
        {
            string png = Path.Combine(dir, name + ".png");
            Chromium.Screenshot(path, png, 1000, 260);
            return File.ReadAllBytes(png);
        }
        var withFont = Shot(page, "top-with-font");
        Assert.Equal(withFont, Shot(page, "top-with-font-again"));
        Assert.NotEqual(withFont, Shot(withoutFont, "top-without-font"));
    }

    [Fact]
    public void Chromium_draws_every_trace_of_the_chart_in_the_exported_page()
    {
        string dom = Chromium.DumpDom(Path.Combine(_book.BookDir, "00-start-here.html"));
        // The start-here chart has two line traces; plotly draws each as a <g class="trace scatter"> group.
        Assert.Equal(2, Regex.Matches(dom, "class=\"trace scatter").Count);
        Assert.Contains("Size of one flat page table", dom);
    }

    [Fact]
    public void The_chart_renders_to_a_png()
    {
        string chart = _book.Run.Executed!.Elements.SelectMany(c => c.Outputs)
            .Select(o => OutputData.Get(o, "text/html") ?? "").First(ChartPage.IsChart);
        string dir = Directory.CreateTempSubdirectory("memcourse-chart-").FullName;
        string page = ChartPage.Write(chart, dir, "page-table-size");
        string png = Path.Combine(dir, "page-table-size.png");
        Chromium.Screenshot(page, png, 900, 440);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.True(bytes.Length > 10_000, $"the PNG is only {bytes.Length} bytes: was anything drawn?");
        if (Environment.GetEnvironmentVariable("MEMCOURSE_UPDATE_IMAGES") == "1")
            File.Copy(png, Path.Combine(RepoPaths.Images, "page-table-size.png"), overwrite: true);
    }
}
