using MemoryCourse.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>One thing in an exercise cell that grading refuses: the line (in the learner's cell) and why.</summary>
public sealed record ScreenFinding(int Line, string Construct, string Reason)
{
    public override string ToString() => $"line {Line}: {Construct} ({Reason}), which an exercise never needs";
}

/// <summary>
/// Reads a learner's exercise cell before it runs and lets through only what is on an allow-list. First the
/// cell is read as the kernel reads it (<see cref="KernelReading"/>): a cell the kernel would split, send to
/// another kernel or run as a magic command, or one holding a line break C# and the kernel disagree on, is
/// refused whole. Then it is compiled with Roslyn against the chapter's own cells and references (with the
/// worked solutions in place), and every syntax node and every symbol it uses (names, members, constructors,
/// indexers, operators, the type of a lambda) is held against <see cref="ExercisePolicy"/>'s base and what the
/// chapter's worked solutions use: library members from any solution of the chapter, the course models'
/// members only from this exercise's own solution. The notebook's own declarations may be read, not declared
/// again or assigned. What resolves to nothing, or to anything else, is refused with its line; an alias or a
/// <c>using</c> cannot hide what is called, since symbols, not text, are compared.
/// </summary>
public sealed class ExerciseScreen
{

    private readonly ChapterCompilation _chapter;
    private readonly IReadOnlyDictionary<int, IReadOnlySet<string>> _owned;
    private readonly IReadOnlySet<string> _chapterNames;
    private readonly ExercisePolicy _policy;
    private readonly KernelReading _kernelReading = new();
    private readonly IReadOnlySet<int> _solutionCells;
    private readonly IReadOnlyDictionary<int, string> _solutionText;

    /// <summary>The chapter cells the screen could not compile and so left out of the context (for diagnosing a refusal).</summary>
    public IReadOnlyList<string> LeftOut => _chapter.LeftOut;

    /// <param name="source">
    /// The instructor's notebook: its cells, with the worked solutions in place of the exercises' starting code,
    /// are the context every exercise compiles in.
    /// </param>
    /// <param name="notebookFolder">The source's folder, against which its <c>#r</c> and <c>#!import</c> paths resolve.</param>
    public ExerciseScreen(InteractiveDocument source, string notebookFolder, ExercisePolicy policy)
    {
        _policy = policy;
        source = ExerciseMarkers.Solved(source);
        var exercises = ExerciseMarkers.Exercises(source).ToDictionary(e => e.CellIndex);
        _chapter = new ChapterCompilation(source, notebookFolder);
        _derived = new Lazy<DerivedUses>(DeriveUses);
        _solutionCells = exercises.Keys.ToHashSet();
        _solutionText = exercises.Keys.ToDictionary(i => i, i => ChapterCompilation.StripMagics(source.Elements[i].Contents));
        // What each exercise owns: the names its source cell declares at top level.
        _owned = exercises.Keys.ToDictionary(i => i, i => (IReadOnlySet<string>)ChapterCompilation.TopLevelNames(source.Elements[i].Contents).ToHashSet());
        // Names a learner may not declare: the chapter's own, and every name a check cell mentions.
        var checks = ExerciseMarkers.Checks(source).Select(c => source.Elements[c.CellIndex].Contents);
        _chapterNames = _chapter.Cells.Where(c => c.Cell < 0 || !exercises.ContainsKey(c.Cell))
            .SelectMany(c => ChapterCompilation.TopLevelNames(c.Code))
            .Concat(checks.SelectMany(c => CSharpSyntaxTree.ParseText(c, ChapterCompilation.Script).GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>()
                .Select(i => i.Identifier.ValueText)))
            .ToHashSet();
    }

    /// <summary>What grading refuses in the learner's version of the exercise at <paramref name="cellIndex"/> (0-based), in line order.</summary>
    public IReadOnlyList<ScreenFinding> Screen(int cellIndex, string learnerCode)
    {
        // First, as the kernel reads it: a cell it would split, send elsewhere or run as a magic is refused whole.
        var findings = _kernelReading.Read(learnerCode).ToList();
        if (findings.Count > 0) return findings;

        var compilation = _chapter.Compile("exercise", learnerCode, _chapter.Before(cellIndex));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();
        var owned = _owned.TryGetValue(cellIndex, out var o) ? o : new HashSet<string>();

        // Preprocessor lines (#r, #load, #if regions whose text C# never reads): a solution needs none.
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
            if (trivia.GetStructure() is DirectiveTriviaSyntax directive)
                findings.Add(new ScreenFinding(LineOf(directive), directive.ToString().Trim().Split(' ', 2)[0], "a directive"));
            else if (trivia.IsKind(SyntaxKind.DisabledTextTrivia))
                findings.Add(new ScreenFinding(LineOf(trivia), "text in a disabled region", "code the compiler skips"));

        // Syntax: the base list, and whatever a worked solution of this chapter writes.
        foreach (var node in root.DescendantNodesAndSelf())
        {
            var kind = node.Kind();
            if (!_policy.Syntax.Contains(kind) && !Derived.Syntax.Contains(kind))
                findings.Add(Finding(node, SyntaxDescription(node), SyntaxReason(node)));
            switch (node)
            {
                case IdentifierNameSyntax { Identifier.ValueText: "dynamic" } id when model.GetTypeInfo(id).Type is { TypeKind: TypeKind.Dynamic }:
                    findings.Add(Finding(node, "dynamic", "late binding, which is reflection"));
                    break;
                case LambdaExpressionSyntax lambda when IsExpressionTree(model.GetTypeInfo(lambda).ConvertedType):
                    findings.Add(Finding(node, "a lambda made into an expression tree", "expression trees, which are reflection"));
                    break;
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax
                    when HasModifier(node, SyntaxKind.ExternKeyword) || HasModifier(node, SyntaxKind.UnsafeKeyword):
                    findings.Add(Finding(node, "extern or unsafe method", "native code"));
                    break;
            }
        }

        // Top-level declarations: an exercise declares only the names its cell owns.
        foreach (var name in ChapterCompilation.TopLevelDeclarations(root))
            if (!owned.Contains(name.Text) && _chapterNames.Contains(name.Text))
                findings.Add(new ScreenFinding(LineOf(name), $"declares '{name.Text}'", "a name the chapter or its checks use"));

        // Every name, member, indexer, operator and constructor the code uses, resolved to its symbol and held
        // against the allow-list; and assignments to the chapter's variables.
        foreach (var node in root.DescendantNodes())
        {
            if (node is not (SimpleNameSyntax or ElementAccessExpressionSyntax or BaseObjectCreationExpressionSyntax or BinaryExpressionSyntax
                or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax or ImplicitElementAccessSyntax
                or CastExpressionSyntax)) continue;
            if (node is IdentifierNameSyntax { IsVar: true }) continue; // the type 'var' stands for came from an expression, which is checked itself
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null)
            {
                // What the screen cannot resolve, it cannot vouch for (a member of an unknown type could be
                // anything). The chapter's own context resolves every name a solution uses (a test keeps it so),
                // so such a name would not compile in the kernel either.
                if (node is SimpleNameSyntax name && name.Identifier.ValueText is not ("nameof" or "_" or "value")
                    && model.GetTypeInfo(node).Type is not { TypeKind: TypeKind.Dynamic })
                    findings.Add(Finding(node, $"'{name.Identifier.ValueText}'", "a name that does not resolve, so what it calls cannot be checked"));
                continue;
            }
            if (node is SimpleNameSyntax simple && IsChapterVariable(symbol) && !owned.Contains(symbol.Name) && IsWrittenTo(simple))
                findings.Add(Finding(node, $"assigns '{symbol.Name}'", "changing a value the chapter owns"));
            if (WhyRefused(symbol, cellIndex) is { } reason)
                findings.Add(Finding(node, Describe(symbol), reason));
        }
        foreach (var node in root.DescendantNodes().OfType<ExpressionSyntax>().Where(e => e is BaseObjectCreationExpressionSyntax))
            if (model.GetTypeInfo(node).Type is INamedTypeSymbol created && WhyRefused(created, cellIndex) is { } reason)
                findings.Add(Finding(node, $"new {created.ToDisplayString()}", reason));

        // The chapter's values may be changed only as this exercise's worked solution changes them: a member
        // call, an element or property write, or a hand-over to a method that may change it, on the same name.
        var allowedChanges = Derived.Changes.TryGetValue(cellIndex, out var c) ? c : new HashSet<string>();
        foreach (var change in ChapterValueUses.Changes(model, owned))
            if (!allowedChanges.Contains(ChangeKey(change)))
                findings.Add(Finding(change.Node, $"{DescribeChange(change.Member)} on '{change.Root}'",
                    "changing a value the chapter declared, which this exercise's worked solution does not do to it"));

        return findings.GroupBy(f => (f.Line, f.Construct)).Select(g => g.First()).OrderBy(f => f.Line).ToList();
    }

    /// <summary>
    /// Compile errors in <paramref name="hidden"/>, an instructor's hidden checks for a check cell whose visible
    /// code is <paramref name="visible"/>, compiled after the whole chapter as the graded run puts them (one
    /// block, the hidden checks last): each with its 1-based line in <paramref name="hidden"/>. Errors in the
    /// visible part are not the hidden file's, and mean the chapter's context is incomplete here: then nothing is said.
    /// </summary>
    public IReadOnlyList<(int Line, string Message)> HiddenCheckErrors(string visible, string hidden)
    {
        int visibleLines = visible.Split('\n').Length;
        int hiddenStart = 2 + visibleLines + 1; // "{", the visible lines, "{", then the hidden ones
        var compilation = _chapter.Compile("hidden", "{\n" + ChapterCompilation.StripMagics(visible) + "\n{\n" + hidden + "\n}\n}", _chapter.Chain[^1].After);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource)
            .Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Message: $"{d.Id}: {d.GetMessage()}")).ToList();
        if (errors.Any(e => e.Line < hiddenStart)) return [];
        return errors.Select(e => (e.Line - hiddenStart + 1, e.Message)).OrderBy(e => e.Item1).ToList();
    }

    private static readonly SymbolDisplayFormat TypeKey = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>Why the exercise at <paramref name="cellIndex"/> may not use <paramref name="symbol"/>, or null when it may.</summary>
    private string? WhyRefused(ISymbol symbol, int cellIndex)
    {
        if (symbol is ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or ITypeParameterSymbol or IDiscardSymbol or INamespaceSymbol)
            return null;
        if (symbol is IMethodSymbol { MethodKind: MethodKind.BuiltinOperator }) return null; // + on int, == on string: the language's own
        if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension, ReducedFrom: { } reduced }) symbol = reduced;
        symbol = symbol.OriginalDefinition;
        if (symbol.ContainingAssembly is { IsInteractive: true }) return null; // the notebook's own declarations (read-only, checked above)
        if (symbol is IArrayTypeSymbol array) return WhyRefused(array.ElementType, cellIndex);
        if (symbol is IPointerTypeSymbol or IFunctionPointerTypeSymbol) return "pointers and unsafe memory";
        if (symbol is IDynamicTypeSymbol) return "late binding, which is reflection";
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null) return "not on the list of what an exercise may use";
        if (type.IsTupleType || type.IsAnonymousType || (type.Name == "ValueTuple" && type.ContainingNamespace?.ToDisplayString() == "System")) return null;
        string member = symbol is INamedTypeSymbol ? "" : symbol.Name;
        if (symbol is IMethodSymbol { Name: "GetType" or "MemberwiseClone" } && member.Length > 0) return "reflection";
        // Members every object has (a record's ToString, an override of Equals): the language's own.
        if (symbol is IMethodSymbol { Name: "ToString" or "Equals" or "GetHashCode", IsOverride: true }) return null;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            string key = t.OriginalDefinition.ToDisplayString(TypeKey);
            if (_policy.Types.Contains(key)) return null;
            if (_policy.MembersOnly.TryGetValue(key, out var only))
                return member.Length == 0 || only.Contains(member)
                    ? null : $"of {key} an exercise may use only {string.Join(", ", only.Where(m => m != ".ctor"))}";
        }
        if (type.TypeKind == TypeKind.Enum && Derived.Allowed(cellIndex, Key(type, "")) ) return null;
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (Derived.Allowed(cellIndex, Key(type, member))) return null;
        // Naming a course model's type is harmless; its members and constructors are what the solution must use.
        if (member.Length == 0 && ns.StartsWith("MemoryCourse", StringComparison.Ordinal)
            && !ns.StartsWith("MemoryCourse.Teaching.Checks", StringComparison.Ordinal))
            return null;
        return ExercisePolicy.ReasonFor(type.OriginalDefinition.ToDisplayString(TypeKey), ns);
    }

    /// <summary>How the screen names a symbol: its type's original definition as Roslyn displays it, then <c>::</c> and the member's name.</summary>
    internal static string KeyOf(ISymbol symbol)
    {
        symbol = symbol.OriginalDefinition;
        return (symbol as INamedTypeSymbol ?? symbol.ContainingType) is { } type ? Key(type, symbol is INamedTypeSymbol ? "" : symbol.Name) : symbol.Name;
    }

    private static string ChangeKey(ChapterValueChange change) => change.Root + "->" + change.Member;

    private static string DescribeChange(string member) => member switch
    {
        "[]=" => "writes an element",
        _ when member.StartsWith("set ", StringComparison.Ordinal) => $"sets {member[4..].Replace("::", ".")}",
        _ when member.StartsWith("argument of ", StringComparison.Ordinal) => $"hands it to {member[12..].Replace("::", ".")}",
        _ => $"calls {member.Replace("::", ".")}",
    };

    private static string Key(INamedTypeSymbol type, string member) =>
        type.OriginalDefinition.ToDisplayString(TypeKey) + (member.Length > 0 ? "::" + member : "");

    private static bool IsExpressionTree(ITypeSymbol? type) =>
        type is INamedTypeSymbol t && (t.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("System.Linq.Expressions", StringComparison.Ordinal);

    private static string SyntaxReason(SyntaxNode node) => node switch
    {
        BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => "declaring types",
        TypeOfExpressionSyntax => "reflection",
        UnsafeStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax =>
            "pointers and unsafe memory",
        AttributeListSyntax or AttributeSyntax => "attributes (native calls, compiler hints)",
        UsingDirectiveSyntax => "a using directive, which could hide what is called",
        MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax => "undocumented runtime features",
        _ => "syntax no worked solution of this chapter uses",
    };

    private static string SyntaxDescription(SyntaxNode node) => node switch
    {
        BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => "declares a type",
        TypeOfExpressionSyntax => "typeof",
        UnsafeStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax =>
            "unsafe code",
        AttributeListSyntax or AttributeSyntax => "an attribute",
        UsingDirectiveSyntax u => u.ToString().Trim(),
        MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax => node.ToString(),
        _ => node.Kind().ToString(),
    };

    // What the chapter's worked solutions use, made once: the syntax of all of them; the members of everything
    // but the course's models from all of them; the members of the course's models from each exercise's own.
    // Lazy: two submissions screened at once derive them once.
    private readonly Lazy<DerivedUses> _derived;

    private DerivedUses Derived => _derived.Value;

    private sealed record DerivedUses(IReadOnlySet<SyntaxKind> Syntax, IReadOnlySet<string> Chapter, IReadOnlyDictionary<int, IReadOnlySet<string>> PerExercise,
        IReadOnlyDictionary<int, IReadOnlySet<string>> Changes)
    {
        public bool Allowed(int cellIndex, string key) =>
            Chapter.Contains(key) || (PerExercise.TryGetValue(cellIndex, out var own) && own.Contains(key));
    }

    private DerivedUses DeriveUses()
    {
        var syntax = new HashSet<SyntaxKind>();
        var chapter = new HashSet<string>(StringComparer.Ordinal);
        var perExercise = new Dictionary<int, IReadOnlySet<string>>();
        var changes = new Dictionary<int, IReadOnlySet<string>>();
        foreach (var (cell, after) in _chapter.Chain)
        {
            if (!_solutionCells.Contains(cell) || after.SyntaxTrees.SingleOrDefault() is not { } tree) continue;
            if (!_solutionText.TryGetValue(cell, out var text) || tree.GetRoot().ToFullString() != text) continue; // the cell was left out of the chain
            var model = after.GetSemanticModel(tree);
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in tree.GetRoot().DescendantNodesAndSelf())
            {
                syntax.Add(node.Kind());
                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension, ReducedFrom: { } reduced }) symbol = reduced;
                if (symbol?.OriginalDefinition is not { } used || used.ContainingAssembly is { IsInteractive: true }) continue;
                var type = used as INamedTypeSymbol ?? used.ContainingType;
                if (type is null) continue;
                string key = Key(type, used is INamedTypeSymbol ? "" : used.Name);
                bool isModel = (type.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("MemoryCourse", StringComparison.Ordinal);
                (isModel ? own : chapter).Add(key);
                if (type.TypeKind == TypeKind.Enum) own.Add(Key(type, ""));
                if (model.GetTypeInfo(node).Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } e) own.Add(Key(e, ""));
            }
            perExercise[cell] = own;
            changes[cell] = ChapterValueUses.Changes(model, _owned[cell]).Select(ChangeKey).ToHashSet(StringComparer.Ordinal);
        }
        return new DerivedUses(syntax, chapter, perExercise, changes);
    }

    private static bool IsChapterVariable(ISymbol symbol) =>
        symbol is IFieldSymbol or IPropertySymbol && symbol.ContainingAssembly is { IsInteractive: true } && symbol.ContainingType?.IsScriptClass == true;

    private static bool IsWrittenTo(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is MemberAccessExpressionSyntax m && m.Name == node) node = m;
        return node.Parent switch
        {
            AssignmentExpressionSyntax a => a.Left == node,
            PrefixUnaryExpressionSyntax p => p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax p => p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression),
            ArgumentSyntax arg => !arg.RefKindKeyword.IsKind(SyntaxKind.None) && !arg.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
            _ => false,
        };
    }

    private static string Describe(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol t => t.ToDisplayString(),
        IMethodSymbol m when m.ContainingType is { } t => $"{t.ToDisplayString()}.{m.Name}",
        _ when symbol.ContainingType is { } t => $"{t.ToDisplayString()}.{symbol.Name}",
        _ => symbol.ToDisplayString(),
    };

    private static ScreenFinding Finding(SyntaxNode node, string construct, string reason) => new(LineOf(node), construct, reason);

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static int LineOf(SyntaxTrivia trivia) => trivia.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static int LineOf(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static bool HasModifier(SyntaxNode node, SyntaxKind kind) => node switch
    {
        MethodDeclarationSyntax m => m.Modifiers.Any(kind),
        LocalFunctionStatementSyntax l => l.Modifiers.Any(kind),
        _ => false,
    };
}
