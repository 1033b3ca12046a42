using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Export;

/// <summary>
/// The charts that move (chapter 03's generations, collection by collection; chapter 04's heap strip, op by op), in
/// the executed book in headless Chromium, offline: each has a slider with a step per frame, and moving the slider
/// changes the drawing, and pressing play moves the slider through every step. The same two chapters show that lists
/// of records are tables, not collapsed rows.
/// </summary>
public partial class MovingChartsTests : IClassFixture<MovingChartsTests.Chapters>
{
    public static readonly string[] Names = ["03-garbage-collection.dib", "04-heap-fragmentation.dib"];

    public sealed class Chapters
    {
        public IReadOnlyList<NotebookRun> Runs { get; }
        public string BookDir { get; }
        private readonly Dictionary<string, Lazy<(string Dom, BookProbe.Report Report)>> _probes;

        public Chapters()
        {
            Runs = NotebookRunner.RunAllAsync(Names.Select(n => Path.Combine(RepoPaths.Notebooks, n)).ToList(), RunOptions.Default with { Parallelism = 1 })
                .GetAwaiter().GetResult();
            BookDir = Directory.CreateTempSubdirectory("memcourse-moving-").FullName;
            BookExporter.Export(Runs.ToList(), BookDir);
            _probes = Runs.ToDictionary(r => r.Name, r => new Lazy<(string, BookProbe.Report)>(() =>
                BookProbe.Inspect(Path.Combine(BookDir, Path.GetFileNameWithoutExtension(r.Name) + ".html"))));
        }

        internal (string Dom, BookProbe.Report Report) Probe(string name) => _probes[name].Value;
    }

    private readonly Chapters _chapters;

    public MovingChartsTests(Chapters chapters) => _chapters = chapters;

    [Fact]
    public void Both_chapters_run()
    {
        foreach (var run in _chapters.Runs) Assert.True(run.Passed, run.Describe());
    }

    [Theory]
    [InlineData("03-garbage-collection.dib", "V8 generations at collection")]
    [InlineData("04-heap-fragmentation.dib", "The heap after each op on every fit policy")]
    public void Moving_the_slider_redraws_the_chart(string chapter, string title)
    {
        var (_, report) = _chapters.Probe(chapter);
        Assert.True(report.Errors.Count == 0, $"{chapter}: {string.Join("; ", report.Errors)}");
        var slider = Assert.Single(report.Sliders, s => s.Title.StartsWith(title, StringComparison.Ordinal));
        Assert.True(slider.Steps > 1, $"{chapter}: the slider has {slider.Steps} step(s)");
        Assert.Equal(slider.Steps, slider.Frames);
        Assert.Equal(slider.Target, slider.ActiveAfter);
        Assert.NotEqual(slider.Before, slider.After);
        Assert.NotEqual(slider.Title, slider.TitleAfter);
    }

    [Theory]
    [InlineData("03-garbage-collection.dib", "V8 generations at collection")]
    [InlineData("04-heap-fragmentation.dib", "The heap after each op on every fit policy")]
    public void Pressing_play_moves_the_slider_through_every_step_in_order(string chapter, string title)
    {
        var (_, report) = _chapters.Probe(chapter);
        Assert.True(report.Errors.Count == 0, $"{chapter}: {string.Join("; ", report.Errors)}");
        var slider = Assert.Single(report.Sliders, s => s.Title.StartsWith(title, StringComparison.Ordinal));
        Assert.True(slider.PlayFinished, $"{chapter}: the play button's animation did not end; the slider showed {string.Join(", ", slider.Played ?? [])}");
        Assert.Equal(Enumerable.Range(0, slider.Steps), slider.Played!);
    }

    [Fact]
    public void Lists_of_records_are_tables_with_a_column_per_property_not_collapsed_rows()
    {
        foreach (var run in _chapters.Runs)
        {
            var collapsed = CollapsedRecords(run).ToList();
            Assert.True(collapsed.Count == 0, $"{run.Name}: records shown as collapsed rows: {string.Join(" | ", collapsed.Take(3))}");
        }
        // Chapter 03's Orinoco table is wider than the page: it scrolls in its own box.
        string page = File.ReadAllText(Path.Combine(_chapters.BookDir, "03-garbage-collection.html"));
        Assert.Contains("<div class=\"memorycourse-table\" style=\"overflow-x:auto;max-width:100%\"><table><thead><tr><th>Strategy</th>", page);
    }

    /// <summary>The summaries of records the kernel's formatter shows as one collapsed line each (<c>▶ { A = 1, B = 2 }</c>).</summary>
    internal static IEnumerable<string> CollapsedRecords(NotebookRun run) =>
        run.Executed!.Elements.SelectMany(c => c.Outputs)
            .Select(o => OutputData.Get(o, "text/html") ?? "")
            .SelectMany(h => CollapsedRecord().Matches(h).Select(m => m.Groups[1].Value));

    [GeneratedRegex("<details class=\"dni-treeview\"><summary><span class=\"dni-code-hint\"><code>([^<]*\\{ \\w+ = [^<]*)</code>")]
    private static partial Regex CollapsedRecord();
}
