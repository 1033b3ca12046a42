using System.Text.Json;
using MemoryCourse.Teaching.Charts;

namespace MemoryCourse.Tests.Teaching.Charts;

/// <summary>Charts that move: plotly frames, one per step, and a slider whose steps animate to them.</summary>
public class SliderTests
{
    private static readonly Figure Base = new Figure("Heap over time", "address (bytes)", "size (bytes)");

    private static Figure Moving() => Base.WithSlider("op ",
    [
        ("0", Base.Bar("used", ["a", "b"], [1, 2]).Rect(0, 4, 0, 1, "#ccc").Annotate(1, 1, "start")),
        ("1", Base.Bar("used", ["a", "b"], [3, 4]).Rect(0, 8, 0, 1, "#ccc")),
        ("2", (Base with { Title = "Heap after op 2" }).Bar("used", ["a", "b"], [5, 6])),
    ]);

    private static JsonElement Parse(Figure f) => JsonDocument.Parse(f.ToJson()).RootElement;

    [Fact]
    public void Every_step_becomes_a_named_frame_with_its_traces_rectangles_and_labels()
    {
        var frames = Parse(Moving()).GetProperty("frames");
        Assert.Equal(3, frames.GetArrayLength());
        Assert.Equal(["step-0", "step-1", "step-2"], frames.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(3, frames[1].GetProperty("data")[0].GetProperty("y")[0].GetDouble());
        Assert.Equal(8, frames[1].GetProperty("layout").GetProperty("shapes")[0].GetProperty("x1").GetDouble());
        // A step without rectangles or labels clears the previous step's.
        Assert.Equal(0, frames[2].GetProperty("layout").GetProperty("shapes").GetArrayLength());
        Assert.Equal(0, frames[1].GetProperty("layout").GetProperty("annotations").GetArrayLength());
        Assert.Equal("start", frames[0].GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString());
        Assert.Equal("Heap after op 2", frames[2].GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Heap over time", frames[0].GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        // Same series, same colour, in every frame.
        Assert.Single(frames.EnumerateArray().Select(f => f.GetProperty("data")[0].GetProperty("marker").GetProperty("color").GetString()).Distinct());
    }

    [Fact]
    public void The_figure_opens_on_the_first_step()
    {
        var json = Parse(Moving());
        Assert.Equal(1, json.GetProperty("data")[0].GetProperty("y")[0].GetDouble());
        Assert.Equal(4, json.GetProperty("layout").GetProperty("shapes")[0].GetProperty("x1").GetDouble());
        Assert.Equal("Heap over time", json.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("address (bytes)", json.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("size (bytes)", json.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_slider_has_one_step_per_frame_and_each_animates_to_its_frame_at_once()
    {
        var slider = Parse(Moving()).GetProperty("layout").GetProperty("sliders")[0];
        Assert.Equal(0, slider.GetProperty("active").GetInt32());
        Assert.Equal("op ", slider.GetProperty("currentvalue").GetProperty("prefix").GetString());
        var steps = slider.GetProperty("steps");
        Assert.Equal(3, steps.GetArrayLength());
        for (int i = 0; i < 3; i++)
        {
            var step = steps[i];
            Assert.Equal(i.ToString(), step.GetProperty("label").GetString());
            Assert.Equal("animate", step.GetProperty("method").GetString());
            var args = step.GetProperty("args");
            Assert.Equal(Figure.FrameName(i), args[0][0].GetString());
            Assert.Equal("immediate", args[1].GetProperty("mode").GetString());
            Assert.Equal(0, args[1].GetProperty("frame").GetProperty("duration").GetInt32());
            Assert.True(args[1].GetProperty("frame").GetProperty("redraw").GetBoolean());
        }
        var buttons = Parse(Moving()).GetProperty("layout").GetProperty("updatemenus")[0].GetProperty("buttons");
        Assert.Equal(JsonValueKind.Null, buttons[0].GetProperty("args")[0].ValueKind);   // play: every frame from the current one
        Assert.True(buttons[0].GetProperty("args")[1].GetProperty("fromcurrent").GetBoolean());
    }

    [Fact]
    public void The_axes_stay_still_over_every_step()
    {
        var y = Parse(Moving()).GetProperty("layout").GetProperty("yaxis").GetProperty("range");
        Assert.Equal(0, y[0].GetDouble());                 // bars from 0
        Assert.True(y[1].GetDouble() >= 6, "the range must hold the last step's tallest bar");
        var lines = Base.WithSlider("t ", [("a", Base.Line("s", [0, 1], [10, 20])), ("b", Base.Line("s", [0, 5], [-5, 30]))]);
        var layout = Parse(lines).GetProperty("layout");
        Assert.True(layout.GetProperty("xaxis").GetProperty("range")[1].GetDouble() >= 5);
        Assert.True(layout.GetProperty("yaxis").GetProperty("range")[0].GetDouble() <= -5);
        var fixedRange = Base.WithYRange(0, 100).WithSlider("t ", [("a", Base.Line("s", [0, 1], [10, 20]))]);
        Assert.Equal(100, Parse(fixedRange).GetProperty("layout").GetProperty("yaxis").GetProperty("range")[1].GetDouble());
    }

    [Fact]
    public void Steps_with_other_series_are_rejected_naming_the_step()
    {
        var e = Assert.Throws<ArgumentException>(() => Base.WithSlider("op ",
            [("0", Base.Line("a", [0], [0])), ("1", Base.Line("a", [0], [0]).Line("b", [0], [0]))]));
        Assert.Contains("step 1 ('1')", e.Message);
        Assert.Throws<ArgumentException>(() => Base.WithSlider("op ", []));
    }

    [Fact]
    public void The_same_steps_give_the_same_json_and_a_still_chart_has_no_frames_or_slider()
    {
        Assert.Equal(Moving().ToJson(), Moving().ToJson());
        var still = Parse(Base.Line("s", [0, 1], [1, 2]));
        Assert.False(still.TryGetProperty("frames", out _));
        Assert.False(still.GetProperty("layout").TryGetProperty("sliders", out _));
    }

    [Fact]
    public void The_notebook_html_hands_plotly_the_frames_and_leaves_room_for_the_slider()
    {
        string html = Moving().ToHtml();
        Assert.Contains("frames: figure.frames || []", html);
        Assert.Contains($"height:{420 + Figure.SliderHeight}px", html);
        Assert.Equal(420 + Figure.SliderHeight, Parse(Moving()).GetProperty("layout").GetProperty("height").GetInt32());
    }
}

public class NamedTicksTests
{
    [Fact]
    public void Rows_can_be_named_on_the_y_axis()
    {
        var y = JsonDocument.Parse(new Figure("Heaps", "address (bytes)", "fit policy").WithYTicks([0, 1], ["FIRST", "BEST"]).ToJson())
            .RootElement.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("array", y.GetProperty("tickmode").GetString());
        Assert.Equal(1, y.GetProperty("tickvals")[1].GetDouble());
        Assert.Equal("BEST", y.GetProperty("ticktext")[1].GetString());
        Assert.Throws<ArgumentException>(() => new Figure("t", "x", "y").WithYTicks([0, 1], ["one"]));
    }
}
