using System.Collections;
using System.Globalization;
using DynamicObj;
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

    public static object? Get(DynamicObj.DynamicObj obj, string name)
    {
        var value = obj.TryGetPropertyValue(name);
        return FSharpOption<object>.get_IsSome(value) ? value.Value : null;
    }

    /// <summary>A nested object of <paramref name="obj"/> (an axis, a title, a line), copied so that it can be changed, or a new one.</summary>
    public static DynamicObj.DynamicObj Child(DynamicObj.DynamicObj obj, string name)
    {
        var copy = new DynamicObj.DynamicObj();
        if (Get(obj, name) is DynamicObj.DynamicObj existing) existing.ShallowCopyDynamicPropertiesTo(copy, null);
        obj.SetProperty(name, copy);
        return copy;
    }

    /// <summary>The values of a data property ("x", "y", "z"), each as it was given.</summary>
    public static List<object?> Values(DynamicObj.DynamicObj obj, string name) =>
        Get(obj, name) is IEnumerable values and not string ? values.Cast<object?>().ToList() : [];

    /// <summary>A value as a number, or null when it is a category name, missing, or not finite.</summary>
    public static double? Number(object? value) =>
        value is IConvertible c and not string and not char && Convert.ToDouble(c, CultureInfo.InvariantCulture) is var d && double.IsFinite(d) ? d : null;

    public static List<object> List(DynamicObj.DynamicObj obj, string name) =>
        Get(obj, name) is IEnumerable e and not string ? e.Cast<object>().ToList() : [];

    public static string TypeOf(Trace trace) => trace.type;
}
