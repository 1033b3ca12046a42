using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Turns a check cell's code into the code a graded run executes: every <c>Check.Equal/Near/True/Sequence</c>
/// call goes to a recorder whose variable name carries a per-run nonce (so no learner code can name it, and
/// a learner's own <c>Check</c> cannot capture the calls), and the whole cell runs as one block, so its
/// locals cannot clash with the notebook's or with the next check's.
/// </summary>
public static class CheckCode
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The recorder's type, as the graded run names it.</summary>
    public const string RecorderType = "global::MemoryCourse.Teaching.Checks.CheckRecorder";

    /// <summary>The code that creates the recorder, to run after the learner's last cell.</summary>
    public static string CreateRecorder(string recorder) => $"var {recorder} = new {RecorderType}();";

    /// <summary>The code whose value is the recorder's report, to run after the last check.</summary>
    public static string Report(string recorder) => $"{recorder}.Report()";

    /// <summary>A check cell's code with its checks going to <paramref name="recorder"/>, inside a block.</summary>
    public static string ToRecording(string checkName, string code, string recorder)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var rewritten = new CheckCallRewriter(recorder).Visit(root)!.ToFullString();
        return $"{recorder}.Begin({SymbolDisplay.FormatLiteral(checkName, quote: true)});\n{{\n{rewritten}\n}}";
    }

    /// <summary>
    /// What in a check cell a graded run cannot run inside a block (a type or namespace declaration, a
    /// using directive), as messages naming the line; empty when the cell is fine.
    /// </summary>
    public static IReadOnlyList<string> Problems(string code)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var problems = new List<string>();
        foreach (var u in root.Usings) problems.Add($"line {Line(u)}: a check cell may not hold a using directive (put it in an earlier cell)");
        foreach (var m in root.Members.Where(m => m is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or DelegateDeclarationSyntax))
            problems.Add($"line {Line(m)}: a check cell may not declare a type (declare it in an earlier cell)");
        if (!root.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(IsCheckCall))
            problems.Add("it calls no Check.Equal, Check.Near, Check.True or Check.Sequence, so it can never fail");
        return problems;
    }

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    // Check.X(...) or MemoryCourse.Teaching.Checks.Check.X(...), with X one of the four checks.
    internal static bool IsCheckCall(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equal" or "Near" or "True" or "Sequence" } access
        && access.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Check" } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Check" } q => q.ToString().Replace("global::", "") == "MemoryCourse.Teaching.Checks.Check",
            AliasQualifiedNameSyntax => false,
            _ => false,
        };

    private sealed class CheckCallRewriter(string recorder) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (!IsCheckCall(node)) return visited;
            var access = (MemberAccessExpressionSyntax)visited.Expression;
            return visited.WithExpression(access.WithExpression(SyntaxFactory.IdentifierName(recorder).WithTriviaFrom(access.Expression)));
        }
    }
}
