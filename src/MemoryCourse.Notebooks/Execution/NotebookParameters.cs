using System.Globalization;
using MemoryCourse.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Papermill-style parameters. A notebook marks one C# cell as its parameters cell by making
/// <c>// parameters</c> its first line; <c>memcourse run -p name=value</c> then runs, right after that cell
/// and as part of it, an assignment of the new values (<c>name = value;</c>). Each value is checked against
/// the type the cell declares (<c>int</c>, <c>long</c>, <c>double</c>, <c>bool</c>, <c>string</c>) before
/// anything runs, so a wrong one is reported as the parameter, the value and the type it needed, never as
/// a compile error in code the learner did not write.
/// </summary>
public static class NotebookParameters
{
    public const string Marker = "// parameters";
    public const string InjectedMarker = "// injected parameters";

    /// <summary>
    /// One variable the parameters cell declares, with the C# type it declares it as; <see cref="NotSettable"/>
    /// says why an assignment cannot set it (a <c>const</c>, a <c>readonly</c> field), null when one can.
    /// </summary>
    public sealed record Declaration(string Name, string Type)
    {
        public string? NotSettable { get; init; }
    }

    /// <summary>The 0-based index of the parameters cell, or -1.</summary>
    public static int FindParametersCell(InteractiveDocument notebook)
    {
        for (int i = 0; i < notebook.Elements.Count; i++)
        {
            var cell = notebook.Elements[i];
            if (cell.KernelName != KernelNames.CSharp) continue;
            string first = cell.Contents.Split('\n')[0].Trim();
            if (string.Equals(first, Marker, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>
    /// The variables a parameters cell declares at top level, in order; <c>var</c> takes its type from a literal.
    /// Only the cell's own top level counts: a local of a method or a lambda in the cell is not a parameter (the
    /// injected assignment could not reach it).
    /// </summary>
    public static IReadOnlyList<Declaration> Declarations(string cellSource)
    {
        var root = CSharpSyntaxTree.ParseText(cellSource, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var found = new List<Declaration>();
        foreach (var node in root.ChildNodes())
        {
            var (declaration, modifiers) = node switch
            {
                FieldDeclarationSyntax f => (f.Declaration, f.Modifiers),
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => (l.Declaration, l.Modifiers),
                _ => (null, default(SyntaxTokenList)),
            };
            if (declaration is null) continue;
            string? notSettable = modifiers.Any(SyntaxKind.ConstKeyword) ? "a const" : modifiers.Any(SyntaxKind.ReadOnlyKeyword) ? "readonly" : null;
            foreach (var variable in declaration.Variables)
            {
                string type = declaration.Type.ToString();
                if (type == "var") type = LiteralType(variable.Initializer?.Value) ?? "var";
                found.Add(new Declaration(variable.Identifier.ValueText, type) { NotSettable = notSettable });
            }
        }
        return found;
    }

    /// <summary>
    /// Checks the parameters against the notebook before it runs: there is a parameters cell, it declares
    /// every name, and every value fits its type. Returns one message per problem, naming file and cell.
    /// </summary>
    public static IReadOnlyList<string> Validate(InteractiveDocument notebook, string path, IReadOnlyDictionary<string, string> parameters)
    {
        if (parameters.Count == 0) return [];
        int at = FindParametersCell(notebook);
        if (at < 0) return [$"{path}: -p given, but the notebook has no parameters cell (a C# cell whose first line is '{Marker}')"];
        var declarations = Declarations(notebook.Elements[at].Contents);
        var declared = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        foreach (var d in declarations) declared.TryAdd(d.Name, d);
        var problems = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (!declared.TryGetValue(name, out var declaration))
            {
                var settable = declared.Values.Where(d => d.NotSettable is null).Select(d => d.Name).ToList();
                string known = settable.Count == 0 ? "it declares none" : "it declares " + string.Join(", ", settable);
                problems.Add($"{path}: parameter {Shown(name)} is not declared at the top level of the parameters cell (cell {at + 1}); {known}");
            }
            else if (declaration.NotSettable is { } why)
                problems.Add($"{path}: parameter {Shown(name)} is {why} in the parameters cell (cell {at + 1}), which no assignment can change; " +
                    "declare it as a variable to make it a parameter");
            else if (Literal(declaration.Type, value) is null)
                problems.Add($"{path}: parameter {Shown(name)} is {Article(declaration.Type)} {declaration.Type} (cell {at + 1}), " +
                    $"and {Shown(value)} is not {Expected(declaration.Type)}");
        }
        return problems;
    }

    /// <summary>The code that sets the parameters (run after the parameters cell), or null when none are given.</summary>
    public static string? InjectedCode(InteractiveDocument notebook, IReadOnlyDictionary<string, string> parameters)
    {
        if (parameters.Count == 0) return null;
        int at = FindParametersCell(notebook);
        if (at < 0) return null;
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in Declarations(notebook.Elements[at].Contents)) declared.TryAdd(d.Name, d.Type);
        // A name that is a keyword (int @class) is written with its @, or the assignment would not compile.
        var lines = parameters.Select(p =>
            $"{Identifier(p.Key)} = {Literal(declared.GetValueOrDefault(p.Key, "string"), p.Value) ?? Literal("string", p.Value)};");
        return InjectedMarker + "\n" + string.Join("\n", lines);
    }

    /// <summary>How the given parameters read in a message: <c>-p objects=2000000000 -p seed=3</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> parameters) =>
        string.Join(" ", parameters.Select(p => $"-p {p.Key}={p.Value}"));

    /// <summary>The C# literal for <paramref name="value"/> as a <paramref name="type"/>, or null when it is not one.</summary>
    public static string? Literal(string type, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        string v = value.Trim().Replace("_", "");
        return type switch
        {
            "int" or "Int32" => int.TryParse(v, NumberStyles.AllowLeadingSign, inv, out var i) ? i.ToString(inv) : null,
            "long" or "Int64" => long.TryParse(v, NumberStyles.AllowLeadingSign, inv, out var l) ? l.ToString(inv) + "L" : null,
            // 1e-400 parses as 0: a value too small for a double is refused, not silently made 0.
            "double" or "Double" => double.TryParse(v, NumberStyles.Float, inv, out var d) && double.IsFinite(d) && (d != 0 || !HasNonZeroDigit(v))
                ? d.ToString("R", inv) + "d"
                : null,
            "bool" or "Boolean" => v is "true" or "false" ? v : null,
            "string" or "String" => SymbolDisplay.FormatLiteral(value, quote: true),
            _ => null,
        };
    }

    private static string? LiteralType(ExpressionSyntax? e) => e switch
    {
        LiteralExpressionSyntax { Token.Value: int } => "int",
        LiteralExpressionSyntax { Token.Value: long } => "long",
        LiteralExpressionSyntax { Token.Value: double } => "double",
        LiteralExpressionSyntax { Token.Value: bool } => "bool",
        LiteralExpressionSyntax { Token.Value: string } => "string",
        _ => null,
    };

    private static bool HasNonZeroDigit(string number)
    {
        int exponent = number.IndexOfAny(['e', 'E']);
        return (exponent < 0 ? number : number[..exponent]).Any(c => c is >= '1' and <= '9');
    }

    private static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    // A name or value in a message: quoted, control characters escaped.
    private static string Shown(string s)
    {
        var sb = new System.Text.StringBuilder("'");
        foreach (char c in s.Length > 60 ? s[..60] + "..." : s) sb.Append(c < ' ' || c == '\x7f' ? $"\\x{(int)c:x2}" : c.ToString());
        return sb.Append('\'').ToString();
    }

    private static string Article(string type) => type.Length > 0 && "aeiouAEIOU".Contains(type[0]) ? "an" : "a";

    private static string Expected(string type) => type switch
    {
        "int" or "Int32" => $"a whole number from {int.MinValue} to {int.MaxValue}",
        "long" or "Int64" => "a whole number that fits in 64 bits",
        "double" or "Double" => "a finite number a double holds (like 0.25; not NaN, not beyond 1.8e308, not so small it becomes 0)",
        "bool" or "Boolean" => "true or false",
        _ => $"something -p can set (only int, long, double, bool and string parameters can be set from the command line)",
    };
}
