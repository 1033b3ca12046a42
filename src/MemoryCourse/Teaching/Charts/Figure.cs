using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemoryCourse.Teaching.Charts;

/// <summary>
/// A chart, built up immutably and serialized to a plotly.js figure (<c>{"data": [...], "layout": {...}}</c>):
/// lines and scatters, bars (side by side or stacked), filled stacked areas, heatmaps, rectangles and
/// annotations, with a title and axis titles. Every method returns a new figure, so a notebook can build
/// variations from one base. <see cref="ToHtml"/> gives the markup a notebook shows (the course's setup
/// notebook registers it as the figure's HTML formatter).
/// <para>
/// So that every chart reads on its own: each series gets its own colour from <see cref="Palette"/>; a line that
/// lies on an earlier one for half of its points or more is dashed, and a line that may coincide with another
/// less often can be dashed by the notebook (<see cref="Line"/>), so neither hides the other; an axis of bytes is labelled in B, KiB, MiB
/// (<see cref="WithBytesY"/>); the title sits at the left, clear of plotly's toolbar; and a chart with nothing
/// to draw says so, with the reason the notebook gives (<see cref="WhenEmpty"/>).
/// </para>
/// </summary>
/// <param name="Title">What the chart shows, in a few words.</param>
/// <param name="XTitle">The x axis: quantity and unit, e.g. "frames" or "time (ms)".</param>
/// <param name="YTitle">The y axis: quantity and unit, e.g. "hit rate (%)".</param>
public sealed record Figure(string Title, string XTitle, string YTitle)
{
    /// <summary>The plotly.js version the notebook HTML loads when the page has none.</summary>
    public const string PlotlyCdnVersion = "2.35.2";

    /// <summary>
    /// The text font: Noto Sans KR for Korean, then plotly's own. The executed book ships Noto Sans KR for Hangul
    /// only, so Latin text there is plotly's usual; in VS Code a system font of that name is used when there is one.
    /// </summary>
    public const string FontFamily = "\"Noto Sans KR\", \"Open Sans\", verdana, arial, sans-serif";

