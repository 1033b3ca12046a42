using Plotly.NET;
using static MemoryCourse.Charts.ChartParts;

namespace MemoryCourse.Charts;

/// <summary>
/// A chart that moves: a slider under the plot steps through charts built the same way (say the heap after each
/// operation), and a play button runs through them while the slider follows. Each step is a plotly.js frame carried
/// in Plotly.NET's layout sliders and buttons (its dynamic-object properties), so Plotly.NET renders it like any chart.
/// </summary>
/// <remarks>
/// plotly.js moves a slider by itself only for frames registered by name (<c>Plotly.addFrames</c>), and Plotly.NET
/// 6.0.0 writes no frames (its figure JSON says "frames: not supported yet"). So each frame carries the slider's
/// position in its own layout (<c>sliders: [{active: k}]</c>): drawing frame k, from the play button or from a click
/// on step k, puts the slider on step k.
/// </remarks>
public static class MovingChart
{
    /// <summary>Height added under the plot for the slider and the play button.</summary>
    public const int SliderHeight = 90;

    /// <summary>Milliseconds each step stays on screen while playing.</summary>
    public const int PlayFrameMs = 500;

    /// <summary>
    /// The chart opens on the first step; the slider shows each step's <c>Label</c> after <paramref name="prefix"/>
    /// (e.g. "op "). Build every step with <see cref="CourseChart.Course"/> and the same series in the same order
    /// (plotly moves series from step to step by their place); a step's own title, rectangles and labels replace the
    /// previous ones while it is shown. Unless a step set a range, each axis covers every step, so nothing jumps.
    /// </summary>
    public static GenericChart Moving(string prefix, IEnumerable<(string Label, GenericChart Step)> steps)
    {
        var list = steps.ToList();
        if (list.Count == 0) throw new ArgumentException("a chart that moves needs at least one step");
        var first = Traces(list[0].Step);
        for (int i = 1; i < list.Count; i++)
        {
            var s = Traces(list[i].Step);
            if (!s.Select(t => t.type).SequenceEqual(first.Select(t => t.type)))
                throw new ArgumentException(
                    $"step {i} ('{list[i].Label}') has series {Names(s)} but step 0 has {Names(first)}: "
                    + "every step must have the same series in the same order");
        }
        // plotly.js merges a frame's rectangles and labels into the shown ones place by place, so a step with fewer of
        // them than the one before would leave the rest on screen: every frame has as many, the spare ones hidden.
        int shapes = list.Max(p => List(Layout(p.Step), "shapes").Count);
        int labels = list.Max(p => List(Layout(p.Step), "annotations").Count);
        var frames = list.Select((p, i) => Frame(i, p.Step, shapes, labels)).ToList();
        var layout = Layout(list[0].Step);
        foreach (var axis in new[] { "xaxis", "yaxis" }) FixRange(layout, axis, list.Select(p => p.Step).ToList());
        layout.SetProperty("height", (Get(layout, "height") is int h ? h : 420) + SliderHeight);

        // Each step animates to its own frame, given whole: Plotly.NET writes no frames list, so the frames travel in
        // the steps (and once more in the play button).
        var slider = Obj(("active", 0), ("x", 0.1), ("len", 0.9), ("y", 0), ("yanchor", "top"), ("pad", Obj(("t", 50))),
            ("currentvalue", Obj(("visible", true), ("prefix", prefix), ("xanchor", "left"))),
            ("steps", list.Select((p, i) => Obj(("label", p.Label), ("method", "animate"),
                ("args", new object[] { new object[] { frames[i] }, Animation(durationMs: 0) }))).ToList()));
        layout.SetProperty("sliders", new[] { slider });

        var play = Obj(("label", "▶ play"), ("method", "animate"), ("args", new object[] { frames, Animation(PlayFrameMs) }));
        var pause = Obj(("label", "❚❚ pause"), ("method", "animate"), ("args", new object[] { new object?[] { null }, Animation(0) }));
        var buttons = Obj(("type", "buttons"), ("showactive", false), ("x", 0.1), ("y", 0), ("xanchor", "right"), ("yanchor", "top"),
            ("pad", Obj(("t", 60), ("r", 10))), ("buttons", new[] { play, pause }));
        layout.SetProperty("updatemenus", new[] { buttons });
        return Rebuild(list[0].Step, first, layout);
    }

    /// <summary>The steps of a moving chart (its frames), or none for a still one: what the byte axes measure too.</summary>
    internal static IReadOnlyList<object> Frames(object layout) =>
        List(layout, "sliders").Take(1)
            .SelectMany(s => List(s, "steps"))
            .Select(step => List(step, "args").FirstOrDefault() is object[] { Length: 1 } f ? f[0] : null)
            .OfType<object>().ToList();

    // One frame: everything that moves (the traces, by place; the rectangles, the labels and the title) and where the
    // slider stands.
    private static Dictionary<string, object?> Frame(int index, GenericChart step, int shapes, int labels)
    {
        var layout = Layout(step);
        var frameLayout = Obj(("title", Plain(Get(layout, "title"))),
            ("shapes", Padded(List(layout, "shapes"), shapes)), ("annotations", Padded(List(layout, "annotations"), labels)),
            ("sliders", new[] { Obj(("active", index)) }));
        return Obj(("name", $"step-{index}"), ("data", Traces(step).Select(Plain).ToList()), ("layout", frameLayout));
    }

    // The items shown (made visible again, in case an earlier frame hid their place), then hidden ones up to count.
    private static List<Dictionary<string, object?>> Padded(List<object> items, int count) =>
        items.Select(i => new Dictionary<string, object?>((IDictionary<string, object?>)Plain(i)!) { ["visible"] = true })
            .Concat(Enumerable.Range(0, count - items.Count).Select(_ => Obj(("visible", false))))
            .ToList();

    // An axis with no range of its own covers every step (bars and stacked areas from 0), with a little room around it.
    private static void FixRange(DynamicObj.DynamicObj layout, string axisName, IReadOnlyList<GenericChart> steps)
    {
        var axis = Child(layout, axisName);
        if (Get(axis, "range") is not null || Get(axis, "type") as string == "log") return;
        bool x = axisName == "xaxis";
        var extents = steps.Select(s => ByteAxes.Extent(Traces(s), Layout(s), x)).OfType<(double Min, double Max)>().ToList();
        if (extents.Count == 0) return;
        double min = extents.Min(e => e.Min), max = extents.Max(e => e.Max);
        bool fromZero = !x && steps.SelectMany(Traces).Any(t => t.type == "bar" || Get(t, "stackgroup") is not null);
        if (fromZero) { min = Math.Min(0, min); max = Math.Max(0, max); }
        double pad = (max - min) * 0.05;
        if (pad == 0) pad = Math.Max(1, Math.Abs(max) * 0.05);
        axis.SetProperty("range", new[] { fromZero && min == 0 ? 0 : min - pad, max + pad });
        axis.SetProperty("autorange", false);
    }

    private static Dictionary<string, object?> Animation(int durationMs) =>
        Obj(("mode", "immediate"), ("frame", Obj(("duration", durationMs), ("redraw", true))), ("transition", Obj(("duration", 0))));

    private static string Names(IEnumerable<Trace> traces) => string.Join(", ", traces.Select(t => Get(t, "name")?.ToString() ?? t.type));
}
