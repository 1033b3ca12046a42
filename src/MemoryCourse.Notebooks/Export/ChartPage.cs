using System.Text;

namespace MemoryCourse.Notebooks.Export;

/// <summary>
/// A page holding one chart output of an executed notebook, drawn with the local plotly.js: what the
/// browser test inspects and what the images in <c>images/</c> are rendered from.
/// </summary>
public static class ChartPage
{
    /// <summary>True when an output is a chart (Plotly.NET's HTML draws with Plotly.newPlot).</summary>
    public static bool IsChart(string html) => html.Contains("Plotly.newPlot(", StringComparison.Ordinal);

    /// <summary>Writes the page into <paramref name="directory"/> (with plotly.min.js and the Korean font beside it) and returns its path.</summary>
    public static string Write(string chartHtml, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var plotly = BookExporter.PlotlySource()
            ?? throw new InvalidOperationException("plotly.min.js is not next to the engine; build the course (it restores plotly.js with npm).");
        File.Copy(plotly, Path.Combine(directory, BookExporter.PlotlyFileName), overwrite: true);
        string fonts = BookExporter.CopyKoreanFont(directory) ? $"<style>\n{BookExporter.KoreanFontFaces()}</style>" : "";
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
            .Append(PlotlyLoader.HeadScripts(BookExporter.PlotlyFileName)).Append(fonts).Append("</head>\n")
            .Append("<body style=\"margin:0;background:#fff\">\n").Append(chartHtml).Append("\n</body></html>\n");
        string path = Path.Combine(directory, name + ".html");
        File.WriteAllText(path, page.ToString());
        return path;
    }
}
