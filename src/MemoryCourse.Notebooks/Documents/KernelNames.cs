namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// The kernel names a <c>.dib</c> file may use to start a cell, with their aliases, as the Polyglot
/// Notebooks C# kernel knows them. A line <c>#!name</c> starts a new cell only when <c>name</c> is one of
/// these; any other <c>#!</c> line is a magic command inside the current cell.
/// </summary>
public static class KernelNames
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";
    public const string Mermaid = "mermaid";
    public const string Html = "html";

    private static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["csharp"] = CSharp, ["cs"] = CSharp, ["C#"] = CSharp, ["c#"] = CSharp,
        ["markdown"] = Markdown, ["md"] = Markdown,
        ["fsharp"] = "fsharp", ["fs"] = "fsharp", ["F#"] = "fsharp", ["f#"] = "fsharp",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["html"] = Html,
        ["mermaid"] = Mermaid,
        ["sql"] = "sql", ["kql"] = "kql", ["value"] = "value", ["http"] = "http",
    };

    /// <summary>True when <paramref name="name"/> is a kernel name or alias (so <c>#!name</c> starts a cell).</summary>
    public static bool IsKnown(string name) => Canonical.ContainsKey(name);

    /// <summary>The kernel's own name for an alias (<c>cs</c> → <c>csharp</c>); unknown names come back unchanged.</summary>
    public static string Canonicalize(string name) => Canonical.TryGetValue(name, out var c) ? c : name;

    /// <summary>The kernels this engine executes or passes through; every other known kernel is reported as unsupported.</summary>
    public static bool IsSupported(string canonicalName) =>
        canonicalName is CSharp or Markdown or Mermaid or Html;
}
