using System.Text.Json;
using MemoryCourse.Teaching.Charts;

namespace MemoryCourse.Tests.Teaching.Charts;

public class FigureTests
{
    private static JsonElement Parse(Figure f) => JsonDocument.Parse(f.ToJson()).RootElement;

    [Fact]
    public void A_figure_serializes_to_plotly_data_and_layout_with_titles()
    {
        var json = Parse(new Figure("Hit rate", "frames", "hit rate (%)").Line("LRU", [1, 2], [10, 20]));
        Assert.Equal("Hit rate", json.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("frames", json.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("hit rate (%)", json.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var trace = json.GetProperty("data")[0];
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("lines", trace.GetProperty("mode").GetString());
        Assert.Equal(20, trace.GetProperty("y")[1].GetDouble());
    }

    [Fact]
    public void Areas_share_one_stack_group_and_stacked_bars_set_the_bar_mode()
    {
        var f = new Figure("Generations", "time (ms)", "bytes").Area("new", [0, 1], [1, 2]).Area("old", [0, 1], [3, 4]);
        var data = Parse(f).GetProperty("data");
        Assert.Equal(data[0].GetProperty("stackgroup").GetString(), data[1].GetProperty("stackgroup").GetString());
        var bars = new Figure("b", "x", "y").Bar("a", ["p", "q"], [1, 2]).Bar("b", ["p", "q"], [3, 4]).StackBars();
        Assert.Equal("stack", Parse(bars).GetProperty("layout").GetProperty("barmode").GetString());
        Assert.Equal("p", Parse(bars).GetProperty("data")[0].GetProperty("x")[0].GetString());
    }

    [Fact]
    public void Heatmaps_shapes_and_annotations_are_carried_into_the_figure()
    {
        var f = new Figure("Pages", "page", "process").Heatmap("use", [[1, 0], [0, 1]], ["0", "1"], ["a", "b"], "touched")
            .Rect(0, 4, 0, 1, "#ccc").Annotate(2, 0.5, "free");
        var json = Parse(f);
        Assert.Equal(2, json.GetProperty("data")[0].GetProperty("z").GetArrayLength());
        Assert.Equal(4, json.GetProperty("layout").GetProperty("shapes")[0].GetProperty("x1").GetDouble());
        Assert.Equal("free", json.GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Non_finite_values_become_gaps_not_invalid_json()
    {
        var json = Parse(new Figure("t", "x", "y").Line("s", [0, 1], [double.NaN, 1]));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data")[0].GetProperty("y")[0].ValueKind);
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected_with_the_series_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new Figure("t", "x", "y").Line("FIFO", [1, 2, 3], [1]));
        Assert.Contains("FIFO", e.Message);
    }

    [Fact]
    public void The_notebook_html_uses_a_page_copy_of_plotly_first_and_require_js_otherwise()
    {
        string html = new Figure("t", "x", "y").Line("s", [0], [1]).ToHtml();
        Assert.Contains("typeof window.Plotly !== 'undefined'", html);
        Assert.Contains("requirejs.config", html);
        Assert.Contains($"plotly-{Figure.PlotlyCdnVersion}.min", html);
        Assert.Contains("Plotly.newPlot(", html);
    }

    private static string[] Colors(JsonElement json) =>
        json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("marker").GetProperty("color").GetString()!).ToArray();

    [Fact]
    public void Every_series_gets_a_colour_of_its_own()
    {
        // Eleven allocators drew "first" and "segments" in one colour with plotly's ten; twenty-five stay apart.
        var f = Enumerable.Range(0, 25).Aggregate(new Figure("t", "x", "y"), (g, i) => g.Line($"s{i}", [0, 1], [i, i]));
        var colors = Colors(Parse(f));
        Assert.Equal(25, colors.Distinct().Count());
        Assert.Equal(Figure.Palette, colors.Take(Figure.Palette.Count));
        var line = Parse(f).GetProperty("data")[3];
        Assert.Equal(line.GetProperty("marker").GetProperty("color").GetString(), line.GetProperty("line").GetProperty("color").GetString());
    }

    [Fact]
    public void Bars_areas_and_markers_take_the_palette_in_order_and_a_chosen_colour_is_kept()
    {
        var f = new Figure("t", "x", "y").Bar("a", ["p"], [1]).Area("b", [0, 1], [1, 2]).Scatter("c", [0], [1])
            .Add(new Series { Type = "scatter", Name = "d", X = [0.0], Y = [1.0], Color = "#000000" })
            .Heatmap("h", [[1]], ["0"], ["0"], "z").Line("e", [0, 1], [0, 1]);
        var data = Parse(f).GetProperty("data");
        Assert.Equal(["#1f77b4", "#ff7f0e", "#2ca02c", "#000000"], Enumerable.Range(0, 4).Select(i => data[i].GetProperty("marker").GetProperty("color").GetString()));
        Assert.False(data[4].TryGetProperty("marker", out _));
        Assert.Equal("#d62728", data[5].GetProperty("line").GetProperty("color").GetString());
        Assert.False(data[0].TryGetProperty("line", out _));
    }

    [Fact]
    public void A_dashed_line_lets_the_line_it_coincides_with_show_through()
    {
        var f = new Figure("t", "x", "y").Line("real", [0, 1], [1, 2]).Line("model", [0, 1], [1, 2], LineDash.Dash)
            .LineWithMarkers("other", [0, 1], [1, 2], LineDash.DashDot);
        var data = Parse(f).GetProperty("data");
        Assert.False(data[0].GetProperty("line").TryGetProperty("dash", out _));
        Assert.Equal("dash", data[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("dashdot", data[2].GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void A_line_lying_on_an_earlier_one_is_dashed_so_both_show()
    {
        // The buddy allocator and the pool round alike, so their internal fragmentation lines are the same points;
        // "first" and "implicit" (both first fit) agree at most points. Lines meeting at a point or two stay solid.
        var f = new Figure("t", "x", "y").Line("buddy", [0, 1, 2], [16, 48, 32]).Line("pool", [0, 1, 2], [16, 48, 32])
            .Line("pages", [0, 1, 2], [4080, 8160, 4064]).Line("copy", [0, 1, 2], [16, 48, 32]).Scatter("marks", [0, 1, 2], [16, 48, 32])
            .Line("mostly", [0, 1, 2], [16, 48, 40]).Line("once", [0, 1, 2], [0, 8160, 1]);
        var data = Parse(f).GetProperty("data");
        string? Dash(int i) => data[i].GetProperty("line").TryGetProperty("dash", out var d) ? d.GetString() : null;
        Assert.Equal([null, "dash", null, "dot", null, "dashdot", null], Enumerable.Range(0, 7).Select(Dash));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(1024, "1 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(4096, "4 KiB")]
    [InlineData(1_000_000_000, "953.67 MiB")]
    [InlineData(3L << 30, "3 GiB")]
    [InlineData(1L << 55, "32 PiB")]
    [InlineData(-2048, "−2 KiB")]
    public void Byte_counts_are_written_in_binary_units(long bytes, string text) => Assert.Equal(text, ByteAxis.Format(bytes));

    [Fact]
    public void Linear_byte_ticks_are_multiples_of_a_power_of_two()
    {
        Assert.Equal([0, 512, 1024, 1536, 2048, 2560, 3072, 3584, 4096], ByteAxis.Ticks(0, 4096, log: false));
        var gib = ByteAxis.Ticks(0, 3.3 * (1L << 30), log: false);
        Assert.Equal(["0 B", "512 MiB", "1 GiB", "1.5 GiB", "2 GiB", "2.5 GiB", "3 GiB"], gib.Select(ByteAxis.Format));
        Assert.Equal([0, 1, 2, 3, 4, 5], ByteAxis.Ticks(0, 5, log: false));
        Assert.Equal([100.0], ByteAxis.Ticks(100, 100, log: false));
    }

    [Fact]
    public void Linear_byte_labels_share_the_largest_unit_that_keeps_them_exact()
    {
        Assert.Equal(["0", "0.5 KiB", "1 KiB", "1.5 KiB"], ByteAxis.Labels([0, 512, 1024, 1536], log: false));
        // Heap addresses from 1000 (the OSTEP simulator's base) in steps of 16: 1040 B is not a round number of KiB.
        Assert.Equal(["1008 B", "1024 B", "1040 B"], ByteAxis.Labels([1008, 1024, 1040], log: false));
        Assert.Equal(["32 KiB", "1 MiB"], ByteAxis.Labels([32768, 1 << 20], log: true));
    }

    [Fact]
    public void Log_byte_ticks_are_powers_of_two_a_few_doublings_apart()
    {
        Assert.Equal(["4 KiB", "8 KiB", "16 KiB", "32 KiB", "64 KiB"], ByteAxis.Ticks(4096, 65536, log: true).Select(ByteAxis.Format));
        // 4 KiB to 32 PiB: every ten doublings, so 1 KiB, 1 MiB, 1 GiB, ...
        Assert.Equal(["1 KiB", "1 MiB", "1 GiB", "1 TiB", "1 PiB"], ByteAxis.Ticks(4096, 1L << 55, log: true).Select(ByteAxis.Format));
        Assert.Empty(ByteAxis.Ticks(-1, 0, log: true));
    }

    [Fact]
    public void A_byte_axis_carries_binary_ticks_and_never_an_si_suffix()
    {
        var y = Parse(new Figure("t", "x", "bytes").Line("s", [0, 1, 2], [0, 1e9, 2e9]).WithBytesY()).GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("array", y.GetProperty("tickmode").GetString());
        var labels = y.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["0", "0.25 GiB", "0.5 GiB", "0.75 GiB", "1 GiB", "1.25 GiB", "1.5 GiB", "1.75 GiB"], labels);
        Assert.Equal("none", y.GetProperty("exponentformat").GetString());
        var x = Parse(new Figure("t", "x", "y").Line("s", [0, 1], [0, 1])).GetProperty("layout").GetProperty("xaxis");
        Assert.False(x.TryGetProperty("tickvals", out _));
    }

    [Fact]
    public void Byte_ticks_follow_the_data_stacked_areas_summed_and_rectangles_included_not_the_room_left_for_labels()
    {
        var stacked = new Figure("t", "x", "y").Area("a", [0, 1], [512, 512]).Area("b", [0, 1], [512, 1536]).WithBytesY();
        var y = Parse(stacked).GetProperty("layout").GetProperty("yaxis").GetProperty("tickvals");
        Assert.Equal(2048, y.EnumerateArray().Last().GetDouble());
        var strip = new Figure("t", "address", "row").Rect(0, 4096, 0, 1, "#ccc").WithXRange(-1700, 4100).WithBytesX();
        var x = Parse(strip).GetProperty("layout").GetProperty("xaxis").GetProperty("tickvals");
        Assert.Equal((0, 4096), (x[0].GetDouble(), x.EnumerateArray().Last().GetDouble()));
    }

    [Fact]
    public void The_title_sits_at_the_left_in_short_lines_clear_of_the_toolbar()
    {
        string title = "Heap before and after each scavenge: node v20 vs the model (200 000 arrays, none kept)";
        var layout = Parse(new Figure(title, "x", "y").Line("s", [0], [1])).GetProperty("layout");
        var t = layout.GetProperty("title");
        Assert.Equal((0.0, "paper", "left"), (t.GetProperty("x").GetDouble(), t.GetProperty("xref").GetString(), t.GetProperty("xanchor").GetString()));
        var lines = t.GetProperty("text").GetString()!.Split("<br>");
        Assert.Equal(title, string.Join(" ", lines));
        Assert.All(lines, l => Assert.InRange(l.Length, 1, Figure.TitleLineLength));
        Assert.Equal(60 + 22 * (lines.Length - 1), layout.GetProperty("margin").GetProperty("t").GetInt32());
        Assert.Equal(["short"], Figure.TitleLines("short"));
    }

    [Fact]
    public void The_toolbar_is_short_and_the_font_covers_korean()
    {
        string html = new Figure("t", "x", "y").Line("s", [0], [1]).ToHtml();
        Assert.Contains("displaylogo: false", html);
        Assert.Contains("'lasso2d'", html);
        Assert.Contains("Noto Sans KR", Parse(new Figure("t", "x", "y")).GetProperty("layout").GetProperty("font").GetProperty("family").GetString());
    }

    [Fact]
    public void An_empty_chart_says_why_in_place_of_its_plot()
    {
        var empty = new Figure("Collections over time", "ms", "pause").Scatter("scavenge", [], []).Scatter("mark-compact", [], []);
        Assert.True(empty.IsEmpty);
        string note = Parse(empty).GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString()!;
        Assert.Equal("Nothing to show: scavenge, mark-compact have no points to draw", note);

        var explained = empty.WhenEmpty("no collection happened: new space never filled");
        var annotation = Parse(explained).GetProperty("layout").GetProperty("annotations")[0];
        Assert.Equal("Nothing to show: no collection happened: new space never filled", annotation.GetProperty("text").GetString());
        Assert.Equal(("paper", "paper"), (annotation.GetProperty("xref").GetString(), annotation.GetProperty("yref").GetString()));

        // One point cannot make a line or an area; one marker or one bar is something to see; so is a rectangle.
        Assert.True(new Figure("t", "x", "y").Area("a", [1], [2]).Line("b", [1], [2]).IsEmpty);
        Assert.False(new Figure("t", "x", "y").Scatter("a", [1], [2]).IsEmpty);
        Assert.False(new Figure("t", "x", "y").Bar("a", ["p"], [2]).IsEmpty);
        Assert.False(new Figure("t", "x", "y").Rect(0, 1, 0, 1, "#ccc").IsEmpty);
        Assert.False(Parse(new Figure("t", "x", "y").Scatter("a", [1], [2])).GetProperty("layout").TryGetProperty("annotations", out _));
    }

    [Fact]
    public void A_series_with_nothing_to_draw_beside_others_says_so_in_the_legend()
    {
        var f = new Figure("t", "x", "y").Line("real V8", [0, 1], [1, 2]).Line("model", [], []);
        var data = Parse(f).GetProperty("data");
        Assert.Equal("real V8", data[0].GetProperty("name").GetString());
        Assert.Equal("model (no points)", data[1].GetProperty("name").GetString());
    }
}
