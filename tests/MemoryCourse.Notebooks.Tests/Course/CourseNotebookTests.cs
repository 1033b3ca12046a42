using System.Collections.Concurrent;
using MemoryCourse.Notebooks.Documents;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;
using MemoryCourse.Notebooks.Tests.Export;

namespace MemoryCourse.Notebooks.Tests.Course;

/// <summary>
/// Every chapter of the course is a test: all of them run once (in parallel, each in its own process,
/// exactly as <c>memcourse run notebooks</c> does), and each is one test case that fails with the notebook,
/// cell, line and message of its first failing cell.
/// </summary>
public class CourseNotebookTests : IClassFixture<CourseNotebookTests.CourseRun>
{
    public sealed class CourseRun
    {
        public IReadOnlyDictionary<string, NotebookRun> ByName { get; } =
            NotebookRunner.RunAllAsync(Notebooks().Select(n => Path.Combine(RepoPaths.Notebooks, n)).ToList(), RunOptions.Default)
                .GetAwaiter().GetResult().ToDictionary(r => r.Name);

        private readonly Lazy<string> _book;
        private readonly ConcurrentDictionary<string, Lazy<(string Dom, BookProbe.Report Report)>> _probes = new();

        public CourseRun() => _book = new(() =>
        {
            string book = Directory.CreateTempSubdirectory("memcourse-course-book-").FullName;
            BookExporter.Export(ByName.Values.ToList(), book);
            return book;
        });

        /// <summary>The executed book of the whole course, written once.</summary>
        public string Book => _book.Value;

        /// <summary>A chapter's page of the book as headless Chromium drew it, looked at once (see <see cref="BookProbe"/>).</summary>
        internal (string Dom, BookProbe.Report Report) Probe(NotebookRun run) =>
            _probes.GetOrAdd(run.Name, _ => new(() => BookProbe.Inspect(Path.Combine(Book, Path.GetFileNameWithoutExtension(run.Name) + ".html")))).Value;
    }

    // The chapters, as `memcourse run notebooks` runs them: setup.dib runs inside each chapter that imports it.
    private static IEnumerable<string> Notebooks() =>
        ImportedNotebooks.Without(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Order(StringComparer.Ordinal).ToList())
            .Select(Path.GetFileName).OfType<string>();

    public static TheoryData<string> All() => new(Notebooks());

    private readonly CourseRun _course;

    public CourseNotebookTests(CourseRun course) => _course = course;

    [Theory]
    [MemberData(nameof(All))]
    public void Notebook_runs_top_to_bottom(string notebook)
    {
        var run = _course.ByName[notebook];
        Assert.True(run.Passed, run.Describe());
    }

    public static TheoryData<string> Chapters() => new(Notebooks().Where(n => char.IsDigit(n[0])));

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_check_hidden_ones_included_says_not_yet_on_the_starting_code(string chapter)
    {
        // The chapter runs with its exercises as a learner first finds them: a check that passes here would tell a
        // learner who has done nothing that they passed.
        var run = _course.ByName[chapter];
        Assert.True(run.Passed, run.Describe());
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        var checkCells = ExerciseMarkers.Checks(source).Select(c => c.CellIndex + 1).ToList();
        Assert.Equal(checkCells, run.Checks.Select(c => c.Cell).Distinct());
        Assert.Empty(run.Checks.Where(c => c.Passed).Select(c => $"{chapter}, cell {c.Cell}: {c.Text}"));
    }

