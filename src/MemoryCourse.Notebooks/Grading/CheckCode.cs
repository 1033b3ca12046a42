using MemoryCourse.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Turns a check cell's code into the code a graded run executes: every <c>Check.Equal/Near/Sequence</c>
/// call goes to a recorder whose variable name carries a per-run nonce (so no learner code can name it, and
/// a learner's own <c>Check</c> cannot capture the calls), and the whole cell runs as one block, so its
/// locals cannot clash with the notebook's or with the next check's.
/// </summary>
public static class CheckCode
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The recorder's type, as the graded run names it.</summary>
    public const string RecorderType = "global::MemoryCourse.Teaching.Checks.CheckRecorder";

    /// <summary>The code that creates the recorder, to run after the learner's last cell; its lines start with <paramref name="mark"/>.</summary>
    public static string CreateRecorder(string recorder, string mark) =>
        $"var {recorder} = new {RecorderType}({SymbolDisplay.FormatLiteral(mark, quote: true)}, () => global::System.Console.Out);";

    /// <summary>The code whose value says how many records the recorder wrote, to run after the last check.</summary>
    public static string Report(string recorder) => $"{recorder}.Report()";

    /// <summary>
    /// A check cell's code with its checks going to <paramref name="recorder"/>, inside a block; the hidden
    /// checks after the visible ones, inside a <c>try</c> whose failure is recorded as its exception's type alone.
    /// In the learner's run (<paramref name="learner"/>) each check keeps only its learner-side argument: the
    /// expected value's expression is not even sent to the learner's process.
    /// </summary>
    public static string ToRecording(string checkName, string visible, string? hidden, string recorder, bool learner)
    {
        if (learner) (visible, hidden) = WithoutExpectedOnly(visible, hidden ?? "");
        var code = new System.Text.StringBuilder();
        code.Append($"{recorder}.Begin({SymbolDisplay.FormatLiteral(checkName, quote: true)});\n{{\n{Rewrite(visible, recorder, learner)}\n");
        // The reference run runs the hidden checks bare: one that throws on the worked solutions fails its cell, with its line, and the source is refused.
        if (!string.IsNullOrWhiteSpace(hidden) && !learner) code.Append(WithLineMarks(Rewrite(hidden, recorder, learner), recorder)).Append('\n');
        else if (!string.IsNullOrWhiteSpace(hidden))
            code.Append($"try\n{{\n{Rewrite(hidden, recorder, learner)}\n}}\n")
                .Append($"catch (global::System.Exception {recorder}_hidden)\n{{\n    {recorder}.HiddenFailed({recorder}_hidden);\n}}\n");
        return code.Append('}').ToString();
    }

    /// <summary>
    /// The reference run's form of a check cell (expected and actual values both recorded), hidden checks
    /// included in the code as they stand.
    /// </summary>
    public static string ToRecording(string checkName, string code, string recorder) => ToRecording(checkName, code, null, recorder, learner: false);

    /// <summary>A check cell's visible code and its hidden checks (between the <c>BEGIN/END HIDDEN CHECKS</c> lines), apart.</summary>
    public static (string Visible, string Hidden) SplitHidden(string code)
    {
        var visible = new List<string>();
        var hidden = new List<string>();
        bool inHidden = false;
        foreach (var line in code.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Trim() == ExerciseMarkers.BeginHidden) { inHidden = true; continue; }
            if (line.Trim() == ExerciseMarkers.EndHidden) { inHidden = false; continue; }
            (inHidden ? hidden : visible).Add(line);
        }
        return (string.Join("\n", visible), string.Join("\n", hidden));
    }

    /// <summary>
    /// The check cell without the statements that only prepare an expected value: a local the learner's side
    /// of no check needs (directly or through another local), its declaration, and the statements that use only
    /// such locals. What is left computes the learner's values.
    /// Names are matched by text, so a name used on both sides keeps its statement: the slice can only keep too
    /// much, never drop what the learner's side reads.
    /// </summary>
    public static (string Visible, string Hidden) WithoutExpectedOnly(string visible, string hidden)
    {
        var parts = new[] { visible, hidden }.Select(c => (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(c, Script).GetRoot()).ToArray();
        var statements = parts.SelectMany((root, part) => root.Members.Select(m => (Part: part, Member: m))).ToList();
        // Top-level locals (a script parses them as fields), by the statement that declares them.
        static VariableDeclarationSyntax? Declaration(MemberDeclarationSyntax m) => m switch
        {
            FieldDeclarationSyntax f => f.Declaration,
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
            _ => null,
        };
        var declaredBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < statements.Count; i++)
            if (Declaration(statements[i].Member) is { } d)
                foreach (var v in d.Variables) declaredBy[v.Identifier.ValueText] = i;
        // The names each statement reads outside the expected side of its checks.
        var reads = statements.Select(s => LearnerSideNames(s.Member).Where(declaredBy.ContainsKey).ToHashSet()).ToList();
        var keep = new bool[statements.Count];
        for (int i = 0; i < statements.Count; i++)
            keep[i] = Declaration(statements[i].Member) is null
                && (statements[i].Member.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(IsCheckCall) || reads[i].Count == 0);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < statements.Count; i++)
            {
                var declaration = Declaration(statements[i].Member);
                if (!keep[i] && declaration is not null && declaration.Variables.Any(v => needed.Contains(v.Identifier.ValueText)))
                    keep[i] = changed = true;
                // A statement that is not a declaration and uses a needed local may change it: keep it too.
                if (!keep[i] && declaration is null && reads[i].Overlaps(needed))
                    keep[i] = changed = true;
                if (keep[i])
                    foreach (var name in reads[i])
                        if (needed.Add(name)) changed = true;
            }
        }
        string Part(int part) =>
            string.Concat(statements.Select((s, i) => (s, i)).Where(x => x.s.Part == part).Select(x => keep[x.i] ? x.s.Member.ToFullString() : ""));
        return (Part(0), Part(1));
    }

    // Identifiers a statement reads, leaving out the expected-side arguments of its check calls.
    private static IEnumerable<string> LearnerSideNames(SyntaxNode statement)
    {
        var expectedSide = statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(c => IsCheckCall(c) && Shapes.ContainsKey(Method(c)))
            .SelectMany(call =>
            {
                var shape = Shapes[Method(call)];
                return call.ArgumentList.Arguments.Where((a, i) =>
                    !shape.Learner.Contains(a.NameColon?.Name.Identifier.ValueText ?? (i < shape.Parameters.Length ? shape.Parameters[i] : "")));
            }).ToList();
        return statement.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => !expectedSide.Any(arg => arg.Span.Contains(id.Span)))
            .Select(id => id.Identifier.ValueText);
    }

    // Each top-level statement of the hidden checks preceded by the recorder's mark of its line (1-based).
    private static string WithLineMarks(string code, string recorder)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var text = new System.Text.StringBuilder();
        foreach (var member in root.Members)
        {
            int line = member.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            text.Append(member.GetLeadingTrivia().ToFullString()).Append($"{recorder}.At({line}); ").Append(member.WithoutLeadingTrivia().ToFullString());
        }
        return text.Append(root.EndOfFileToken.ToFullString()).ToString();
    }

    private static string Rewrite(string code, string recorder, bool learner)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        return new CheckCallRewriter(recorder, learner).Visit(root).ToFullString();
    }

    /// <summary>
    /// What in a check cell a graded run cannot run inside a block (a type or namespace declaration, a
    /// using directive), and every check whose verdict a learner's code could forge, as messages naming the
    /// line; empty when the cell is fine. A graded verdict compares a value the learner's code produced with
    /// one only the reference run computed, so two things are refused: <c>Check.True</c> (its expected value is
    /// always <c>true</c>, and its condition is decided where the learner's code runs), and, in the part of the
    /// cell the learner sees, an expected value the cell spells out as a constant (a literal, or an expression
    /// of literals and of locals of the cell that are themselves such): whatever the learner can read, code
    /// that slipped past the screen can write into a record. <paramref name="hidden"/> (the instructor's
    /// hidden-checks section for the cell) may hold constants, since the learner never sees it; its lines are
    /// named as lines of the hidden checks.
    /// </summary>
    public static IReadOnlyList<string> Problems(string code, string hidden = "")
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var problems = new List<string>();
        foreach (var u in root.Usings) problems.Add($"line {Line(u)}: a check cell may not hold a using directive (put it in an earlier cell)");
        foreach (var m in root.Members.Where(m => m is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or DelegateDeclarationSyntax))
            problems.Add($"line {Line(m)}: a check cell may not declare a type (declare it in an earlier cell)");
        var hiddenRoot = CSharpSyntaxTree.ParseText(hidden, Script).GetRoot();
        if (!root.DescendantNodes().Concat(hiddenRoot.DescendantNodes()).OfType<InvocationExpressionSyntax>().Any(IsCheckCall))
            problems.Add("it calls no Check.Equal, Check.Near or Check.Sequence, so it can never fail");
        var hiddenLines = HiddenLines(code);
        problems.AddRange(ForgeableChecks(root, hiddenLines.Contains, "line"));
        problems.AddRange(ForgeableChecks(hiddenRoot, _ => true, "line of the hidden checks"));
        return problems;
    }

    // The checks of one piece of check code whose verdict learner code could forge: Check.True anywhere, a
    // constant expected value on a line the learner sees.
    private static IEnumerable<string> ForgeableChecks(SyntaxNode root, Func<int, bool> isHidden, string where)
    {
        // The cell's locals that keep the value they were declared with: one that may change later (assigned,
        // incremented, passed on, or used through a member or an index) is computed, not read off the code.
        var changed = root.DescendantNodes().OfType<IdentifierNameSyntax>().Where(MayChange).Select(id => id.Identifier.ValueText).ToHashSet();
        var locals = root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Where(v => v.Initializer is not null && !changed.Contains(v.Identifier.ValueText))
            .GroupBy(v => v.Identifier.ValueText).ToDictionary(g => g.Key, g => g.Last().Initializer!.Value);
        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(IsCheckCall))
        {
            string name = Method(call);
            int line = Line(call);
            if (!Shapes.ContainsKey(name))
            {
                yield return $"{where} {line}: Check.{name} decides its verdict where the learner's code runs (its expected value is always true), "
                    + "so code that got past the screen could forge it; "
                    + "compare the learner's value with the model's in Check.Equal, Check.Near or Check.Sequence";
                continue;
            }
            if (Argument(call, "expected") is not { } expected) continue;
            if (IsTruthValue(expected))
            {
                yield return $"{where} {line}: the expected value of Check.{name} ('{expected}') is whether a condition holds, true or false, "
                    + "which code that got past the screen can guess as it could a Check.True; compare the value the condition is about";
                continue;
            }
            if (isHidden(line) || !IsKnowable(expected, locals, [])) continue;
            yield return $"{where} {line}: the expected value of Check.{name} ('{expected}') is a constant the learner can read in the cell, "
                + "so code that got past the screen could forge it; compute it from the course's model, or move the check into the hidden checks";
        }
    }

    private static bool MayChange(IdentifierNameSyntax id) => id.Parent switch
    {
        AssignmentExpressionSyntax a => a.Left == id,
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
        MemberAccessExpressionSyntax m => m.Expression == id,
        ElementAccessExpressionSyntax e => e.Expression == id,
        ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } => !IsCheckCall(call),
        ArgumentSyntax => true,
        _ => false,
    };

    // The 1-based lines of a check cell between its BEGIN and END HIDDEN CHECKS lines.
    private static HashSet<int> HiddenLines(string code)
    {
        var lines = new HashSet<int>();
        bool inHidden = false;
        var all = code.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i].Trim() == ExerciseMarkers.BeginHidden) inHidden = true;
            else if (all[i].Trim() == ExerciseMarkers.EndHidden) inHidden = false;
            else if (inHidden) lines.Add(i + 1);
        }
        return lines;
    }

    // A check call's argument for one of its parameters, positional or named.
    private static ExpressionSyntax? Argument(InvocationExpressionSyntax call, string parameter)
    {
        var shape = Shapes[Method(call)];
        var args = call.ArgumentList.Arguments;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i].NameColon?.Name.Identifier.ValueText ?? (i < shape.Parameters.Length ? shape.Parameters[i] : "");
            if (name == parameter) return args[i].Expression;
        }
        return null;
    }

    // An expression that is a condition (a comparison, a logical operator, a pattern test, a negation, a bool
    // literal): its value is one of two, so a record of it can be guessed without knowing anything.
    private static bool IsTruthValue(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax p => IsTruthValue(p.Expression),
        LiteralExpressionSyntax l => l.IsKind(SyntaxKind.TrueLiteralExpression) || l.IsKind(SyntaxKind.FalseLiteralExpression),
        BinaryExpressionSyntax b => b.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression
            or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
            or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.IsExpression,
        IsPatternExpressionSyntax => true,
        PrefixUnaryExpressionSyntax u => u.IsKind(SyntaxKind.LogicalNotExpression),
        _ => false,
    };

    // Whether an expression's value can be read off the code: literals, and operators, casts, tuples, arrays and
    // collections of such, and the check cell's own locals initialised with such. A name of anything else (a
    // chapter value, a model call) is computed, in a graded run, by the reference run alone.
    private static bool IsKnowable(ExpressionSyntax expression, IReadOnlyDictionary<string, ExpressionSyntax> locals, HashSet<string> seen) => expression switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax => true,
        ParenthesizedExpressionSyntax p => IsKnowable(p.Expression, locals, seen),
        PrefixUnaryExpressionSyntax u => IsKnowable(u.Operand, locals, seen),
        CastExpressionSyntax c => IsKnowable(c.Expression, locals, seen),
        CheckedExpressionSyntax c => IsKnowable(c.Expression, locals, seen),
        BinaryExpressionSyntax b => IsKnowable(b.Left, locals, seen) && IsKnowable(b.Right, locals, seen),
        ConditionalExpressionSyntax c => IsKnowable(c.Condition, locals, seen) && IsKnowable(c.WhenTrue, locals, seen) && IsKnowable(c.WhenFalse, locals, seen),
        TupleExpressionSyntax t => t.Arguments.All(a => IsKnowable(a.Expression, locals, seen)),
        InterpolatedStringExpressionSyntax s => s.Contents.OfType<InterpolationSyntax>().All(i => IsKnowable(i.Expression, locals, seen)),
        CollectionExpressionSyntax c => c.Elements.All(e => e is ExpressionElementSyntax x && IsKnowable(x.Expression, locals, seen)),
        ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions.All(e => IsKnowable(e, locals, seen)),
        ArrayCreationExpressionSyntax a => a.Initializer is { } i && i.Expressions.All(e => IsKnowable(e, locals, seen)),
        BaseObjectCreationExpressionSyntax o => (o.ArgumentList?.Arguments.All(a => IsKnowable(a.Expression, locals, seen)) ?? true)
            && (o.Initializer?.Expressions.All(e => IsKnowable(e, locals, seen)) ?? true),
        InitializerExpressionSyntax i => i.Expressions.All(e => IsKnowable(e, locals, seen)),
        MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax } => true, // int.MaxValue
        IdentifierNameSyntax id =>
            locals.TryGetValue(id.Identifier.ValueText, out var value) && seen.Add(id.Identifier.ValueText) && IsKnowable(value, locals, seen),
        _ => false,
    };

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string Method(InvocationExpressionSyntax call) => ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText;

    // Check.X(...) or MemoryCourse.Teaching.Checks.Check.X(...), with X one of the three checks or True (which
    // the course no longer has: it is recognised to be refused by name).
    internal static bool IsCheckCall(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equal" or "Near" or "True" or "Sequence" } access
        && access.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Check" } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Check" } q =>
                q.ToString().Replace("global::", "") == "MemoryCourse.Teaching.Checks.Check",
            AliasQualifiedNameSyntax => false,
            _ => false,
        };

    // The parameters of each check, in order; the learner's run keeps those after the arrow.
    private static readonly Dictionary<string, (string[] Parameters, string LearnerMethod, string[] Learner)> Shapes = new()
    {
        ["Equal"] = (["expected", "actual", "what", "hint"], "EqualActual", ["actual", "what", "hint"]),
        ["Near"] = (["expected", "actual", "tolerance", "what", "hint"], "NearActual", ["actual", "what", "hint"]),
        ["Sequence"] = (["expected", "actual", "what", "hint"], "SequenceActual", ["actual", "what", "hint"]),
    };

    private sealed class CheckCallRewriter(string recorder, bool learner) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (!IsCheckCall(node) || !Shapes.ContainsKey(Method(node))) return visited;
            var access = (MemberAccessExpressionSyntax)visited.Expression;
            var target = access.WithExpression(SyntaxFactory.IdentifierName(recorder).WithTriviaFrom(access.Expression));
            if (!learner) return visited.WithExpression(target);
            // Arguments by parameter name (positional or named), then only the learner's side, named.
            var shape = Shapes[access.Name.Identifier.ValueText];
            var byName = new Dictionary<string, ArgumentSyntax>();
            var args = visited.ArgumentList.Arguments;
            for (int i = 0; i < args.Count; i++)
            {
                string name = args[i].NameColon?.Name.Identifier.ValueText ?? (i < shape.Parameters.Length ? shape.Parameters[i] : $"extra{i}");
                byName[name] = args[i];
            }
            var kept = shape.Learner.Where(byName.ContainsKey)
                .Select(p => SyntaxFactory.Argument(SyntaxFactory.NameColon(p), default, byName[p].Expression.WithoutTrivia()));
            return visited.WithExpression(target.WithName(SyntaxFactory.IdentifierName(shape.LearnerMethod)))
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(kept)).NormalizeWhitespace());
        }
    }
}
