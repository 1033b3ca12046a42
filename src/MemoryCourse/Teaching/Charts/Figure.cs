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
/// </summary>
/// <param name="Title">What the chart shows, in a few words.</param>
/// <param name="XTitle">The x axis: quantity and unit, e.g. "frames" or "time (ms)".</param>
/// <param name="YTitle">The y axis: quantity and unit, e.g. "hit rate (%)".</param>
public sealed record Figure(string Title, string XTitle, string YTitle)
{
    /// <summary>The plotly.js version the notebook HTML loads when the page has none.</summary>
    public const string PlotlyCdnVersion = "2.35.2";

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

    public Figure Line(string name, IEnumerable<double> x, IEnumerable<double> y) => Add(NewSeries("scatter", name, x, y) with { Mode = "lines" });

    public Figure LineWithMarkers(string name, IEnumerable<double> x, IEnumerable<double> y) => Add(NewSeries("scatter", name, x, y) with { Mode = "lines+markers" });

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

    public Figure Add(Series trace) => this with { Traces = [.. Traces, trace] };

    private static Series NewSeries(string type, string name, IEnumerable<double> x, IEnumerable<double> y)
    {
        var xs = Boxed(x);
        var ys = Boxed(y);
        if (xs.Count != ys.Count)
            throw new ArgumentException($"series '{name}' has {xs.Count} x values but {ys.Count} y values; they must pair up");
        return new Series { Type = type, Name = name, X = xs, Y = ys };
    }

    private static List<object> Boxed(IEnumerable<double> values) => values.Select(v => (object)v).ToList();

    /// <summary>The plotly.js figure as JSON: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var t in Traces) WriteTrace(w, t);
            w.WriteEndArray();
            w.WriteStartObject("layout");
            w.WriteStartObject("title"); w.WriteString("text", Title); w.WriteEndObject();
            WriteAxis(w, "xaxis", XTitle, XRange, LogX);
            WriteAxis(w, "yaxis", YTitle, YRange, LogY);
            w.WriteString("barmode", BarMode);
            w.WriteNumber("height", Height);
            w.WriteStartObject("margin"); w.WriteNumber("t", 60); w.WriteNumber("r", 20); w.WriteEndObject();
            if (Shapes.Count > 0)
            {
                w.WriteStartArray("shapes");
                foreach (var s in Shapes)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "rect");
                    w.WriteNumber("x0", s.X0); w.WriteNumber("x1", s.X1); w.WriteNumber("y0", s.Y0); w.WriteNumber("y1", s.Y1);
                    w.WriteString("fillcolor", s.FillColor);
                    w.WriteStartObject("line"); w.WriteString("color", s.LineColor ?? "white"); w.WriteNumber("width", 1); w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (Annotations.Count > 0)
            {
                w.WriteStartArray("annotations");
                foreach (var a in Annotations)
                {
                    w.WriteStartObject();
                    w.WriteNumber("x", a.X); w.WriteNumber("y", a.Y); w.WriteString("text", a.Text); w.WriteBoolean("showarrow", a.ShowArrow);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteAxis(Utf8JsonWriter w, string name, string title, (double Min, double Max)? range, bool log)
    {
        w.WriteStartObject(name);
        w.WriteStartObject("title"); w.WriteString("text", title); w.WriteEndObject();
        if (range is { } r) { w.WriteStartArray("range"); w.WriteNumberValue(r.Min); w.WriteNumberValue(r.Max); w.WriteEndArray(); }
        if (log) w.WriteString("type", "log");
        w.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter w, Series t)
    {
        w.WriteStartObject();
        w.WriteString("type", t.Type);
        if (t.Name is not null) w.WriteString("name", t.Name);
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
        if (t.Color is not null) { w.WriteStartObject("marker"); w.WriteString("color", t.Color); w.WriteEndObject(); }
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
            <div id="{{{id}}}" style="width:100%;height:{{{Height}}}px;"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{{json}}};
              var draw = function (Plotly) { Plotly.newPlot('{{{id}}}', figure.data, figure.layout, {responsive: true}); };
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
