using System.Text;
using Plotly.NET;
using static MemoryCourse.Charts.ChartParts;

namespace MemoryCourse.Charts;

/// <summary>
/// The course's finishing touches for a Plotly.NET chart. Build a chart with Plotly.NET (for example
/// <c>Chart.Line&lt;double, double, string&gt;(x, y, Name: "LRU")</c> from Plotly.NET.CSharp, several joined with
/// <c>Chart.Combine</c>), then call <see cref="Course"/> to give it a title, axis titles with units and the course's
/// look. Each helper returns a new chart and leaves the one it was given as it was.
/// </summary>
public static class CourseChart
{
    /// <summary>
    /// The text font: Noto Sans KR for Korean, then plotly's own. The executed book ships Noto Sans KR for Hangul
    /// only, so Latin text there is plotly's usual; in VS Code a system font of that name is used when there is one.
    /// </summary>
    public const string FontFamily = "\"Noto Sans KR\", \"Open Sans\", verdana, arial, sans-serif";

    /// <summary>
    /// Series colours, in the order series are added: plotly's classic ten, then ten darker and lighter ones, so
    /// that up to twenty series all differ (plotly cycles through the list after that).
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
    ];

    /// <summary>Title lines are broken at words to at most this many characters, so a long title stays clear of the toolbar.</summary>
    public const int TitleLineLength = 45;

    /// <summary>What a chart with nothing to draw says in place of its plot.</summary>
    public const string EmptyNoteName = "nothing-to-show";

    /// <summary>
    /// Titles the chart and its axes (quantity and unit, e.g. "frames", "hit rate (%)") and gives it the course's look:
    /// the title at the left in short lines, clear of plotly's toolbar; the legend beside the plot; the course's
    /// <see cref="Palette"/>; the full width of the page at <paramref name="height"/> pixels. A line that lies on an
    /// earlier one for half of its points or more is dashed (then dotted, then dash-dotted), so that neither hides the
    /// other. A chart with nothing to draw says so in its middle (give the reason with <see cref="WhenEmpty"/>).
    /// </summary>
    public static GenericChart Course(this GenericChart chart, string title, string xTitle, string yTitle, int height = 420)
    {
        var traces = Traces(chart);
        DashCoinciding(traces);
        var layout = Layout(chart);
        // Plotly.NET's default template (its look, as a tree of typed objects) costs about a second of CPU to write
        // out per chart, more than the rest of a course chart together; the course sets its own look instead.
        layout.RemoveProperty("template");
        layout.RemoveProperty("width");
        layout.SetProperty("height", height);
        layout.SetProperty("autosize", true);
        SetTitle(layout, title);
        var font = Child(layout, "font");
        font.SetProperty("family", FontFamily);
        layout.SetProperty("colorway", Palette.ToArray());
        layout.SetProperty("hovermode", "closest");
        AxisTitle(Child(layout, "xaxis"), xTitle);
        AxisTitle(Child(layout, "yaxis"), yTitle);
        var legend = Child(layout, "legend");
        legend.SetProperty("orientation", "v");
        legend.SetProperty("x", 1.02);
        legend.SetProperty("xanchor", "left");
        legend.SetProperty("y", 1);
        var margin = Child(layout, "margin");
        margin.SetProperty("t", 60 + 22 * (TitleLines(title).Count - 1));
        margin.SetProperty("r", 20);
        var annotations = List(layout, "annotations").Where(a => !IsEmptyNote(a)).ToList();
        if (IsEmpty(traces, layout)) annotations.Add(EmptyNote(NoPointsReason(traces)));
        layout.SetProperty("annotations", annotations);
        return Rebuild(chart, traces, layout);
    }

    /// <summary>
    /// Why the chart may have nothing to draw, for example "no collection happened: new space never filled". When it
    /// has nothing, it says "Nothing to show:" and this reason in its middle; when it has, nothing changes.
    /// </summary>
    public static GenericChart WhenEmpty(this GenericChart chart, string why)
    {
        var traces = Traces(chart);
        var layout = Layout(chart);
        if (!IsEmpty(traces, layout)) return chart;
        var annotations = List(layout, "annotations").Where(a => !IsEmptyNote(a)).Append(EmptyNote(why)).ToList();
        layout.SetProperty("annotations", annotations);
        return Rebuild(chart, traces, layout);
    }

    /// <summary>A logarithmic y axis (for sizes that span powers of two or ten).</summary>
    public static GenericChart LogY(this GenericChart chart) => Axis(chart, "yaxis", a => a.SetProperty("type", "log"));

    /// <summary>A logarithmic x axis.</summary>
    public static GenericChart LogX(this GenericChart chart) => Axis(chart, "xaxis", a => a.SetProperty("type", "log"));

    /// <summary>The y axis shows exactly <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static GenericChart YRange(this GenericChart chart, double min, double max) =>
        Axis(chart, "yaxis", a => { a.SetProperty("range", new[] { min, max }); a.SetProperty("autorange", false); });

    /// <summary>The x axis shows exactly <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static GenericChart XRange(this GenericChart chart, double min, double max) =>
        Axis(chart, "xaxis", a => { a.SetProperty("range", new[] { min, max }); a.SetProperty("autorange", false); });

    /// <summary>Ticks of the y axis at <paramref name="values"/>, labelled with <paramref name="labels"/> (rows named, say, by policy).</summary>
    public static GenericChart YTicks(this GenericChart chart, IEnumerable<double> values, IEnumerable<string> labels)
    {
        var v = values.ToArray();
        var l = labels.ToArray();
        if (v.Length != l.Length) throw new ArgumentException($"{v.Length} tick values but {l.Length} labels; they must pair up");
        return Axis(chart, "yaxis", a => { a.SetProperty("tickmode", "array"); a.SetProperty("tickvals", v); a.SetProperty("ticktext", l); });
    }

    /// <summary>Bars of different series stacked instead of side by side.</summary>
    public static GenericChart StackBars(this GenericChart chart)
    {
        var layout = Layout(chart);
        layout.SetProperty("barmode", "stack");
        return Rebuild(chart, Traces(chart), layout);
    }

    /// <summary>Bars with long category names drawn across, names on the left and every name readable.</summary>
    public static GenericChart LongCategories(this GenericChart chart) =>
        Axis(chart, "yaxis", a => { a.SetProperty("automargin", true); a.SetProperty("autorange", "reversed"); });

    /// <summary>Rectangles (see <see cref="Rect"/>) and labels (see <see cref="Label"/>) drawn on the plot, after any it has.</summary>
    public static GenericChart Draw(
        this GenericChart chart, IEnumerable<IDictionary<string, object?>>? rects = null, IEnumerable<IDictionary<string, object?>>? labels = null)
    {
        var traces = Traces(chart);
        var layout = Layout(chart);
        if (rects is not null) layout.SetProperty("shapes", List(layout, "shapes").Concat(rects).ToList());
        if (labels is not null) layout.SetProperty("annotations", List(layout, "annotations").Concat(labels).ToList());
        if (!IsEmpty(traces, layout)) layout.SetProperty("annotations", List(layout, "annotations").Where(a => !IsEmptyNote(a)).ToList());
        return Rebuild(chart, traces, layout);
    }

    /// <summary>
    /// A rectangle in data coordinates (a heap block, a page), filled, with a thin outline: a plotly.js shape, as the
    /// plain properties Plotly.NET writes into the layout's <c>shapes</c> (a plain object, not Plotly.NET's
    /// <c>Shape</c>, which it writes out a thousand times slower).
    /// </summary>
    public static IDictionary<string, object?> Rect(double x0, double x1, double y0, double y1, string fill, string? outline = null) =>
        Obj(("type", "rect"), ("x0", x0), ("x1", x1), ("y0", y0), ("y1", y1), ("fillcolor", fill),
            ("line", Obj(("color", outline ?? "white"), ("width", 1))));

    /// <summary>A text label at a point of the plot, with an arrow pointing at it unless <paramref name="arrow"/> is false (a plotly.js annotation).</summary>
    public static IDictionary<string, object?> Label(double x, double y, string text, bool arrow = true) =>
        Obj(("x", x), ("y", y), ("text", text), ("showarrow", arrow));

    /// <summary>A title broken at words into lines of at most <see cref="TitleLineLength"/> characters.</summary>
    public static IReadOnlyList<string> TitleLines(string title)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > TitleLineLength) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }

    internal static void SetTitle(DynamicObj.DynamicObj layout, string title)
    {
        var t = Child(layout, "title");
        t.SetProperty("text", string.Join("<br>", TitleLines(title)));
        // At the chart's left edge (not the plot's, which long category names push right), clear of the toolbar.
        t.SetProperty("x", 0.01);
        t.SetProperty("xref", "container");
        t.SetProperty("xanchor", "left");
    }

    private static void AxisTitle(DynamicObj.DynamicObj axis, string text)
    {
        var title = Child(axis, "title");
        title.SetProperty("text", text);
        // Room between the tick labels and the axis title, which automargin then keeps clear of each other.
        title.SetProperty("standoff", 15);
        axis.SetProperty("automargin", true);
        // Chart.Invisible() (the start of a chart of rectangles only) hides the axes; a course chart always shows them.
        axis.SetProperty("visible", true);
        axis.SetProperty("showticklabels", true);
    }

    internal static GenericChart Axis(GenericChart chart, string name, Action<DynamicObj.DynamicObj> change)
    {
        var layout = Layout(chart);
        change(Child(layout, name));
        return Rebuild(chart, Traces(chart), layout);
    }

    // A series draws something when it has a finite point to mark or bar to show, or two to join with a line.
    internal static bool Draws(Trace t)
    {
        if (t.type == "heatmap") return Values(t, "z").Count > 0;
        int points = Values(t, "y").Count(v => v is string || Number(v) is not null);
        if (t.type == "bar" && points == 0) points = Values(t, "x").Count(v => Number(v) is not null);
        string mode = Get(t, "mode")?.ToString() ?? "markers";
        bool marks = t.type != "scatter" || mode.Contains("markers", StringComparison.Ordinal);
        return points >= (marks ? 1 : 2);
    }

    internal static bool IsEmpty(IReadOnlyList<Trace> traces, DynamicObj.DynamicObj layout) =>
        List(layout, "shapes").Count == 0 && !traces.Any(Draws);

    private static string NoPointsReason(IReadOnlyList<Trace> traces)
    {
        var names = traces.Select(t => Get(t, "name")?.ToString() ?? t.type).ToList();
        return names.Count == 0 ? "the chart has no series" : $"{string.Join(", ", names)} {(names.Count == 1 ? "has" : "have")} no points to draw";
    }

    internal static IDictionary<string, object?> EmptyNote(string why) =>
        Obj(("name", EmptyNoteName), ("xref", "paper"), ("yref", "paper"), ("x", 0.5), ("y", 0.5),
            ("text", "Nothing to show: " + string.Join("<br>", TitleLines(why))), ("showarrow", false),
            ("font", Obj(("size", 15), ("color", "#6e6e73"))));

    private static bool IsEmptyNote(object annotation) => Get(annotation, "name") as string == EmptyNoteName;

    // A solid line that lies on an earlier one (at half of its points or more) is broken: dash, then dot, then
    // dash-dot when it lies on two or three earlier ones, so that they show through its gaps.
    internal static void DashCoinciding(List<Trace> traces)
    {
        for (int i = 0; i < traces.Count; i++)
        {
            var t = traces[i];
            if (!IsLine(t) || !Draws(t) || Get(Get(t, "line") as DynamicObj.DynamicObj ?? new(), "dash") is not null) continue;
            int under = traces.Take(i).Count(e => IsLine(e) && Coincide(e, t));
            if (under == 0) continue;
            var line = Child(t, "line");
            line.SetProperty("dash", under switch { 1 => "dash", 2 => "dot", _ => "dashdot" });
        }
    }

    private static bool IsLine(Trace t) =>
        t.type == "scatter" && (Get(t, "mode")?.ToString() ?? "").Contains("lines", StringComparison.Ordinal) && Get(t, "stackgroup") is null;

    private static bool Coincide(Trace a, Trace b)
    {
        var (ax, bx, ay, by) = (Values(a, "x"), Values(b, "x"), Values(a, "y"), Values(b, "y"));
        if (ax.Count != bx.Count || ay.Count != by.Count || ay.Count == 0 || !ax.Select(Number).SequenceEqual(bx.Select(Number))) return false;
        int same = ay.Zip(by).Count(p => Number(p.First) is { } f && Number(p.Second) is { } s
            && Math.Abs(f - s) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(f), Math.Abs(s))));
        return 2 * same >= ay.Count;
    }
}
