using System.Collections;
using System.Globalization;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace MemoryCourse.Charts;

/// <summary>
/// Reading and rebuilding a Plotly.NET chart's parts (its traces and layout are dynamic objects). Every helper of the
/// course works on copies, so a chart a notebook keeps in a variable never changes under it.
/// </summary>
internal static class ChartParts
{
    public static List<Trace> Traces(GenericChart chart) => GenericChart.getTraces(chart).Select(Copy).ToList();

    public static Layout Layout(GenericChart chart)
    {
        var copy = new Layout();
        GenericChart.getLayout(chart).ShallowCopyDynamicPropertiesTo(copy, null);
        return copy;
    }

    /// <summary>The same chart (config and display options kept) with these traces and this layout.</summary>
    public static GenericChart Rebuild(GenericChart chart, IEnumerable<Trace> traces, Layout layout)
    {
        var rebuilt = GenericChart.ofTraceObjects(false, traces);
        rebuilt = GenericChart.setLayout(layout, rebuilt);
        rebuilt = GenericChart.setConfig(GenericChart.getConfig(chart), rebuilt);
        return GenericChart.setDisplayOptions(GenericChart.getDisplayOptions(chart), rebuilt);
    }

    public static Trace Copy(Trace trace)
    {
        var copy = new Trace(trace.type);
        trace.ShallowCopyDynamicPropertiesTo(copy, null);
        return copy;
    }

    /// <summary>A property of a Plotly.NET dynamic object or of one of the plain objects the course's helpers make.</summary>
    public static object? Get(object obj, string name)
    {
        if (obj is IDictionary<string, object?> plain) return plain.TryGetValue(name, out var v) ? v : null;
        if (obj is not DynamicObj.DynamicObj dynamic) return null;
        var value = dynamic.TryGetPropertyValue(name);
        return FSharpOption<object>.get_IsSome(value) ? value.Value : null;
    }

    /// <summary>
    /// A plain copy of a Plotly.NET object (nested ones included): what the course puts inside lists of the layout
    /// (shapes, labels, a moving chart's frames). Plotly.NET writes dynamic objects inside lists out very slowly
    /// (tens of milliseconds each), plain dictionaries in no time; the JSON is the same.
    /// </summary>
    public static object? Plain(object? value) => value switch
    {
        DynamicObj.DynamicObj d => d.GetProperties(true).ToDictionary(p => p.Key, p => Plain(p.Value)),
        IDictionary<string, object?> dict => dict.ToDictionary(p => p.Key, p => Plain(p.Value)),
        string s => s,
        IEnumerable e when e.Cast<object?>().Any(x => x is DynamicObj.DynamicObj or IDictionary<string, object?> or IEnumerable and not string) =>
            e.Cast<object?>().Select(Plain).ToList(),
        _ => value,
    };

    /// <summary>A plain object with these properties (see <see cref="Plain"/>).</summary>
    public static Dictionary<string, object?> Obj(params (string Name, object? Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value);

    /// <summary>A nested object of <paramref name="obj"/> (an axis, a title, a line), copied so that it can be changed, or a new one.</summary>
    public static DynamicObj.DynamicObj Child(DynamicObj.DynamicObj obj, string name)
    {
        var copy = new DynamicObj.DynamicObj();
        if (Get(obj, name) is DynamicObj.DynamicObj existing) existing.ShallowCopyDynamicPropertiesTo(copy, null);
        obj.SetProperty(name, copy);
        return copy;
    }

    /// <summary>The values of a data property ("x", "y", "z"), each as it was given.</summary>
    public static List<object?> Values(object obj, string name) =>
        Get(obj, name) is IEnumerable values and not string ? values.Cast<object?>().ToList() : [];

    /// <summary>A value as a number, or null when it is a category name, missing, or not finite.</summary>
    public static double? Number(object? value) =>
        value is IConvertible c and not string and not char && Convert.ToDouble(c, CultureInfo.InvariantCulture) is var d && double.IsFinite(d) ? d : null;

    public static List<object> List(object obj, string name) =>
        Get(obj, name) is IEnumerable e and not string ? e.Cast<object>().ToList() : [];

    /// <summary>A trace's plotly type (scatter, bar, heatmap), of a Plotly.NET trace or a plain copy of one.</summary>
    public static string TypeOf(object trace) => trace is Trace t ? t.type : Get(trace, "type")?.ToString() ?? "";
}
