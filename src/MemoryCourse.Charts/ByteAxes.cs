using Plotly.NET;
using static MemoryCourse.Charts.ChartParts;

namespace MemoryCourse.Charts;

/// <summary>
/// Axes of bytes for Plotly.NET charts: ticks at round binary sizes labelled 512 B, 4 KiB, 1.5 MiB (see
/// <see cref="ByteAxis"/>), and hover labels with the exact count instead of plotly's SI suffixes.
/// </summary>
public static class ByteAxes
{
    /// <summary>The y values are bytes. Call it after <see cref="CourseChart.Course"/> and after any range or log scale.</summary>
    public static GenericChart BytesY(this GenericChart chart) => Bytes(chart, x: false);

    /// <summary>The x values are bytes. Call it after <see cref="CourseChart.Course"/> and after any range or log scale.</summary>
    public static GenericChart BytesX(this GenericChart chart) => Bytes(chart, x: true);

    private static GenericChart Bytes(GenericChart chart, bool x)
    {
        var traces = Traces(chart);
        var layout = Layout(chart);
        var axis = Child(layout, x ? "xaxis" : "yaxis");
        bool log = Get(axis, "type") as string == "log";
        // Ticks over the data, of every step of a moving chart (a linear range narrower than the data narrows them).
        var extents = new[] { Extent(traces, layout, x) }
            .Concat(MovingChart.Frames(layout).Select(f => Extent(List(f, "data"), Get(f, "layout") ?? new Dictionary<string, object?>(), x)))
            .OfType<(double Min, double Max)>().ToList();
        (double Min, double Max)? span = extents.Count == 0 ? null : (extents.Min(e => e.Min), extents.Max(e => e.Max));
        if (span is { } e && !log && Get(axis, "range") is double[] { Length: 2 } r)
            span = (Math.Max(e.Min, Math.Min(r[0], r[1])), Math.Min(e.Max, Math.Max(r[0], r[1])));
        var ticks = span is { } s ? ByteAxis.Ticks(s.Min, s.Max, log) : [];
        if (ticks.Count > 0)
        {
            axis.SetProperty("tickmode", "array");
            axis.SetProperty("tickvals", ticks.ToArray());
            axis.SetProperty("ticktext", ByteAxis.Labels(ticks, log).ToArray());
        }
        axis.SetProperty("exponentformat", "none");
        axis.SetProperty("separatethousands", true);
        return Rebuild(chart, traces, layout);
    }

    /// <summary>The smallest and largest number on one axis, over the series (stacked ones summed) and the rectangles.</summary>
    internal static (double Min, double Max)? Extent(IEnumerable<object> traces, object layout, bool x)
    {
        var values = new List<double>();
        foreach (var t in traces.Where(t => TypeOf(t) != "heatmap"))
            values.AddRange(Values(t, x ? "x" : "y").Select(Number).OfType<double>());
        if (!x)
        {
            // Bars and stacked areas are drawn from 0: the ticks start there too.
            if (traces.Any(t => TypeOf(t) == "bar" || Get(t, "stackgroup") is not null)) values.Add(0);
            bool stackedBars = Get(layout, "barmode") as string == "stack";
            var stacked = traces.Where(t => Get(t, "stackgroup") is not null || (TypeOf(t) == "bar" && stackedBars)).Select(t => Values(t, "y")).ToList();
            if (stacked.Count > 1)
                for (int i = 0; i < stacked.Max(v => v.Count); i++)
                    values.Add(stacked.Sum(v => i < v.Count && Number(v[i]) is { } d ? Math.Max(0, d) : 0));
        }
        foreach (var shape in List(layout, "shapes"))
            foreach (var end in x ? new[] { "x0", "x1" } : ["y0", "y1"])
                if (Number(Get(shape, end)) is { } d) values.Add(d);
        return values.Count == 0 ? null : (values.Min(), values.Max());
    }
}