    /// <summary>
    /// Series colours, in the order series are added: plotly's ten (so charts of up to ten series look as
    /// plotly draws them), then ten darker and lighter ones. Beyond twenty, <see cref="ColorFor"/> spreads hues.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
    ];

    /// <summary>The colour of the series at <paramref name="index"/>: the palette's, then hues a golden angle apart.</summary>
    public static string ColorFor(int index) =>
        index < Palette.Count ? Palette[index] : $"hsl({(index - Palette.Count) * 137.508 % 360:0}, 60%, {(index % 2 == 0 ? 38 : 55)}%)";

    /// <summary>Title lines are broken at words to at most this many characters, so a long title stays clear of the toolbar.</summary>
    public const int TitleLineLength = 55;

    public IReadOnlyList<Series> Traces { get; init; } = [];
    public IReadOnlyList<Shape> Shapes { get; init; } = [];
    public IReadOnlyList<Annotation> Annotations { get; init; } = [];
    /// <summary>plotly's barmode: "group" (side by side) or "stack".</summary>
    public string BarMode { get; init; } = "group";
    public int Height { get; init; } = 420;
    public bool LogY { get; init; }
    public bool LogX { get; init; }
    public (double Min, double Max)? YRange { get; init; }
    public (double Min, double Max)? XRange { get; init; }
    /// <summary>What the x values are: numbers, or bytes (ticks in binary units).</summary>
    public AxisKind XKind { get; init; }
    /// <summary>What the y values are: numbers, or bytes (ticks in binary units).</summary>
    public AxisKind YKind { get; init; }
    /// <summary>Why the chart may have nothing to draw, shown in its place when it has not (see <see cref="WhenEmpty"/>).</summary>
    public string? EmptyNote { get; init; }

    /// <summary>A line; <paramref name="dash"/> breaks it so that a line it coincides with shows through.</summary>
    public Figure Line(string name, IEnumerable<double> x, IEnumerable<double> y, LineDash dash = LineDash.Solid) =>
        Add(NewSeries("scatter", name, x, y) with { Mode = "lines", Dash = dash });

    /// <summary>A line with a marker at each point; <paramref name="dash"/> as for <see cref="Line"/>.</summary>
    public Figure LineWithMarkers(string name, IEnumerable<double> x, IEnumerable<double> y, LineDash dash = LineDash.Solid) =>
        Add(NewSeries("scatter", name, x, y) with { Mode = "lines+markers", Dash = dash });

    public Figure Scatter(string name, IEnumerable<double> x, IEnumerable<double> y) => Add(NewSeries("scatter", name, x, y) with { Mode = "markers" });

    public Figure Bar(string name, IEnumerable<double> x, IEnumerable<double> y) => Add(NewSeries("bar", name, x, y));

    public Figure Bar(string name, IEnumerable<string> categories, IEnumerable<double> y) =>
        Add(new Series { Type = "bar", Name = name, X = categories.Cast<object>().ToList(), Y = Boxed(y) });

    /// <summary>A filled area stacked on top of the previous <see cref="Area"/> traces (plotly's stackgroup).</summary>
    public Figure Area(string name, IEnumerable<double> x, IEnumerable<double> y) =>
        Add(NewSeries("scatter", name, x, y) with { Mode = "lines", StackGroup = "stack" });

    /// <summary>A heatmap of <paramref name="z"/> (rows are y, columns are x).</summary>
    public Figure Heatmap(string name, IEnumerable<IEnumerable<double>> z, IEnumerable<string> x, IEnumerable<string> y, string colorBarTitle) =>
        Add(new Series
        {
            Type = "heatmap", Name = name, Z = z.Select(r => (IReadOnlyList<double>)r.ToList()).ToList(),
            X = x.Cast<object>().ToList(), Y = y.Cast<object>().ToList(), ColorBarTitle = colorBarTitle,
        });

    /// <summary>Bars of different traces stacked instead of side by side.</summary>
    public Figure StackBars() => this with { BarMode = "stack" };

    public Figure Rect(double x0, double x1, double y0, double y1, string fillColor, string? lineColor = null) =>
        this with { Shapes = [.. Shapes, new Shape(x0, x1, y0, y1, fillColor, lineColor)] };

    public Figure Annotate(double x, double y, string text, bool showArrow = true) =>
        this with { Annotations = [.. Annotations, new Annotation(x, y, text, showArrow)] };

    public Figure WithYRange(double min, double max) => this with { YRange = (min, max) };

    public Figure WithXRange(double min, double max) => this with { XRange = (min, max) };

    public Figure WithLogY() => this with { LogY = true };

    public Figure WithLogX() => this with { LogX = true };

    public Figure WithHeight(int pixels) => this with { Height = pixels };

    /// <summary>Ticks of the y axis at <paramref name="values"/>, labelled with <paramref name="labels"/> (rows named, say, by policy).</summary>
    public Figure WithYTicks(IEnumerable<double> values, IEnumerable<string> labels)
    {
        var v = values.ToList();
        var l = labels.ToList();
        if (v.Count != l.Count) throw new ArgumentException($"{v.Count} tick values but {l.Count} labels; they must pair up");
        return this with { YTicks = v.Zip(l).ToList() };
    }

    /// <summary>Named ticks of the y axis (see <see cref="WithYTicks"/>); null: plotly's, or byte ticks.</summary>
    public IReadOnlyList<(double Value, string Label)>? YTicks { get; init; }

    /// <summary>The x values are bytes: ticks at round binary sizes, labelled 512 B, 4 KiB, 1.5 MiB, ...</summary>
    public Figure WithBytesX() => this with { XKind = AxisKind.Bytes };

    /// <summary>The y values are bytes: ticks at round binary sizes, labelled 512 B, 4 KiB, 1.5 MiB, ...</summary>
    public Figure WithBytesY() => this with { YKind = AxisKind.Bytes };

    /// <summary>
    /// What the chart says in place of its plot when no series has anything to draw, for example "no collection
    /// happened: new space never filled". Without it an empty chart still says that its series have no points.
    /// </summary>
    public Figure WhenEmpty(string why) => this with { EmptyNote = why };

    /// <summary>True when nothing would be drawn: no rectangle, no heatmap, and no series with a point to show.</summary>
    public bool IsEmpty => Shapes.Count == 0 && !Traces.Any(Draws);

    public Figure Add(Series trace) => this with { Traces = [.. Traces, trace] };

    /// <summary>The steps of a chart that moves (see <see cref="WithSlider"/>); empty for a still chart.</summary>
    public IReadOnlyList<Frame> Frames { get; init; } = [];

    /// <summary>What the slider's current value is called, e.g. "op " or "collection ".</summary>
    public string SliderPrefix { get; init; } = "";

    /// <summary>
    /// A chart that moves: a slider under the plot steps through <paramref name="steps"/>, each drawn on this
    /// figure's axes with its own series, rectangles, labels and title (a step's title, when it differs from
    /// this figure's, replaces it while that step is shown). The chart opens on the first step; a play button runs
    /// through them. Build every step from the same base so that they have the same series in the same order:
    /// plotly moves series from step to step by their place. Unless a range is set, each axis covers all steps.
    /// </summary>
    /// <param name="prefix">Shown before the current step's label, e.g. "op ".</param>
    /// <param name="steps">Each step's short label on the slider (a number, a time) and what it draws.</param>
    public Figure WithSlider(string prefix, IEnumerable<(string Label, Figure Step)> steps)
    {
        var list = steps.ToList();
        if (list.Count == 0) throw new ArgumentException("a chart that moves needs at least one step");
        var first = list[0].Step;
        for (int i = 1; i < list.Count; i++)
        {
            var s = list[i].Step;
            if (s.Traces.Count != first.Traces.Count || !s.Traces.Select(t => t.Type).SequenceEqual(first.Traces.Select(t => t.Type)))
                throw new ArgumentException(
                    $"step {i} ('{list[i].Label}') has series {string.Join(", ", s.Traces.Select(t => t.Name ?? t.Type))} but step 0 has " +
                    $"{string.Join(", ", first.Traces.Select(t => t.Name ?? t.Type))}: every step must have the same series in the same order");
        }
        var frames = list.Select(p => new Frame(p.Label, p.Step.Traces, p.Step.Shapes, p.Step.Annotations, p.Step.Title == Title ? null : p.Step.Title)).ToList();
        return this with { Traces = first.Traces, Shapes = first.Shapes, Annotations = first.Annotations, Frames = frames, SliderPrefix = prefix };
    }

    private static Series NewSeries(string type, string name, IEnumerable<double> x, IEnumerable<double> y)
    {
        var xs = Boxed(x);
        var ys = Boxed(y);
        if (xs.Count != ys.Count)
            throw new ArgumentException($"series '{name}' has {xs.Count} x values but {ys.Count} y values; they must pair up");
        return new Series { Type = type, Name = name, X = xs, Y = ys };
    }

    private static List<object> Boxed(IEnumerable<double> values) => values.Select(v => (object)v).ToList();

    // A series draws something when it has a finite point to mark or bar to show, or two to join with a line.
    private static bool Draws(Series t)
    {
        if (t.Type == "heatmap") return t.Z is { Count: > 0 };
        int points = t.Y?.Count(v => v is string || double.IsFinite(Convert.ToDouble(v, CultureInfo.InvariantCulture))) ?? 0;
        bool marks = t.Type != "scatter" || (t.Mode ?? "markers").Contains("markers", StringComparison.Ordinal);
        return points >= (marks ? 1 : 2);
    }

    // A solid line that lies on an earlier one (at half of its points or more) is broken: dash, then dot, then
    // dash-dot when it lies on two or three earlier ones, so that they show through its gaps.
    private LineDash DashOf(int index)
    {
        var t = Traces[index];
        if (t.Dash != LineDash.Solid || !IsLine(t) || !Draws(t)) return t.Dash;
        int under = Traces.Take(index).Count(e => IsLine(e) && Coincide(e, t));
        return under switch { 0 => LineDash.Solid, 1 => LineDash.Dash, 2 => LineDash.Dot, _ => LineDash.DashDot };
    }

    private static bool IsLine(Series t) => t.Type == "scatter" && (t.Mode ?? "").Contains("lines", StringComparison.Ordinal) && t.StackGroup is null;

    private static bool Coincide(Series a, Series b)
    {
        if (a.X is not { } ax || b.X is not { } bx || a.Y is not { } ay || b.Y is not { } by
            || ax.Count != bx.Count || ay.Count != by.Count || ay.Count == 0 || !ax.SequenceEqual(bx)) return false;
        int same = ay.Zip(by).Count(p => p.First is double f && p.Second is double s && double.IsFinite(f) && double.IsFinite(s)
            && Math.Abs(f - s) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(f), Math.Abs(s))));
        return 2 * same >= ay.Count;
    }

    /// <summary>The title broken at spaces into lines of at most <see cref="TitleLineLength"/> characters (a longer word stays whole).</summary>
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

    /// <summary>The plotly.js figure as JSON: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            bool empty = IsEmpty;
            w.WriteStartObject();
            w.WriteStartArray("data");
            WriteTraces(w, empty);
            w.WriteEndArray();
            w.WriteStartObject("layout");
            // Left-aligned over the plot and broken into short lines: plotly's toolbar sits at the top right.
            WriteTitle(w, Frames.Count > 0 ? Frames[0].Title ?? Title : Title);
            w.WriteStartObject("font"); w.WriteString("family", FontFamily); w.WriteEndObject();
            WriteAxis(w, "xaxis", XTitle, XRange ?? StepsRange(x: true), LogX, XKind, () => Extent(x: true));
            WriteAxis(w, "yaxis", YTitle, YRange ?? StepsRange(x: false), LogY, YKind, () => Extent(x: false), YTicks);
            w.WriteString("barmode", BarMode);
            w.WriteNumber("height", Height + (Frames.Count > 0 ? SliderHeight : 0));
            int titleLines = Frames.Select(f => TitleLines(f.Title ?? Title).Count).Append(TitleLines(Title).Count).Max();
            w.WriteStartObject("margin"); w.WriteNumber("t", 60 + 22 * (titleLines - 1)); w.WriteNumber("r", 20); w.WriteEndObject();
            WriteDecorations(w, empty);
            if (Frames.Count > 0) WriteSlider(w);
            w.WriteEndObject();
            if (Frames.Count > 0)
            {
                // Each frame carries everything that moves: the traces (by index, so every step has the same series),
                // the rectangles, the labels and the title.
                w.WriteStartArray("frames");
                for (int i = 0; i < Frames.Count; i++)
                {
                    var frame = Frames[i];
                    var step = this with { Traces = frame.Traces, Shapes = frame.Shapes, Annotations = frame.Annotations, Frames = [] };
                    bool stepEmpty = step.IsEmpty;
                    w.WriteStartObject();
                    w.WriteString("name", FrameName(i));
                    w.WriteStartArray("data");
                    step.WriteTraces(w, stepEmpty);
                    w.WriteEndArray();
                    w.WriteStartObject("layout");
                    WriteTitle(w, frame.Title ?? Title);
                    // An empty list clears the previous step's rectangles and labels.
                    w.WriteStartArray("shapes"); step.WriteShapes(w); w.WriteEndArray();
                    w.WriteStartArray("annotations"); step.WriteAnnotations(w, stepEmpty); w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The name of the frame of step <paramref name="index"/> (what the slider's step asks plotly to animate to).</summary>
    public static string FrameName(int index) => $"step-{index}";

    /// <summary>Pixels added below the plot for the slider and its play button.</summary>
    public const int SliderHeight = 90;

    private void WriteTraces(Utf8JsonWriter w, bool empty)
    {
        int colour = 0;
        for (int i = 0; i < Traces.Count; i++)
        {
            var t = Traces[i];
            WriteTrace(w, t, t.Type == "heatmap" ? null : t.Color ?? ColorFor(colour++), noPoints: !empty && !Draws(t), DashOf(i));
        }
    }

    private static void WriteTitle(Utf8JsonWriter w, string title)
    {
        w.WriteStartObject("title");
        w.WriteString("text", string.Join("<br>", TitleLines(title)));
        w.WriteNumber("x", 0); w.WriteString("xref", "paper"); w.WriteString("xanchor", "left");
        w.WriteEndObject();
    }

    private void WriteDecorations(Utf8JsonWriter w, bool empty)
    {
        if (Shapes.Count > 0 || Frames.Count > 0) { w.WriteStartArray("shapes"); WriteShapes(w); w.WriteEndArray(); }
        if (Annotations.Count > 0 || empty || Frames.Count > 0) { w.WriteStartArray("annotations"); WriteAnnotations(w, empty); w.WriteEndArray(); }
    }

    private void WriteShapes(Utf8JsonWriter w)
    {
        foreach (var s in Shapes)
        {
            w.WriteStartObject();
            w.WriteString("type", "rect");
            w.WriteNumber("x0", s.X0); w.WriteNumber("x1", s.X1); w.WriteNumber("y0", s.Y0); w.WriteNumber("y1", s.Y1);
            w.WriteString("fillcolor", s.FillColor);
            w.WriteStartObject("line"); w.WriteString("color", s.LineColor ?? "white"); w.WriteNumber("width", 1); w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private void WriteAnnotations(Utf8JsonWriter w, bool empty)
    {
        foreach (var a in Annotations)
        {
            w.WriteStartObject();
            w.WriteNumber("x", a.X); w.WriteNumber("y", a.Y); w.WriteString("text", a.Text); w.WriteBoolean("showarrow", a.ShowArrow);
            w.WriteEndObject();
        }
        if (empty)
        {
            // In the middle of the empty plot: what is missing, and why when the notebook says.
            w.WriteStartObject();
            w.WriteString("xref", "paper"); w.WriteString("yref", "paper"); w.WriteNumber("x", 0.5); w.WriteNumber("y", 0.5);
            w.WriteString("text", EmptyText()); w.WriteBoolean("showarrow", false);
            w.WriteStartObject("font"); w.WriteNumber("size", 15); w.WriteString("color", "#6e6e73"); w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    // The slider under the plot: one step per frame, each asking plotly to animate to its frame at once; and a play
    // button that runs through the frames from the current one.
    private void WriteSlider(Utf8JsonWriter w)
    {
        static void AnimateArgs(Utf8JsonWriter w, bool mode, int durationMs, bool fromCurrent)
        {
            w.WriteStartObject();
            if (mode) w.WriteString("mode", "immediate");
            if (fromCurrent) w.WriteBoolean("fromcurrent", true);
            w.WriteStartObject("frame"); w.WriteNumber("duration", durationMs); w.WriteBoolean("redraw", true); w.WriteEndObject();
            w.WriteStartObject("transition"); w.WriteNumber("duration", 0); w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteStartArray("sliders");
        w.WriteStartObject();
        w.WriteNumber("active", 0);
        w.WriteNumber("x", 0.1); w.WriteNumber("len", 0.9); w.WriteNumber("y", 0); w.WriteString("yanchor", "top");
        w.WriteStartObject("pad"); w.WriteNumber("t", 50); w.WriteEndObject();
        w.WriteStartObject("currentvalue");
        w.WriteBoolean("visible", true); w.WriteString("prefix", SliderPrefix); w.WriteString("xanchor", "left");
        w.WriteEndObject();
        w.WriteStartArray("steps");
        for (int i = 0; i < Frames.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("label", Frames[i].Label);
            w.WriteString("method", "animate");
            w.WriteStartArray("args");
            w.WriteStartArray(); w.WriteStringValue(FrameName(i)); w.WriteEndArray();
            AnimateArgs(w, mode: true, durationMs: 0, fromCurrent: false);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("updatemenus");
        w.WriteStartObject();
        w.WriteString("type", "buttons"); w.WriteBoolean("showactive", false);
        w.WriteNumber("x", 0.1); w.WriteNumber("y", 0); w.WriteString("xanchor", "right"); w.WriteString("yanchor", "top");
        w.WriteStartObject("pad"); w.WriteNumber("t", 60); w.WriteNumber("r", 10); w.WriteEndObject();
        w.WriteStartArray("buttons");
        w.WriteStartObject();
        w.WriteString("label", "▶ play"); w.WriteString("method", "animate");
        w.WriteStartArray("args"); w.WriteNullValue(); AnimateArgs(w, mode: false, durationMs: PlayFrameMs, fromCurrent: true); w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("label", "❚❚ pause"); w.WriteString("method", "animate");
        w.WriteStartArray("args"); w.WriteStartArray(); w.WriteNullValue(); w.WriteEndArray(); AnimateArgs(w, mode: true, durationMs: 0, fromCurrent: false); w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>How long the play button shows each step, in milliseconds.</summary>
    public int PlayFrameMs { get; init; } = 500;

    // A chart that moves keeps its axes still: unless the notebook set a range, the range covers every step
    // (bars and stacked areas from 0), with a little room around it. Log axes and categories are left to plotly.
    private (double Min, double Max)? StepsRange(bool x)
    {
        if (Frames.Count == 0 || (x ? LogX : LogY)) return null;
        if (Extent(x) is not { } e) return null;
        var all = new[] { this }.Concat(Frames.Select(f => this with { Traces = f.Traces, Shapes = f.Shapes, Frames = [] }));
        bool fromZero = !x && all.SelectMany(f => f.Traces).Any(t => t.Type == "bar" || t.StackGroup is not null);
        double min = fromZero ? Math.Min(0, e.Min) : e.Min, max = fromZero ? Math.Max(0, e.Max) : e.Max;
        double pad = (max - min) * 0.05;
        if (pad == 0) pad = Math.Max(1, Math.Abs(max) * 0.05);
        return (fromZero && min == 0 ? 0 : min - pad, max + pad);
    }

    // "Nothing to show: <why>", where the notebook's reason is given, else which series are empty.
    private string EmptyText()
    {
        string why = EmptyNote ?? (Traces.Count == 0
            ? "the chart has no series"
            : $"{string.Join(", ", Traces.Select(t => t.Name ?? t.Type))} {(Traces.Count == 1 ? "has" : "have")} no points to draw");
        return "Nothing to show: " + string.Join("<br>", TitleLines(why));
    }

    // The smallest and largest numeric value on one axis, over the series (stacked ones summed) and the rectangles.
    private (double Min, double Max)? Extent(bool x)
    {
        if (Frames.Count > 0)
        {
            // Over every step of a chart that moves, so that ticks and ranges stay the same from step to step.
            var extents = new[] { this with { Frames = [] } }.Concat(Frames.Select(f => this with { Traces = f.Traces, Shapes = f.Shapes, Frames = [] }))
                .Select(f => f.Extent(x)).OfType<(double Min, double Max)>().ToList();
            return extents.Count == 0 ? null : (extents.Min(e => e.Min), extents.Max(e => e.Max));
        }
        var values = new List<double>();
        foreach (var t in Traces.Where(t => t.Type != "heatmap"))
            if ((x ? t.X : t.Y) is { } v && v.All(e => e is not string))
                values.AddRange(v.Select(e => Convert.ToDouble(e, CultureInfo.InvariantCulture)).Where(double.IsFinite));
        if (!x)
        {
            var stacked = Traces.Where(t => t.Y is not null && (t.StackGroup is not null || (t.Type == "bar" && BarMode == "stack"))).ToList();
            if (stacked.Count > 1)
                for (int i = 0; i < stacked.Max(t => t.Y!.Count); i++)
                    values.Add(stacked.Sum(t => i < t.Y!.Count && t.Y[i] is not string && double.IsFinite(Convert.ToDouble(t.Y[i], CultureInfo.InvariantCulture))
                        ? Math.Max(0, Convert.ToDouble(t.Y[i], CultureInfo.InvariantCulture)) : 0));
        }
        foreach (var s in Shapes) { values.Add(x ? s.X0 : s.Y0); values.Add(x ? s.X1 : s.Y1); }
        return values.Count == 0 ? null : (values.Min(), values.Max());
    }

    private static void WriteAxis(Utf8JsonWriter w, string name, string title, (double Min, double Max)? range, bool log, AxisKind kind,
        Func<(double Min, double Max)?> extent, IReadOnlyList<(double Value, string Label)>? named = null)
    {
        w.WriteStartObject(name);
        w.WriteStartObject("title"); w.WriteString("text", title); w.WriteEndObject();
        if (range is { } r) { w.WriteStartArray("range"); w.WriteNumberValue(r.Min); w.WriteNumberValue(r.Max); w.WriteEndArray(); }
        if (log) w.WriteString("type", "log");
        if (named is not null)
        {
            w.WriteString("tickmode", "array");
            w.WriteStartArray("tickvals"); foreach (var t in named) w.WriteNumberValue(t.Value); w.WriteEndArray();
            w.WriteStartArray("ticktext"); foreach (var t in named) w.WriteStringValue(t.Label); w.WriteEndArray();
        }
        else if (kind == AxisKind.Bytes)
        {
            // Ticks over the data (a linear range narrower than the data narrows them; a wider one leaves room, for labels say).
            var span = extent() ?? range;
            if (span is { } e && !log && range is { } shown) span = (Math.Max(e.Min, Math.Min(shown.Min, shown.Max)), Math.Min(e.Max, Math.Max(shown.Min, shown.Max)));
            var ticks = span is { } s ? ByteAxis.Ticks(s.Min, s.Max, log) : [];
            if (ticks.Count > 0)
            {
                w.WriteString("tickmode", "array");
                w.WriteStartArray("tickvals"); foreach (var v in ticks) w.WriteNumberValue(v); w.WriteEndArray();
                w.WriteStartArray("ticktext"); foreach (var label in ByteAxis.Labels(ticks, log)) w.WriteStringValue(label); w.WriteEndArray();
            }
            // Hover labels show the exact count, never an SI suffix ("1.2B" would read as bytes).
            w.WriteString("exponentformat", "none");
            w.WriteBoolean("separatethousands", true);
        }
        w.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter w, Series t, string? color, bool noPoints, LineDash dash)
    {
        w.WriteStartObject();
        w.WriteString("type", t.Type);
        if (t.Name is not null) w.WriteString("name", noPoints ? t.Name + " (no points)" : t.Name);
        if (t.Mode is not null) w.WriteString("mode", t.Mode);
        if (t.StackGroup is not null) w.WriteString("stackgroup", t.StackGroup);
        if (t.X is not null) WriteValues(w, "x", t.X);
        if (t.Y is not null) WriteValues(w, "y", t.Y);
        if (t.Z is not null)
        {
            w.WriteStartArray("z");
            foreach (var row in t.Z) { w.WriteStartArray(); foreach (var v in row) WriteNumber(w, v); w.WriteEndArray(); }
            w.WriteEndArray();
        }
        if (t.ColorBarTitle is not null) { w.WriteStartObject("colorbar"); w.WriteStartObject("title"); w.WriteString("text", t.ColorBarTitle); w.WriteEndObject(); w.WriteEndObject(); }
        if (color is not null)
        {
            w.WriteStartObject("marker"); w.WriteString("color", color); w.WriteEndObject();
            if (t.Type == "scatter")
            {
                w.WriteStartObject("line");
                w.WriteString("color", color);
                if (dash != LineDash.Solid) w.WriteString("dash", dash.ToString().ToLowerInvariant());
                w.WriteEndObject();
            }
        }
        if (t.Text is not null) w.WriteString("hovertemplate", t.Text);
        w.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter w, string name, IReadOnlyList<object> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (v is string s) w.WriteStringValue(s);
            else WriteNumber(w, Convert.ToDouble(v, CultureInfo.InvariantCulture));
        }
        w.WriteEndArray();
    }

    // NaN and infinities are not JSON; plotly reads null as a gap in the line.
    private static void WriteNumber(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
    }

    /// <summary>
    /// The markup a notebook shows for this figure: a div and a script that draws into it. On a page that
    /// already has plotly.js (the executed book) it uses that copy; otherwise (VS Code) it loads plotly.js
    /// through require.js from the plotly CDN, falling back to a plain script tag, as Plotly.NET.Interactive does.
    /// </summary>
    public string ToHtml()
    {
        string json = ToJson();
        string id = "memorycourse-plot-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json + Guid.NewGuid())))[..12].ToLowerInvariant();
        string cdn = $"https://cdn.plot.ly/plotly-{PlotlyCdnVersion}.min";
        return $$$"""
            <div id="{{{id}}}" style="width:100%;height:{{{Height + (Frames.Count > 0 ? SliderHeight : 0)}}}px;"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{{json}}};
              var config = {responsive: true, displaylogo: false, showSendToCloud: false,
                modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'zoomIn2d', 'zoomOut2d']};
              var draw = function (Plotly) {
                Plotly.newPlot('{{{id}}}', {data: figure.data, layout: figure.layout, frames: figure.frames || [], config: config});
              };
              if (typeof window.Plotly !== 'undefined') { draw(window.Plotly); return; }
              var withScriptTag = function () {
                var s = document.createElement('script');
                s.src = '{{{cdn}}}.js';
                s.onload = function () { draw(window.Plotly); };
                document.head.appendChild(s);
              };
              var withRequire = function () {
                var load = requirejs.config({context: 'memorycourse-plotly', paths: {plotly: '{{{cdn}}}'}}) || require;
                load(['plotly'], draw, withScriptTag);
              };
              if (typeof requirejs === 'function' && typeof requirejs.config === 'function') { withRequire(); return; }
              var r = document.createElement('script');
              r.src = 'https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js';
              r.onload = withRequire;
              r.onerror = withScriptTag;
              document.head.appendChild(r);
            })();
            </script>
            """;
    }
}
