using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace MemoryCourse.Charts.Tests;

public class MovingChartTests
{
    private static GenericChart Step(int k) =>
        Chart.Combine([
                Chart.Column<double, string, string>([k, 1], new[] { "before", "after" }, Name: "old"),
                Chart.Column<double, string, string>([1, k * 2], new[] { "before", "after" }, Name: "new")])
            .Course($"Heap at step {k}", "moment", "size (MiB)").StackBars()
            .Draw(labels: [CourseChart.Label(0, k, $"label {k}")]);

    private static GenericChart Moving() => MovingChart.Moving("op ", Enumerable.Range(0, 4).Select(k => (k.ToString(), Step(k))));

    [Fact]
    public void Every_step_of_the_slider_animates_to_its_own_frame_with_its_series_labels_and_title()
    {
        var layout = Json.Layout(Moving());
        var steps = layout.GetProperty("sliders")[0].GetProperty("steps");
        Assert.Equal(4, steps.GetArrayLength());
        for (int k = 0; k < 4; k++)
        {
            var step = steps[k];
            Assert.Equal(k.ToString(), step.GetProperty("label").GetString());
            Assert.Equal("animate", step.GetProperty("method").GetString());
            var frame = step.GetProperty("args")[0][0];
            Assert.Equal(2, frame.GetProperty("data").GetArrayLength());
            Assert.Equal("bar", frame.GetProperty("data")[0].GetProperty("type").GetString());
            Assert.Equal(k, frame.GetProperty("data")[0].GetProperty("y")[0].GetDouble());
            Assert.Equal($"Heap at step {k}", frame.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
            Assert.Equal($"label {k}", frame.GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString());
            Assert.Equal("immediate", step.GetProperty("args")[1].GetProperty("mode").GetString());
        }
        Assert.Equal("op ", layout.GetProperty("sliders")[0].GetProperty("currentvalue").GetProperty("prefix").GetString());
    }

    [Fact]
    public void The_chart_opens_on_the_first_step_and_the_play_button_runs_through_every_frame()
    {
        var json = Json.Of(Moving());
        Assert.Equal("Heap at step 0", json.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(0, json.GetProperty("data")[0].GetProperty("y")[0].GetDouble());
        var play = json.GetProperty("layout").GetProperty("updatemenus")[0].GetProperty("buttons")[0];
        Assert.Equal("animate", play.GetProperty("method").GetString());
        Assert.Equal(4, play.GetProperty("args")[0].GetArrayLength());
        Assert.Equal(MovingChart.PlayFrameMs, play.GetProperty("args")[1].GetProperty("frame").GetProperty("duration").GetInt32());
        Assert.Equal(420 + MovingChart.SliderHeight, json.GetProperty("layout").GetProperty("height").GetInt32());
    }

    [Fact]
    public void Every_frame_puts_the_slider_on_its_own_step_so_the_slider_follows_the_play_button()
    {
        var layout = Json.Layout(Moving());
        var played = layout.GetProperty("updatemenus")[0].GetProperty("buttons")[0].GetProperty("args")[0];
        var steps = layout.GetProperty("sliders")[0].GetProperty("steps");
        for (int k = 0; k < 4; k++)
        {
            foreach (var frame in new[] { played[k], steps[k].GetProperty("args")[0][0] })
            {
                Assert.Equal($"step-{k}", frame.GetProperty("name").GetString());
                var sliders = frame.GetProperty("layout").GetProperty("sliders");
                Assert.Equal(1, sliders.GetArrayLength());
                Assert.Equal(k, sliders[0].GetProperty("active").GetInt32());
            }
        }
    }

    [Fact]
    public void A_step_with_fewer_rectangles_and_labels_hides_the_ones_an_earlier_step_drew()
    {
        GenericChart Heap(int blocks) => Chart.Invisible().Course($"{blocks} blocks", "address (bytes)", "row")
            .Draw(Enumerable.Range(0, blocks).Select(b => CourseChart.Rect(b * 10, b * 10 + 8, 0, 1, "#ccc")),
                Enumerable.Range(0, blocks).Select(b => CourseChart.Label(b * 10, 1, $"block {b}")));
        var layout = Json.Layout(MovingChart.Moving("op ", [("3", Heap(3)), ("1", Heap(1)), ("2", Heap(2))]));
        var frames = layout.GetProperty("updatemenus")[0].GetProperty("buttons")[0].GetProperty("args")[0];
        var expected = new[] { 3, 1, 2 };
        for (int k = 0; k < 3; k++)
        {
            foreach (var list in new[] { "shapes", "annotations" })
            {
                var items = frames[k].GetProperty("layout").GetProperty(list).EnumerateArray().ToList();
                Assert.Equal(3, items.Count);
                Assert.Equal(expected[k], items.Count(i => i.GetProperty("visible").GetBoolean()));
                Assert.All(items.Take(expected[k]), i => Assert.True(i.GetProperty("visible").GetBoolean()));
            }
        }
        // A hidden place says only that it is hidden: plotly keeps the rest of what was drawn there, out of sight.
        Assert.Equal("visible", Assert.Single(frames[1].GetProperty("layout").GetProperty("shapes")[1].EnumerateObject()).Name);
    }

    [Fact]
    public void The_axes_stay_still_over_every_step()
    {
        var y = Json.Layout(Moving()).GetProperty("yaxis");
        var range = y.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).ToList();
        // Stacked bars from 0; the largest stack is step 3's "after": 1 + 6 = 7, with a little room above.
        Assert.Equal(0, range[0]);
        Assert.InRange(range[1], 7, 7.5);
    }

    [Fact]
    public void Steps_with_other_series_are_rejected_naming_the_step()
    {
        var odd = Chart.Line<double, double, string>([1, 2], [1, 2], Name: "line").Course("t", "x", "y");
        var e = Assert.Throws<ArgumentException>(() => MovingChart.Moving("op ", [("0", Step(0)), ("1", odd)]));
        Assert.Contains("step 1 ('1')", e.Message);
        Assert.Throws<ArgumentException>(() => MovingChart.Moving("op ", []));
    }

    [Fact]
    public void A_byte_axis_of_a_moving_chart_covers_every_step()
    {
        GenericChart Heap(int k) => Chart.Invisible().Course($"step {k}", "address (bytes)", "row").Draw([CourseChart.Rect(0, 1024 * (k + 1), 0, 1, "#ccc")]);
        var x = Json.Layout(MovingChart.Moving("op ", Enumerable.Range(0, 4).Select(k => (k.ToString(), Heap(k)))).BytesX()).GetProperty("xaxis");
        Assert.Equal("4 KiB", x.GetProperty("ticktext").EnumerateArray().Last().GetString());
    }
}
