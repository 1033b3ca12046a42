using MemoryCourse.Notebooks.Execution;
using Microsoft.AspNetCore.Html;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// The helpers a C# cell can call without a <c>using</c>, as in the Polyglot Notebooks C# kernel:
/// <c>display(value)</c>, <c>HTML(text)</c>, <c>CSS(text)</c> and <c>Javascript(code)</c>. An instance is
/// the globals object of every cell, so these read like free functions in cell code.
/// </summary>
public class KernelHelpers
{
    /// <summary>Shows a value below the cell (formatted for <paramref name="mimeTypes"/> or its preferred type) and returns a handle to update it.</summary>
    public Microsoft.DotNet.Interactive.DisplayedValue display(object? value, params string[] mimeTypes) =>
        Microsoft.DotNet.Interactive.DisplayedValue.Show(value, mimeTypes);

    /// <summary>Marks a string as HTML, so displaying it renders the markup instead of the text.</summary>
    public IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>Adds a style sheet to the page the notebook is shown in.</summary>
    public void CSS(string content) => display(new HtmlString($"<style>{content}</style>"));

    /// <summary>Runs JavaScript in the page the notebook is shown in.</summary>
    public void Javascript(string scriptContent) =>
        display(new HtmlString($"<script type=\"text/javascript\">{scriptContent}</script>"));
}
