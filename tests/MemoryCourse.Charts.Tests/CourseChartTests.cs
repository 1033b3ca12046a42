using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace MemoryCourse.Charts.Tests;

public class CourseChartTests
{
    private static GenericChart Line(string name, double[] x, double[] y) => Chart.Line<double, double, string>(x, y, Name: name);

    [Fact]
    public void Course_titles_the_chart_and_its_axes_and_gives_it_the_course_look()
    {
        var layout = Json.Layout(Line("LRU", [1, 2], [10, 20]).Course("Hit rate", "frames", "hit rate (%)", height: 300));
        Assert.Equal("Hit rate", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("left", layout.GetProperty("title").GetProperty("xanchor").GetString());
        Assert.Equal("frames", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("hit rate (%)", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(300, layout.GetProperty("height").GetInt32());
        Assert.Equal(CourseChart.Palette, layout.GetProperty("colorway").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("\"Noto Sans KR\"", layout.GetProperty("font").GetProperty("family").GetString());
        // Full width, and without Plotly.NET's default template (the course sets its own look).
        Assert.False(layout.TryGetProperty("width", out _));
        Assert.False(layout.TryGetProperty("template", out _));
        Assert.Equal("left", layout.GetProperty("legend").GetProperty("xanchor").GetString());
        Assert.True(layout.GetProperty("legend").GetProperty("x").GetDouble() > 1, "the legend sits beside the plot");
    }

    [Fact]
    public void Course_leaves_the_chart_it_was_given_as_it_was()
    {
        var plain = Line("a", [1, 2], [1, 2]);
        string before = GenericChart.toJson(plain);
        _ = plain.Course("t", "x", "y").LogY().YRange(0, 5).BytesY();
        Assert.Equal(before, GenericChart.toJson(plain));
    }

    [Fact]
    public void A_long_title_is_broken_into_lines_at_words()
    {
        string title = "External fragmentation on binary-gen.rep, mean of 64 ops per point, every allocator of the catalog";
        var lines = CourseChart.TitleLines(title);
        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(l.Length <= CourseChart.TitleLineLength, l));
        Assert.Equal(title, string.Join(" ", lines));
        var layout = Json.Layout(Line("a", [1, 2], [1, 2]).Course(title, "x", "y"));
        Assert.Equal(string.Join("<br>", lines), layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_line_lying_on_an_earlier_one_is_dashed_so_both_show_and_others_stay_solid()
    {
        var data = Json.Data(Chart.Combine([
            Line("buddy", [1, 2, 3], [4, 5, 6]),
            Line("pool", [1, 2, 3], [4, 5, 6]),
            Line("pages", [1, 2, 3], [9, 9, 9]),
            Line("pool again", [1, 2, 3], [4, 5, 7]),
        ]).Course("t", "x", "y"));
        string? Dash(int i) => data[i].TryGetProperty("line", out var l) && l.TryGetProperty("dash", out var d) ? d.GetString() : null;
        Assert.Equal([null, "dash", null, "dot"], Enumerable.Range(0, 4).Select(Dash));
    }

    [Fact]
    public void An_empty_chart_says_why_in_place_of_its_plot_and_a_chart_with_data_does_not()
    {
        static IEnumerable<string?> Notes(GenericChart c) =>
            Json.Layout(c).TryGetProperty("annotations", out var a) ? a.EnumerateArray().Select(n => n.GetProperty("text").GetString()) : [];
        var empty = Line("scavenge", [], []).Course("Collections", "time (ms)", "pause (ms)");
        Assert.Equal(["Nothing to show: scavenge has no points to draw"], Notes(empty));
        Assert.Equal(["Nothing to show: no collection happened"], Notes(empty.WhenEmpty("no collection happened")));
        var full = Line("scavenge", [1, 2], [2, 3]).Course("Collections", "time (ms)", "pause (ms)").WhenEmpty("no collection happened");
        Assert.Empty(Notes(full));
        // Rectangles are something to see: drawing them removes the note.
        var drawing = Chart.Invisible().Course("Heap", "address (bytes)", "step").Draw([CourseChart.Rect(0, 1, 0, 1, "#ccc")]);
        Assert.Empty(Notes(drawing));
        Assert.Equal(1, Json.Layout(drawing).GetProperty("shapes").GetArrayLength());
        Assert.True(Json.Layout(drawing).GetProperty("xaxis").GetProperty("visible").GetBoolean(), "Chart.Invisible()'s hidden axes are shown again");
    }

    [Fact]
    public void A_byte_axis_has_binary_ticks_over_the_data_and_never_an_si_suffix()
    {
        var y = Json.Layout(Line("heap", [0, 1, 2], [0, 1536, 4096]).Course("Heap", "op", "size (bytes)").BytesY()).GetProperty("yaxis");
        Assert.Equal("array", y.GetProperty("tickmode").GetString());
        Assert.Equal(ByteAxis.Ticks(0, 4096, log: false), y.GetProperty("tickvals").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("4 KiB", y.GetProperty("ticktext").EnumerateArray().Last().GetString());
        Assert.Equal("none", y.GetProperty("exponentformat").GetString());
        // Bars stand on 0, so their byte ticks start there.
        var heap = Chart.Column<double, string, string>([1024, 3072], new[] { "used", "free" }, Name: "heap");
        var bars = Json.Layout(heap.Course("Heap", "part", "size (bytes)").BytesY()).GetProperty("yaxis");
        var labels = bars.GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal("0", labels[0]);
        Assert.Equal("3 KiB", labels[^1]);
        Assert.Contains("1 KiB", labels);
        var log = Json.Layout(Line("table", [16, 48], [64, 1L << 40]).Course("Tables", "bits", "bytes").LogY().BytesY()).GetProperty("yaxis");
        Assert.Equal("log", log.GetProperty("type").GetString());
        Assert.Contains("1 TiB", log.GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Stacked_bars_stack_and_named_rows_pair_values_with_labels()
    {
        var bars = Chart.Combine([
                Chart.Column<double, string, string>([1, 2], new[] { "p", "q" }, Name: "a"),
                Chart.Column<double, string, string>([3, 4], new[] { "p", "q" }, Name: "b")])
            .Course("b", "x", "y").StackBars().YTicks([0, 1], ["FIRST", "BEST"]);
        Assert.Equal("stack", Json.Layout(bars).GetProperty("barmode").GetString());
        Assert.Equal(["FIRST", "BEST"], Json.Layout(bars).GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
        Assert.Throws<ArgumentException>(() => bars.YTicks([0, 1], ["one"]));
    }
}
