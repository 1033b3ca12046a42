using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>One way an exercise's code may change a value the chapter declared: the chapter's name it starts from, the member, and where.</summary>
internal readonly record struct ChapterValueChange(string Root, string Member, SyntaxNode Node);

/// <summary>
/// Where an exercise cell may change a value the chapter declared (a list, a heap, a page table the later checks
/// read) other than by assigning its name: calling a member on it (<c>samples.Add(...)</c>, <c>heap.Allocate(5)</c>),
/// writing an element or a property (<c>table[3] = 0</c>, <c>options.Helpers = 2</c>), or handing it to a method
/// that is not known to only read its argument (<c>Array.Sort(frames)</c>). The chapter's value is followed through
/// what reaches it: member and element reads (<c>heap.FreeList.Clear()</c>), locals, loop variables, lambda and
/// query parameters, pattern and <c>out</c> variables, and the parameters of the cell's own methods, when their type
/// can carry a change (not a number, a string, an enum). A member on <see cref="ExercisePolicy.ReadOnlyMembers"/>
/// only reads and is always allowed; anything else is reported, and <see cref="ExerciseScreen"/> lets through only
/// what the exercise's worked solution does to the same chapter name.
/// </summary>
internal sealed class ChapterValueUses
{
    private readonly SemanticModel _model;
    private readonly SyntaxTree _tree;
    private readonly IReadOnlySet<string> _owned;
    private readonly Dictionary<ISymbol, string> _derived = new(SymbolEqualityComparer.Default);

    // Locals holding a copy of a chapter's collection (ToList, ToArray, ...): the copy is the learner's, its elements are still the chapter's.
    private readonly Dictionary<ISymbol, string> _copies = new(SymbolEqualityComparer.Default);

    private ChapterValueUses(SemanticModel model, IReadOnlySet<string> owned)
    {
        _model = model;
        _tree = model.SyntaxTree;
        _owned = owned;
    }

    /// <summary>Every use in the cell <paramref name="model"/> reads that may change a chapter's value, in source order.</summary>
    /// <param name="owned">The top-level names the exercise itself declares: its own values, which it may change.</param>
    public static IReadOnlyList<ChapterValueChange> Changes(SemanticModel model, IReadOnlySet<string> owned)
    {
        var uses = new ChapterValueUses(model, owned);
        uses.FollowDerivedLocals();
        return uses.Find().OrderBy(c => c.Node.SpanStart).ToList();
    }

