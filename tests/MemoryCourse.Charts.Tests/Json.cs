using System.Text.Json;
using Plotly.NET;

namespace MemoryCourse.Charts.Tests;

/// <summary>A chart as the JSON Plotly.NET writes for it (data and layout), to read what the helpers set.</summary>
internal static class Json
{
    public static JsonElement Of(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public static JsonElement Layout(GenericChart chart) => Of(chart).GetProperty("layout");

    public static JsonElement Data(GenericChart chart) => Of(chart).GetProperty("data");
}
