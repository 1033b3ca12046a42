using MemoryCourse.Notebooks.Documents;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Course;

/// <summary>
/// Every notebook of the course is a test: all of them run once (in parallel, each in its own process,
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
    }

    private static IEnumerable<string> Notebooks() =>
        Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

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

    [Fact]
    public void Every_chart_of_every_chapter_draws_in_a_real_browser()
    {
        // The executed book, opened offline in headless Chromium: each chart output must become a plotly plot.
        string book = Directory.CreateTempSubdirectory("memcourse-course-book-").FullName;
        BookExporter.Export(_course.ByName.Values.ToList(), book);
        foreach (var run in _course.ByName.Values.Where(r => r.Executed is not null))
        {
            var charts = run.Executed!.Elements.SelectMany(c => c.Outputs)
                .Count(o => OutputData.Get(o, "text/html") is { } h && ChartPage.IsChart(h));
            if (charts == 0) continue;
            string dom = Chromium.DumpDom(Path.Combine(book, Path.GetFileNameWithoutExtension(run.Name) + ".html"));
            Assert.True(charts == Regex.Matches(dom, "class=\"plot-container plotly\"").Count,
                $"{run.Name}: {charts} charts in the notebook, {Regex.Matches(dom, "class=\"plot-container plotly\"").Count} drawn by plotly");
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