    // Locals (and loop, lambda, query, pattern, out and parameter variables) that hold a chapter's value or a part of
    // it, until nothing new is found: O(passes × nodes), a handful of passes for a cell.
    private void FollowDerivedLocals()
    {
        var root = _tree.GetRoot();
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: { } value } v when RootOf(value) is { } r:
                        grew |= Derive(_model.GetDeclaredSymbol(v), r);
                        break;
                    case VariableDeclaratorSyntax { Initializer.Value: { } value } v when CopyRootOf(value) is { } r && _model.GetDeclaredSymbol(v) is { } copy:
                        grew |= _copies.TryAdd(copy, r);
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } a
                        when a.IsKind(SyntaxKind.SimpleAssignmentExpression) && RootOf(a.Right) is { } r:
                        grew |= Derive(_model.GetSymbolInfo(left).Symbol, r);
                        break;
                    case ForEachStatementSyntax f when ElementRootOf(f.Expression) is { } r:
                        grew |= Derive(_model.GetDeclaredSymbol(f), r);
                        break;
                    case ForEachVariableStatementSyntax f when ElementRootOf(f.Expression) is { } r:
                        grew |= DeriveAll(f.Variable, r);
                        break;
                    case FromClauseSyntax q when ElementRootOf(q.Expression) is { } r:
                        grew |= Derive(_model.GetDeclaredSymbol(q), r);
                        break;
                    case IsPatternExpressionSyntax p when RootOf(p.Expression) is { } r:
                        grew |= DeriveAll(p.Pattern, r);
                        break;
                    case SwitchStatementSyntax s when RootOf(s.Expression) is { } r:
                        foreach (var d in s.Sections.SelectMany(x => x.Labels).SelectMany(l => l.DescendantNodes().OfType<SingleVariableDesignationSyntax>()))
                            grew |= Derive(_model.GetDeclaredSymbol(d), r);
                        break;
                    case SwitchExpressionSyntax s when RootOf(s.GoverningExpression) is { } r:
                        foreach (var d in s.Arms.SelectMany(x => x.Pattern.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()))
                            grew |= Derive(_model.GetDeclaredSymbol(d), r);
                        break;
                    case InvocationExpressionSyntax call:
                        grew |= FollowCall(call);
                        break;
                }
            }
        }
    }

    // A call that touches a chapter's value passes it on: to the lambdas given with it (samples.Where(s => ...)), to
    // the out variables it fills (dict.TryGetValue(k, out var list)), and to the parameters of the cell's own methods.
    private bool FollowCall(InvocationExpressionSyntax call)
    {
        var roots = call.ArgumentList.Arguments.Select(a => ElementRootOf(a.Expression)).ToList();
        string? receiver = call.Expression is MemberAccessExpressionSyntax m ? ElementRootOf(m.Expression) : null;
        string? any = receiver ?? roots.FirstOrDefault(r => r is not null);
        if (any is null) return false;
        bool grew = false;
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax lambda && _model.GetSymbolInfo(lambda).Symbol is IMethodSymbol l)
                foreach (var p in l.Parameters) grew |= Derive(p, any);
            if (argument.Expression is DeclarationExpressionSyntax declaration && receiver is not null)
                grew |= DeriveAll(declaration, receiver);
        }
        if (_model.GetSymbolInfo(call).Symbol is IMethodSymbol method && method.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == _tree))
            for (int i = 0; i < roots.Count && i < method.Parameters.Length; i++)
                if (roots[i] is { } r) grew |= Derive(method.Parameters[i], r);
        return grew;
    }

    // Every variable a pattern, a deconstruction or an out argument declares.
    private bool DeriveAll(SyntaxNode declaring, string root)
    {
        bool grew = false;
        foreach (var d in declaring.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()) grew |= Derive(_model.GetDeclaredSymbol(d), root);
        return grew;
    }

    private bool Derive(ISymbol? symbol, string root) =>
        symbol is not null && CanCarryChange(TypeOf(symbol)) && _derived.TryAdd(symbol, root);

    // The uses that may change a chapter's value.
    private IEnumerable<ChapterValueChange> Find()
    {
        foreach (var node in _tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                // x.Member: a method not known to only read, a property or field written, an event.
                case MemberAccessExpressionSyntax m when RootOf(m.Expression) is { } r:
                {
                    var symbol = Resolve(m);
                    if (symbol is null) break;
                    bool written = IsWritten(m);
                    if (symbol is IMethodSymbol method && !IsReadOnly(method)) yield return new(r, ExerciseScreen.KeyOf(method), m);
                    else if (symbol is IEventSymbol) yield return new(r, ExerciseScreen.KeyOf(symbol), m);
                    else if (written) yield return new(r, "set " + ExerciseScreen.KeyOf(symbol), m);
                    break;
                }
                // x[i] = ..., x[i]++, ref x[i]
                case ElementAccessExpressionSyntax e when IsWritten(e) && RootOf(e.Expression) is { } r:
                    yield return new(r, "[]=", e);
                    break;
                // M(x): handed to a method that may change it (not the cell's own: its parameter is followed instead).
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } target } } a when RootOf(a.Expression) is { } r:
                {
                    var method = Resolve(target) as IMethodSymbol;
                    bool byValue = a.RefKindKeyword.IsKind(SyntaxKind.None);
                    if (byValue && method is not null && (method.DeclaringSyntaxReferences.Any(d => d.SyntaxTree == _tree) || IsReadOnly(method))) break;
                    yield return new(r, "argument of " + (method is null ? target.Kind().ToString() : ExerciseScreen.KeyOf(method)), a);
                    break;
                }
            }
        }
    }

    /// <summary>The chapter name whose value <paramref name="expression"/> is, or a part of; null when it is none.</summary>
    private string? RootOf(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax p: return RootOf(p.Expression);
            case CastExpressionSyntax c: return RootOf(c.Expression);
            case PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.SuppressNullableWarningExpression): return RootOf(p.Operand);
            case ConditionalExpressionSyntax c: return RootOf(c.WhenTrue) ?? RootOf(c.WhenFalse);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.CoalesceExpression) || b.IsKind(SyntaxKind.AsExpression):
                return RootOf(b.Left) ?? RootOf(b.Right);
            case ConditionalAccessExpressionSyntax c: return CanCarryChange(_model.GetTypeInfo(c).Type) ? RootOf(c.Expression) : null;
            case IdentifierNameSyntax id:
            {
                var symbol = _model.GetSymbolInfo(id).Symbol;
                if (symbol is null) return null;
                if (_derived.TryGetValue(symbol, out var root)) return root;
                return IsChapterValue(symbol) && CanCarryChange(TypeOf(symbol)) ? symbol.Name : null;
            }
            case MemberAccessExpressionSyntax m:
            {
                var symbol = _model.GetSymbolInfo(m).Symbol;
                if (!CanCarryChange(_model.GetTypeInfo(m).Type)) return null;
                // A static value of a course model (a shared table): a chapter's value as much as a name the chapter declared.
                if (symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } && IsCourseModel(symbol.ContainingType))
                    return $"{symbol.ContainingType.Name}.{symbol.Name}";
                return symbol is IFieldSymbol or IPropertySymbol ? RootOf(m.Expression) : null;
            }
            case ElementAccessExpressionSyntax e:
                return CanCarryChange(_model.GetTypeInfo(e).Type) ? ElementRootOf(e.Expression) : null;
            case InvocationExpressionSyntax call:
            {
                // What a call on a chapter's value returns may be a part of it (heap.FreeList(), list.Find(...)),
                // unless it is a copy (ToList, ToArray, ...) or cannot carry a change.
                if (call.Expression is not MemberAccessExpressionSyntax m || !CanCarryChange(_model.GetTypeInfo(call).Type)) return null;
                if (_model.GetSymbolInfo(call).Symbol is IMethodSymbol method && ExercisePolicy.Copies(ExerciseScreen.KeyOf(Unreduced(method)))) return null;
                return ElementRootOf(m.Expression);
            }
            default:
                return null;
        }
    }

    // The chapter name whose value, or whose elements, an expression holds: a copy's elements are still the chapter's.
    private string? ElementRootOf(ExpressionSyntax expression) => RootOf(expression) ?? CopyRootOf(expression);

    // The chapter name a copy of whose collection the expression is (a ToList of it, or a local holding one).
    private string? CopyRootOf(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax p => CopyRootOf(p.Expression),
        IdentifierNameSyntax id => _model.GetSymbolInfo(id).Symbol is { } local && _copies.TryGetValue(local, out var r) ? r : null,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax m } call
            when _model.GetSymbolInfo(call).Symbol is IMethodSymbol method && ExercisePolicy.Copies(ExerciseScreen.KeyOf(Unreduced(method)))
            => ElementRootOf(m.Expression),
        _ => null,
    };

    private ISymbol? Resolve(SyntaxNode node)
    {
        var info = _model.GetSymbolInfo(node);
        return info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
    }

    // A field or property of the notebook's script declared by an earlier cell, not by this exercise.
    private bool IsChapterValue(ISymbol symbol) =>
        symbol is IFieldSymbol or IPropertySymbol
        && symbol.ContainingAssembly is { IsInteractive: true }
        && symbol.ContainingType?.IsScriptClass == true
        && !_owned.Contains(symbol.Name)
        && symbol.DeclaringSyntaxReferences.All(r => r.SyntaxTree != _tree);

    private static bool IsReadOnly(IMethodSymbol method) => ExercisePolicy.ReadsOnly(ExerciseScreen.KeyOf(Unreduced(method)));

    private static IMethodSymbol Unreduced(IMethodSymbol method) => method.ReducedFrom ?? method;

    private static bool IsCourseModel(INamedTypeSymbol? type) =>
        (type?.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("MemoryCourse", StringComparison.Ordinal);

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        IRangeVariableSymbol => null, // the query's element type: assume it can
        _ => null,
    };

    // Whether a value of this type can be changed through a member: not a number, a bool, a char, a string, an enum,
    // or a tuple or nullable of those. Unknown (null) can.
    private static bool CanCarryChange(ITypeSymbol? type) => type switch
    {
        null => true,
        { SpecialType: not SpecialType.None } =>
            type.SpecialType is SpecialType.System_Object or SpecialType.System_Array or SpecialType.System_Collections_IEnumerable,
        { TypeKind: TypeKind.Enum } => false,
        INamedTypeSymbol { IsTupleType: true } t => t.TupleElements.Any(e => CanCarryChange(e.Type)),
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n => CanCarryChange(n.TypeArguments[0]),
        _ => true,
    };

    // Written: the target of an assignment, ++ or --, or passed by ref or out.
    private static bool IsWritten(ExpressionSyntax node) => node.Parent switch
    {
        AssignmentExpressionSyntax a => a.Left == node,
        PrefixUnaryExpressionSyntax p => p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression),
        PostfixUnaryExpressionSyntax p => p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression),
        ArgumentSyntax arg => arg.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || arg.RefKindKeyword.IsKind(SyntaxKind.OutKeyword),
        _ => false,
    };
}
