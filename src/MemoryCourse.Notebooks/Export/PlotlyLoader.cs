namespace MemoryCourse.Notebooks.Export;

/// <summary>
/// How the book's pages give Plotly.NET's charts plotly.js without a network. Plotly.NET's HTML asks require.js for
/// plotly.js from a CDN (and fetches require.js itself from a CDN when the page has none); in VS Code and Jupyter that
/// is what Plotly.NET users expect. The book loads its own copy of plotly.js first and then this small stand-in for
/// require.js, which answers every request with that copy, so a chart's HTML is kept exactly as Plotly.NET wrote it
/// and no request leaves the page.
/// </summary>
public static class PlotlyLoader
{
    /// <summary>The script that stands in for require.js; it must come after the page's plotly.js.</summary>
    public const string RequireShim =
        "<script>\n" +
        "// Plotly.NET asks require.js for plotly.js from a CDN; this book answers with its own copy (loaded above).\n" +
        "window.requirejs = window.require = function (modules, ready) { if (ready) ready(window.Plotly); };\n" +
        "window.requirejs.config = function () { return window.requirejs; };\n" +
        "</script>\n";

    /// <summary>The page head's scripts: the local plotly.js, then the stand-in for require.js.</summary>
    public static string HeadScripts(string plotlyFileName) => $"<script src=\"{plotlyFileName}\"></script>\n" + RequireShim;
}
