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
}
