using System.Diagnostics;
using System.Net;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Runs a notebook's cells in order in one C# session, the way the Polyglot Notebooks C# kernel does:
/// markdown is kept, <c>html</c> and <c>mermaid</c> cells pass through as outputs, C# cells run with their
/// magic commands (<c>#r</c>, <c>#!import</c>, <c>#!time</c>), and any other kernel is reported as
/// unsupported. The first failing cell stops the notebook (the rest are reported as not run) unless
/// <c>continueOnError</c>. This runs in-process; <see cref="Isolation.NotebookRunner"/> puts each notebook in
/// its own worker process around it.
/// </summary>
internal sealed class NotebookExecutor
{
    private const int MaxImportDepth = 8;
    private readonly string _notebookPath;
    private readonly string _directory;
    private readonly bool _continueOnError;
    private readonly CSharpSession _session;
    private readonly OutputSink _sink = new();

    public NotebookExecutor(string notebookPath, bool continueOnError)
    {
        _notebookPath = Path.GetFullPath(notebookPath);
        _directory = Path.GetDirectoryName(_notebookPath)!;
        _continueOnError = continueOnError;
        _session = new CSharpSession(_directory);
    }

    public async Task<IReadOnlyList<CellResult>> RunAsync(Notebook notebook, Action<int>? onStart = null, Action<CellResult>? onEnd = null)
    {
        ExecutionScope.Enter(_sink);
        var results = new List<CellResult>();
        bool stopped = false;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            int index = i + 1;
            CellResult result;
            if (stopped && cell.KernelName != KernelNames.Markdown)
                result = CellResult.NotRun(index, cell.KernelName);
            else
            {
                onStart?.Invoke(index);
                result = await RunCellAsync(cell, index);
            }
            results.Add(result);
            onEnd?.Invoke(result);
            if (result.Status == CellStatus.Failed && !_continueOnError) stopped = true;
        }
        return results;
    }

    public async Task<CellResult> RunCellAsync(NotebookCell cell, int index)
    {
        _sink.Clear();
        var clock = Stopwatch.StartNew();
        CellFailure? failure = null;
        switch (cell.KernelName)
        {
            case KernelNames.Markdown:
                return new CellResult(index, cell.KernelName, CellStatus.Text, [], null, TimeSpan.Zero);
            case KernelNames.Html:
                _sink.Add(CellOutput.Display(new Dictionary<string, string> { ["text/html"] = cell.Source }));
                break;
            case KernelNames.Mermaid:
                _sink.Add(CellOutput.Display(new Dictionary<string, string>
                {
                    ["text/html"] = $"<div class=\"mermaid\">{WebUtility.HtmlEncode(cell.Source)}</div>",
                    ["text/plain"] = cell.Source,
                }));
                break;
            case KernelNames.CSharp:
                failure = await RunCSharpAsync(cell.Source, $"cell-{index}.csx", depth: 0);
                break;
            default:
                failure = new CellFailure(FailureKind.UnsupportedKernel, 0,
                    $"the '{cell.Kernel}' kernel is not supported by this engine (it runs C#, and shows markdown, html and mermaid cells)");
                break;
        }
        if (failure is not null) _sink.Add(CellOutput.Failure(failure.Kind.ToString(), FormatFailure(failure)));
        return new CellResult(index, cell.KernelName, failure is null ? CellStatus.Passed : CellStatus.Failed, _sink.Snapshot(), failure, clock.Elapsed);
    }

    private static string FormatFailure(CellFailure f) => f.Line > 0 ? $"line {f.Line}: {f.Message}" : f.Message;

    private async Task<CellFailure?> RunCSharpAsync(string source, string fileName, int depth)
    {
        string code;
        IReadOnlyList<MagicCommand> commands;
        try { (code, commands) = MagicCommands.Split(source); }
        catch (MagicCommandException e) { return new CellFailure(FailureKind.MagicCommand, e.Line, e.Message); }

        var clock = Stopwatch.StartNew();
        foreach (var command in commands)
        {
            var failure = command switch
            {
                MagicCommand.Reference r => AddReference(r),
                MagicCommand.NuGet n => AddPackage(n),
                MagicCommand.Import i => await ImportAsync(i, depth),
                _ => null,
            };
            if (failure is not null) return failure;
        }

        CellFailure? result = null;
        if (code.Trim().Length > 0)
        {
            var outcome = await _session.SubmitAsync(code, fileName);
            if (!outcome.Compiled)
                result = new CellFailure(FailureKind.CompileError, outcome.Line, outcome.CompileErrors!);
            else if (outcome.Exception is { } e)
                result = new CellFailure(e is OutOfMemoryException ? FailureKind.OutOfMemory : FailureKind.Exception,
                    outcome.Line, $"{e.GetType().FullName}: {e.Message}");
            else if (outcome.HasValue && outcome.Value is not Microsoft.DotNet.Interactive.DisplayedValue && depth == 0)
                _sink.Add(CellOutput.Result(ValueFormatter.Format(outcome.Value)));
        }
        if (depth == 0 && commands.OfType<MagicCommand.Time>().Any())
            _sink.Add(CellOutput.Display(new Dictionary<string, string> { ["text/plain"] = $"Wall time: {clock.Elapsed.TotalMilliseconds}ms" }));
        return result;
    }

    private CellFailure? AddReference(MagicCommand.Reference r)
    {
        string full = Path.GetFullPath(Path.Combine(_directory, r.Path));
        if (!File.Exists(full))
        {
            string hint = full.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                ? " Build the course first (dotnet build MemoryCourse.sln) so the assembly exists."
                : "";
            return new CellFailure(FailureKind.MagicCommand, r.Line, $"#r: assembly not found: {full} (paths are relative to the notebook's folder {_directory}).{hint}");
        }
        _session.AddReferences([full]);
        return null;
    }

    private CellFailure? AddPackage(MagicCommand.NuGet n)
    {
        try { _session.AddReferences(NuGetCache.Resolve(n.Package, n.Version)); return null; }
        catch (InvalidOperationException e) { return new CellFailure(FailureKind.MagicCommand, n.Line, "#r nuget: " + e.Message); }
    }

    private async Task<CellFailure?> ImportAsync(MagicCommand.Import import, int depth)
    {
        if (depth >= MaxImportDepth)
            return new CellFailure(FailureKind.MagicCommand, import.Line, $"#!import nested more than {MaxImportDepth} deep (does a file import itself?)");
        string full = Path.GetFullPath(Path.Combine(_directory, import.Path));
        if (!File.Exists(full))
            return new CellFailure(FailureKind.MagicCommand, import.Line, $"#!import: file not found: {full}");
        string name = Path.GetFileName(full);
        if (full.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".csx", StringComparison.OrdinalIgnoreCase))
        {
            var failure = await RunCSharpAsync(await File.ReadAllTextAsync(full), full, depth + 1);
            return failure is null ? null : Nested(import.Line, name, null, failure);
        }
        if (!full.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) && !full.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            return new CellFailure(FailureKind.MagicCommand, import.Line, $"#!import supports .dib, .ipynb, .cs and .csx files, not {name}");
        Notebook imported;
        try { imported = NotebookFile.Load(full); }
        catch (NotebookFormatException e) { return new CellFailure(FailureKind.MagicCommand, import.Line, "#!import: " + e.Message); }
        for (int i = 0; i < imported.Cells.Count; i++)
        {
            var cell = imported.Cells[i];
            if (cell.KernelName != KernelNames.CSharp) continue;
            var failure = await RunCSharpAsync(cell.Source, $"{full}#cell-{i + 1}", depth + 1);
            if (failure is not null) return Nested(import.Line, name, i + 1, failure);
        }
        return null;
    }

    // A failure inside an imported file is reported at the #!import line, naming the file, cell and line inside it.
    private static CellFailure Nested(int importLine, string file, int? cell, CellFailure inner) =>
        inner with
        {
            Line = importLine,
            Message = $"in {file}{(cell is null ? "" : $" cell {cell}")}{(inner.Line > 0 ? $" line {inner.Line}" : "")}: {inner.Message}",
        };
}
