using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// The kernels a notebook cell can name, as the pinned dotnet-interactive tool announces them when it
/// starts (its <c>KernelReady</c> event), plus the two VS Code adds (<c>javascript</c>, run in the editor's
/// webview, and markdown, which is never sent to a kernel). A line <c>#!name</c> starts a new cell only
/// when <c>name</c> is one of these or an alias; any other <c>#!</c> line is a magic command inside the cell.
/// A test compares this list with what the tool really announces.
/// </summary>
public static class KernelNames
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";

    /// <summary>A fresh collection (the package's collections are mutable, so every caller gets its own).</summary>
    public static KernelInfoCollection Known() =>
    [
        new KernelInfo(CSharp, "C#", ["cs", "c#", "C#"]),
        new KernelInfo("fsharp", "F#", ["fs", "f#", "F#"]),
        new KernelInfo("pwsh", "PowerShell", ["powershell"]),
        new KernelInfo("javascript", "JavaScript", ["js"]),
        new KernelInfo("html", "HTML"),
        new KernelInfo("mermaid", "Mermaid"),
        new KernelInfo("http", "HTTP"),
        new KernelInfo("value"),
        new KernelInfo(Markdown, "Markdown", ["md"]),
    ];

    /// <summary>Kernels that run in the editor, not in the dotnet-interactive process: a headless run has no webview to run them in.</summary>
    public static bool RunsInEditor(string kernelName) => kernelName == "javascript";
}
