namespace MemoryCourse.Teaching.Charts;

/// <summary>
/// One data series of a <see cref="Figure"/> (a plotly.js "trace"): a line or scatter, a bar series, a
/// filled area stacked on the ones before it, or a heatmap. X values are numbers or category names.
/// </summary>
public sealed record Series
{
    public required string Type { get; init; }            // plotly trace type: scatter, bar, heatmap
    public string? Name { get; init; }
    public IReadOnlyList<object>? X { get; init; }          // double or string values
    public IReadOnlyList<object>? Y { get; init; }
    public IReadOnlyList<IReadOnlyList<double>>? Z { get; init; }
    public string? Mode { get; init; }                      // lines, markers, lines+markers
    public string? StackGroup { get; init; }                // scatter traces with the same group stack and fill
    public string? Color { get; init; }                     // null: the figure's palette colour for this trace's place
    public LineDash Dash { get; init; } = LineDash.Solid;   // lines only
    public string? ColorBarTitle { get; init; }
    public string? Text { get; init; }                      // hover template text
}

/// <summary>A rectangle drawn on the plot area (for example a heap block or a page), in data coordinates.</summary>
public sealed record Shape(double X0, double X1, double Y0, double Y1, string FillColor, string? LineColor = null);

/// <summary>A text label at a point of the plot, with an arrow unless <see cref="ShowArrow"/> is false.</summary>
public sealed record Annotation(double X, double Y, string Text, bool ShowArrow = true);

/// <summary>
/// One step of a chart that moves (a plotly.js frame): the series, rectangles and labels drawn while the slider is at
/// <see cref="Label"/>, and the title then when it is not the figure's.
/// </summary>
public sealed record Frame(string Label, IReadOnlyList<Series> Traces, IReadOnlyList<Shape> Shapes, IReadOnlyList<Annotation> Annotations, string? Title = null);
