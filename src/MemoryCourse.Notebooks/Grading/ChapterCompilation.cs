using MemoryCourse.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// A chapter compiled as the kernel compiles it, for the exercise screen to read a learner's cell in: the
/// chapter's C# cells (those of the notebooks it <c>#!import</c>s in place) as one chain of Roslyn script
/// submissions, against the framework, the kernel's own assemblies and every <c>#r</c> of the chapter (a NuGet
/// package from the local cache with the dependencies its .nuspec lists). Built once per chapter; what could not
/// be compiled here is listed in <see cref="LeftOut"/>.
/// </summary>
internal sealed class ChapterCompilation
{
    /// <summary>How the kernel parses a cell: C# script, the latest language version.</summary>
    internal static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);
    private static readonly string[] KernelUsings =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
            "Microsoft.DotNet.Interactive"];

    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly List<(int Cell, string Code)> _cells = [];
    private readonly List<string> _leftOut = [];

    /// <param name="source">The instructor's notebook with the worked solutions in place.</param>
    /// <param name="notebookFolder">The source's folder, against which its <c>#r</c> and <c>#!import</c> paths resolve.</param>
    public ChapterCompilation(InteractiveDocument source, string notebookFolder)
    {
        var references = new List<MetadataReference>(FrameworkReferences());
        references.AddRange(KernelReferences());
        foreach (var (cell, code, folder) in CSharpCells(source, notebookFolder, depth: 0))
        {
            // One assembly of a name: the framework's or the kernel's own copy wins over a package's (as in the kernel).
            foreach (var dll in ReferencedDlls(code, folder))
                if (references.OfType<PortableExecutableReference>()
                    .All(r => !string.Equals(Path.GetFileName(r.FilePath), Path.GetFileName(dll), StringComparison.OrdinalIgnoreCase)))
                    references.Add(MetadataReference.CreateFromFile(dll));
            _cells.Add((cell, StripMagics(code)));
        }
        _references = references;
        _chain = new Lazy<List<(int Cell, CSharpCompilation After)>>(CompileChain);
    }

    /// <summary>The chapter's C# cells in order (index in the notebook, -1 for an imported notebook's), magics stripped.</summary>
    public IReadOnlyList<(int Cell, string Code)> Cells => _cells;

    /// <summary>The chapter cells that could not be compiled here and so were left out of the chain (for diagnosing a refusal).</summary>
    public IReadOnlyList<string> LeftOut => _leftOut;

    // The chapter's cells compiled in order as one chain of script submissions, made once (two submissions
    // screened at once share it): each cell's entry holds the compilation after it. O(cells) compilations for all
    // exercises together.
    private readonly Lazy<List<(int Cell, CSharpCompilation After)>> _chain;

    /// <summary>The chain: the kernel's helpers first (cell -1), then each chapter cell with the compilation after it.</summary>
    public IReadOnlyList<(int Cell, CSharpCompilation After)> Chain => _chain.Value;

    // The script compilation of every chapter cell before the exercise (the source's own, solutions included).
    public CSharpCompilation Before(int cellIndex)
    {
        var before = Chain[0].After;
        foreach (var (cell, after) in Chain.Skip(1))
        {
            if (cell >= cellIndex) break;
            before = after;
        }
        return before;
    }

    private List<(int Cell, CSharpCompilation After)> CompileChain()
    {
        // The kernel's helpers (display, HTML, ...) come into every cell with a static using, as in the kernel.
        var previous = Compile("helpers", "using static Microsoft.DotNet.Interactive.Kernel;", null);
        var chain = new List<(int, CSharpCompilation)> { (-1, previous) };
        int n = 0;
        foreach (var (cell, code) in _cells)
        {
            // A cell that does not compile here (a package this screen could not find) is left out of the
            // chain: Roslyn cannot continue a script after a submission with errors. What it declares then
            // resolves to nothing, and nothing unresolved is ever allowed by mistake: it is simply not named.
            var next = Compile($"cell{n++}", code, previous);
            if (next.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
                _leftOut.Add($"cell {(cell >= 0 ? cell + 1 : 0)}: {error}");
            else previous = next;
            chain.Add((cell, previous));
        }
        return chain;
    }

    /// <summary>One more script submission after <paramref name="previous"/>, as the kernel compiles a cell.</summary>
    public CSharpCompilation Compile(string name, string code, CSharpCompilation? previous) =>
        CSharpCompilation.CreateScriptCompilation(name, CSharpSyntaxTree.ParseText(code, Script), _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelUsings, allowUnsafe: true),
            previousScriptCompilation: previous);

    /// <summary>The names a cell declares at its top level (variables, functions, fields, methods, properties, types).</summary>
    internal static IEnumerable<SyntaxToken> TopLevelDeclarations(SyntaxNode root)
    {
        foreach (var member in ((CompilationUnitSyntax)root).Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    foreach (var v in local.Declaration.Variables) yield return v.Identifier;
                    break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f }:
                    yield return f.Identifier;
                    break;
                case FieldDeclarationSyntax field:
                    foreach (var v in field.Declaration.Variables) yield return v.Identifier;
                    break;
                case MethodDeclarationSyntax method:
                    yield return method.Identifier;
                    break;
                case PropertyDeclarationSyntax property:
                    yield return property.Identifier;
                    break;
                case BaseTypeDeclarationSyntax type:
                    yield return type.Identifier;
                    break;
            }
        }
    }

    internal static IEnumerable<string> TopLevelNames(string code) =>
        TopLevelDeclarations(CSharpSyntaxTree.ParseText(StripMagics(code), Script).GetRoot()).Select(t => t.ValueText);

    // The chapter's C# cells in order, with the cells of #!import-ed notebooks in place, under the importing cell's index.
    private static IEnumerable<(int Cell, string Code, string Folder)> CSharpCells(InteractiveDocument notebook, string folder, int depth)
    {
        for (int i = 0; i < notebook.Elements.Count; i++)
        {
            var cell = notebook.Elements[i];
            if (cell.KernelName != KernelNames.CSharp) continue;
            foreach (string import in NotebookDirectives.Imports(cell.Contents))
            {
                string path = Path.GetFullPath(Path.Combine(folder, import));
                if (depth > 4 || !File.Exists(path) || !NotebookFile.IsNotebookPath(path)) continue;
                InteractiveDocument imported;
                try { imported = NotebookFile.Load(path); }
                catch (NotebookFormatException) { continue; }
                // An imported cell runs as part of the importing cell, so it carries that cell's index.
                foreach (var inner in CSharpCells(imported, Path.GetDirectoryName(path)!, depth + 1))
                    yield return (depth == 0 ? i : -1, inner.Code, inner.Folder);
            }
            yield return (depth == 0 ? i : -1, cell.Contents, folder);
        }
    }

    private static IEnumerable<string> ReferencedDlls(string code, string folder)
    {
        foreach (string target in NotebookDirectives.References(code))
        {
            if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            {
                var parts = target[6..].Split(',', StringSplitOptions.TrimEntries);
                foreach (var dll in PackageDlls(parts[0], parts.Length > 1 ? parts[1] : null)) yield return dll;
            }
            else
            {
                string path = Path.GetFullPath(Path.Combine(folder, target));
                if (File.Exists(path)) yield return path;
            }
        }
    }

    private static readonly string[] LibraryFolders = ["net10.0", "net9.0", "net8.0", "net6.0", "netstandard2.1", "netstandard2.0"];

    // A package from the local NuGet cache, its best library folder for this runtime, and the packages it depends
    // on (from its .nuspec, for that folder's framework), as the kernel's restore would bring them: a chapter cell
    // that uses Plotly.NET.CSharp's charts mentions Plotly.NET's and FSharp.Core's types too.
    private static IEnumerable<string> PackageDlls(string id, string? version)
    {
        var dlls = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(string Id, string? Version)>([(id, version)]);
        while (pending.Count > 0)
        {
            var (package, wanted) = pending.Dequeue();
            if (!seen.Add(package)) continue;
            string root = Path.Combine(Kernel.KernelTool.PackageCache(), package.ToLowerInvariant());
            if (!Directory.Exists(root)) continue;
            string? dir = wanted is not null && Directory.Exists(Path.Combine(root, wanted)) ? Path.Combine(root, wanted)
                : Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
            if (dir is null) continue;
            string? framework = LibraryFolders.FirstOrDefault(t => Directory.Exists(Path.Combine(dir, "lib", t)));
            if (framework is not null) dlls.AddRange(Directory.GetFiles(Path.Combine(dir, "lib", framework), "*.dll"));
            foreach (var dependency in Dependencies(dir, package, framework)) pending.Enqueue(dependency);
        }
        return dlls;
    }

    // The dependencies a package's .nuspec lists for the framework whose library folder was taken (or, without
    // one, its groups that name no framework); a version range's lower bound is the version looked for.
    private static IEnumerable<(string Id, string? Version)> Dependencies(string packageDir, string id, string? framework)
    {
        string nuspec = Path.Combine(packageDir, id.ToLowerInvariant() + ".nuspec");
        if (!File.Exists(nuspec)) return [];
        System.Xml.Linq.XDocument document;
        try { document = System.Xml.Linq.XDocument.Load(nuspec); }
        catch (System.Xml.XmlException) { return []; }
        var groups = document.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies").ToList();
        string wanted = (framework ?? "").TrimStart('.');
        var chosen = groups
            .Where(g => string.Equals(((string?)g.Attribute("targetFramework") ?? "").TrimStart('.'), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0) chosen = groups.Where(g => g.Attribute("targetFramework") is null).ToList();
        return chosen.SelectMany(g => g.Elements().Where(e => e.Name.LocalName == "dependency"))
            .Select(d => ((string?)d.Attribute("id") ?? "", (string?)d.Attribute("version") is { } v ? v.Trim('[', '(', ']', ')').Split(',')[0].Trim() : null))
            .Where(d => d.Item1.Length > 0)
            .Select(d => (d.Item1, d.Item2 is { Length: > 0 } ? d.Item2 : null));
    }

    internal static string StripMagics(string code) =>
        string.Join("\n", code.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimStart().StartsWith('#') ? "" : l));

    // The kernel's assemblies a cell sees (display, HTML, formatting) and what their signatures mention
    // (IHtmlContent, ...), so a chapter cell that returns HTML compiles here as in the kernel.
    private static IEnumerable<MetadataReference> KernelReferences()
    {
        var kernel = new[] { typeof(Microsoft.DotNet.Interactive.Kernel).Assembly, typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly };
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var locations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in kernel)
        {
            locations.Add(assembly.Location);
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                string? location;
                try { location = System.Reflection.Assembly.Load(name).Location; }
                catch (IOException)
                {
                    // Not beside the engine: the kernel runs on the ASP.NET Core shared framework (IHtmlContent lives there).
                    location = AspNetCoreFramework(frameworkDir) is { } aspnet && File.Exists(Path.Combine(aspnet, name.Name + ".dll"))
                        ? Path.Combine(aspnet, name.Name + ".dll") : null;
                    if (location is null) continue;
                }
                if (location.Length > 0 && !location.StartsWith(frameworkDir, StringComparison.Ordinal)) locations.Add(location);
            }
        }
        return locations.Select(l => (MetadataReference)MetadataReference.CreateFromFile(l));
    }

    // .../shared/Microsoft.NETCore.App/10.0.x -> .../shared/Microsoft.AspNetCore.App/10.0.x (the same version, else the newest).
    private static string? AspNetCoreFramework(string netCoreDir)
    {
        string root = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(netCoreDir)!)!, "Microsoft.AspNetCore.App");
        if (!Directory.Exists(root)) return null;
        string same = Path.Combine(root, Path.GetFileName(netCoreDir));
        return Directory.Exists(same) ? same : Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
    }

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return tpa.Where(p => p.StartsWith(frameworkDir, StringComparison.Ordinal)).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}