    [Fact]
    public void Every_chart_of_every_chapter_draws_in_a_real_browser()
    {
        // The executed book, opened offline in headless Chromium: each chart output must become a plotly plot, and
        // within a chart no two series may share a colour (plotly's own ten colours repeat from the eleventh).
        string book = _course.Book;
        foreach (var run in _course.ByName.Values.Where(r => r.Executed is not null).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var charts = run.Executed!.Elements.SelectMany(c => c.Outputs)
                .Count(o => OutputData.Get(o, "text/html") is { } h && ChartPage.IsChart(h));
            if (charts == 0) continue;
            var (dom, report) = _course.Probe(run);
            Assert.True(report.Errors.Count == 0, $"{run.Name}: the probe failed: {string.Join("; ", report.Errors)}");
            Assert.True(report.Requests is { Count: 0 }, $"{run.Name}: the page fetched {string.Join(", ", report.Requests ?? [])}");
            Assert.True(charts == Regex.Matches(dom, "class=\"plot-container plotly\"").Count,
                $"{run.Name}: {charts} charts in the notebook, {Regex.Matches(dom, "class=\"plot-container plotly\"").Count} drawn by plotly");
            Assert.Equal(charts, report.Charts.Count);
            foreach (var chart in report.Charts)
            {
                var shared = chart.Traces.GroupBy(t => t.Colour).Where(g => g.Count() > 1)
                    .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Name))}").ToList();
                Assert.True(shared.Count == 0, $"{run.Name}, chart '{chart.Title}': series share a colour ({string.Join("; ", shared)})");
                Assert.DoesNotContain(chart.Traces, t => string.IsNullOrEmpty(t.Colour));
            }
        }
        // With MEMCOURSE_UPDATE_IMAGES=1, the README's figures are rendered from the chapters' first charts.
        if (Environment.GetEnvironmentVariable("MEMCOURSE_UPDATE_IMAGES") == "1")
            foreach (var (chapter, image) in new[] { ("03-garbage-collection.dib", "gc-generations"), ("04-heap-fragmentation.dib", "heap-fragmentation") })
            {
                string chart = _course.ByName[chapter].Executed!.Elements.SelectMany(c => c.Outputs)
                    .Select(o => OutputData.Get(o, "text/html") ?? "").First(ChartPage.IsChart);
                string page = ChartPage.Write(chart, book, image);
                Chromium.Screenshot(page, Path.Combine(RepoPaths.Images, image + ".png"), 900, 460);
            }
    }

    // Each chapter's charts in the browser, read as a learner reads them: every chart draws something (or says why it
    // has nothing), no label sticks out of its chart or lies under an axis title (chapter 05's long pmap mapping names
    // did), the title stays clear of plotly's toolbar and the legend sits beside the plot, not on it.
    [Theory]
    [MemberData(nameof(All))]
    public void The_charts_of_the_chapter_are_readable(string notebook)
    {
        var run = _course.ByName[notebook];
        Assert.True(run.Executed is not null, run.Describe());
        bool hasCharts = run.Executed!.Elements.SelectMany(c => c.Outputs).Any(o => OutputData.Get(o, "text/html") is { } h && ChartPage.IsChart(h));
        if (!hasCharts) return;
        var report = _course.Probe(run).Report;
        Assert.True(report.Errors.Count == 0, $"{notebook}: the probe failed: {string.Join("; ", report.Errors)}");
        foreach (var chart in report.Charts)
        {
            string which = $"{notebook}, chart '{chart.Title}'";
            Assert.True(chart.Marks > 0 || chart.SaysWhyEmpty, $"{which}: nothing is drawn and the chart does not say why");
            Assert.True(chart.Overflows is { Count: 0 }, $"{which}: {string.Join("; ", chart.Overflows ?? [])}");
            Assert.False(chart.TitleUnderToolbar, $"{which}: the title runs under plotly's toolbar");
            Assert.False(chart.LegendOverPlot, $"{which}: the legend covers the plot");
        }
    }

    // Tables show their columns: no chapter leaves a list of records to the kernel's collapsed rows (▶ { A = 1, ... }).
    [Fact]
    public void No_chapter_shows_records_as_collapsed_rows()
    {
        foreach (var run in _course.ByName.Values.Where(r => r.Executed is not null).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var collapsed = MovingChartsTests.CollapsedRecords(run).ToList();
            Assert.True(collapsed.Count == 0, $"{run.Name}: records shown as collapsed rows: {string.Join(" | ", collapsed.Take(3))}");
        }
    }

    // Every chart that moves, in the browser: its slider has a step per frame, and moving it redraws the chart.
    [Fact]
    public void Every_slider_of_every_chapter_moves_its_chart()
    {
        int sliders = 0;
        foreach (var run in _course.ByName.Values.Where(r => r.Executed is not null).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            bool moves = run.Executed!.Elements.SelectMany(c => c.Outputs)
                .Any(o => OutputData.Get(o, "text/html") is { } h && ChartPage.IsChart(h) && h.Contains("\"sliders\"", StringComparison.Ordinal));
            if (!moves) continue;
            var report = _course.Probe(run).Report;
            Assert.True(report.Errors.Count == 0, $"{run.Name}: the probe failed: {string.Join("; ", report.Errors)}");
            foreach (var slider in report.Sliders)
            {
                Assert.True(slider.Steps > 1 && slider.Steps == slider.Frames, $"{run.Name}, '{slider.Title}': {slider.Steps} steps, {slider.Frames} frames");
                Assert.True(slider.Before != slider.After, $"{run.Name}, '{slider.Title}': moving the slider to step {slider.Target} changed nothing");
                Assert.Equal(slider.Target, slider.ActiveAfter);
                Assert.True(slider.Visited == slider.Steps && slider.Followed == slider.Steps,
                    $"{run.Name}, '{slider.Title}': moved to {slider.Visited} of {slider.Steps} steps, the slider followed {slider.Followed}");
                Assert.True(slider.Distinct > 1, $"{run.Name}, '{slider.Title}': every step drew the same picture");
                sliders++;
            }
        }
        Assert.True(sliders >= 2, $"only {sliders} charts that move in the course");
    }

    // Korean terms are given once in each chapter (가상 주소 공간, ...). The book ships Noto Sans KR for them; every
    // element with Hangul must ask for it first, and it must be there and draw every Hangul character of the page.
    [Fact]
    public void Korean_text_of_every_chapter_is_set_in_the_font_the_book_ships()
    {
        foreach (var (file, _) in BookExporter.KoreanFontFiles)
            Assert.True(File.Exists(Path.Combine(_course.Book, file)), $"{file} is not in the book: was it built (npm, node)?");
        int pages = 0;
        foreach (var run in KoreanPages())
        {
            var korean = _course.Probe(run).Report.Korean;
            Assert.Contains($"{BookExporter.KoreanFontFamily} 400 loaded", korean.Faces);
            Assert.Contains($"{BookExporter.KoreanFontFamily} 700 loaded", korean.Faces);
            Assert.True(korean.NotFirst.Count == 0,
                $"{run.Name}: Korean text whose font list does not start with {BookExporter.KoreanFontFamily}: {string.Join(" | ", korean.NotFirst)}");
            Assert.True(korean.Blank.Count == 0, $"{run.Name}: the book's Korean font draws nothing for {string.Concat(korean.Blank)}");
            pages++;
        }
        Assert.True(pages >= 5, $"only {pages} chapters have Korean text");
    }

    // The proof that the shipped font is what readers see: on a machine with no font of its own that has Hangul
    // (fontconfig is asked; on Debian with Chromium alone there is none), every Hangul character in a missing font
    // falls back to one and the same empty box, and in the book's font each one is drawn, and drawn differently.
    [NoKoreanSystemFontFact]
    public void Without_a_korean_system_font_every_hangul_character_of_the_book_is_drawn_by_the_shipped_font()
    {
        foreach (var run in KoreanPages())
        {
            var korean = _course.Probe(run).Report.Korean;
            Assert.True(korean.MissingFontShapes == 1,
                $"{run.Name}: without the book's font the page's {korean.Text.Length} Hangul characters take {korean.MissingFontShapes} shapes, " +
                "not one box: Chromium found a Korean font that fontconfig did not name");
            Assert.True(korean.SameAsMissingFont.Count == 0,
                $"{run.Name}: the book's font does not draw {string.Concat(korean.SameAsMissingFont)} (they fall back to the box)");
            Assert.Equal(korean.Text.Length, korean.ShippedShapes);
        }
    }

    private IEnumerable<NotebookRun> KoreanPages() =>
        _course.ByName.Values.Where(r => r.Executed is not null).OrderBy(r => r.Name, StringComparer.Ordinal)
            .Where(r => _course.Probe(r).Report.Korean is { Text.Length: > 0 });

    [Fact]
    public void Every_chapter_of_the_design_exists_and_imports_the_shared_setup()
    {
        var chapters = Notebooks().Where(n => char.IsDigit(n[0])).ToList();
        Assert.Equal(["00", "01", "02", "03", "04", "05", "06", "07", "08"], chapters.Select(n => n[..2]));
        foreach (var name in chapters)
        {
            var source = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, name));
            Assert.Contains("#!import setup.dib", source);
        }
    }
}
