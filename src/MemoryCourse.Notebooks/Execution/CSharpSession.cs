using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// One C# kernel session on Roslyn scripting: each submission continues the state of the previous one
/// (variables, methods and types carry over), with the C# kernel's default imports, the latest language
/// version and the whole .NET framework referenced.
/// </summary>
internal sealed class CSharpSession
{
    /// <summary>The namespaces every cell sees, as in the Polyglot Notebooks C# kernel.</summary>
    public static readonly string[] DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        // Not visible as a using in VS Code either, but brings the kernel's x.Display() extension into scope.
        "Microsoft.DotNet.Interactive",
    ];

    private readonly KernelHelpers _globals = new();
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    public CSharpSession(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
        _options = ScriptOptions.Default
            .WithReferences(FrameworkReferences())
            .AddReferences(typeof(KernelHelpers).Assembly, typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly)
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, workingDirectory))
            .WithAllowUnsafe(true);
    }

    public string WorkingDirectory { get; }

    /// <summary>Adds assembly references for the following submissions (<c>#r</c>).</summary>
    public void AddReferences(IEnumerable<string> paths) =>
        _options = _options.AddReferences(paths.Select(p => MetadataReference.CreateFromFile(p)));

    /// <summary>
    /// Compiles and runs one submission. <paramref name="fileName"/> names it in stack traces, so an
    /// exception can be traced back to the line of the cell that raised it.
    /// </summary>
    public async Task<SubmissionOutcome> SubmitAsync(string code, string fileName)
    {
        var options = _options.WithFilePath(fileName);
        try
        {
            var state = _state is null
                ? await CSharpScript.Create<object>(code, options, typeof(KernelHelpers)).RunAsync(_globals, catchException: _ => true)
                : await _state.ContinueWithAsync<object>(code, options, catchException: _ => true);
            if (state.Exception is { } thrown)
            {
                _state = state; // declarations before the throw stay usable, as in the real kernel
                return SubmissionOutcome.Threw(thrown, LineOf(thrown, fileName));
            }
            _state = state;
            bool hasValue = state.ReturnValue is not null || EndsWithValueExpression(state.Script.GetCompilation());
            return SubmissionOutcome.Completed(hasValue, state.ReturnValue);
        }
        catch (CompilationErrorException e)
        {
            var first = e.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) ?? e.Diagnostics.First();
            int line = first.Location.IsInSource ? first.Location.GetLineSpan().StartLinePosition.Line + 1 : 0;
            string message = string.Join("\n", e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe));
            return SubmissionOutcome.DidNotCompile(line, message);
        }
    }

    // A trailing expression without ';' that is not void is the cell's value, even when that value is null.
    private static bool EndsWithValueExpression(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree is null) return false;
        var last = tree.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().LastOrDefault()?.Statement as ExpressionStatementSyntax;
        if (last is null || !last.SemicolonToken.IsMissing) return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(last.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static string Describe(Diagnostic d)
    {
        if (!d.Location.IsInSource) return $"{d.Id}: {d.GetMessage()}";
        var pos = d.Location.GetLineSpan().StartLinePosition;
        return $"({pos.Line + 1},{pos.Character + 1}): error {d.Id}: {d.GetMessage()}";
    }

    // The innermost stack frame that belongs to the submission gives the cell line.
    private static int LineOf(Exception e, string fileName)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            foreach (var frame in new StackTrace(current, fNeedFileInfo: true).GetFrames())
                // Roslyn records the submission's path resolved against the working directory.
                if (frame.GetFileName() is { } f && (f == fileName || f.EndsWith(Path.DirectorySeparatorChar + fileName, StringComparison.Ordinal))
                    && frame.GetFileLineNumber() > 0)
                    return frame.GetFileLineNumber();
        }
        return 0;
    }

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        // The C# kernel references the whole .NET shared framework (the trusted platform assemblies under
        // the runtime's folder); of ASP.NET Core only the HTML abstractions that HTML(...) returns.
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return tpa
            .Where(p => p.StartsWith(frameworkDir, StringComparison.Ordinal))
            .Append(typeof(Microsoft.AspNetCore.Html.HtmlString).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}

/// <summary>How a submission ended: compiled and ran, threw, or did not compile.</summary>
internal sealed record SubmissionOutcome(bool Compiled, Exception? Exception, int Line, string? CompileErrors, bool HasValue, object? Value)
{
    public static SubmissionOutcome Completed(bool hasValue, object? value) => new(true, null, 0, null, hasValue, value);
    public static SubmissionOutcome Threw(Exception e, int line) => new(true, e, line, null, false, null);
    public static SubmissionOutcome DidNotCompile(int line, string errors) => new(false, null, line, errors, false, null);
}
