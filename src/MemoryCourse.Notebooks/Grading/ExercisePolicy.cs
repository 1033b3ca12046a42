using Microsoft.CodeAnalysis.CSharp;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// What the code a learner writes in an exercise cell may use: an allow-list, in one place. An exercise is a
/// computation over the chapter's values, so it gets a vetted base (the language's everyday syntax,
/// primitive types and their operators, <c>string</c>, <c>Math</c>, <c>BitOperations</c>, <c>Convert</c>,
/// tuples, arrays, the common collections and LINQ to objects) plus whatever the chapter's worked solutions
/// use (see <see cref="ExerciseScreen"/>, which derives that from the solutions' symbols). Everything else is
/// refused, whatever it is: what the list does not name is unknown, and unknown is refused. A chapter whose
/// learners need more gets one line in <see cref="ChapterWidenings"/>, reviewed like code.
/// </summary>
public sealed record ExercisePolicy(IReadOnlySet<string> Types, IReadOnlyDictionary<string, IReadOnlySet<string>> MembersOnly, IReadOnlySet<SyntaxKind> Syntax)
{
    /// <summary>Types (original definitions, as Roslyn displays them) every member of which an exercise may use.</summary>
    private static readonly string[] BaseTypes =
    [
        "string", "char", "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal",
        "nint", "nuint", "System.Half", "System.Int128", "System.UInt128",
        "System.Math", "System.MathF", "System.Numerics.BitOperations", "System.Convert", "System.Text.StringBuilder",
        "System.Nullable<T>", "System.Index", "System.Range", "System.StringComparison", "System.StringSplitOptions", "System.MidpointRounding",
        "System.ValueTuple", "System.ValueTuple<T1>", "System.ValueTuple<T1, T2>", "System.ValueTuple<T1, T2, T3>", "System.ValueTuple<T1, T2, T3, T4>",
        "System.ValueTuple<T1, T2, T3, T4, T5>", "System.ValueTuple<T1, T2, T3, T4, T5, T6>", "System.ValueTuple<T1, T2, T3, T4, T5, T6, T7>",
        "System.ValueTuple<T1, T2, T3, T4, T5, T6, T7, TRest>",
        "System.Func<TResult>", "System.Func<T, TResult>", "System.Func<T1, T2, TResult>", "System.Func<T1, T2, T3, TResult>",
        "System.Action", "System.Action<T>", "System.Action<T1, T2>", "System.Comparison<T>", "System.Predicate<T>",
        "System.Exception", "System.ArgumentException", "System.ArgumentOutOfRangeException", "System.ArgumentNullException",
        "System.InvalidOperationException", "System.NotImplementedException", "System.NotSupportedException", "System.OverflowException",
        "System.Collections.Generic.List<T>", "System.Collections.Generic.Dictionary<TKey, TValue>", "System.Collections.Generic.HashSet<T>",
        "System.Collections.Generic.Queue<T>", "System.Collections.Generic.Stack<T>", "System.Collections.Generic.KeyValuePair<TKey, TValue>",
        "System.Collections.Generic.KeyValuePair",
        "System.Collections.Generic.IEnumerable<T>", "System.Collections.Generic.IEnumerator<T>", "System.Collections.Generic.ICollection<T>",
        "System.Collections.Generic.IList<T>", "System.Collections.Generic.IReadOnlyCollection<T>", "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.IDictionary<TKey, TValue>", "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>",
        "System.Collections.Generic.ISet<T>", "System.Collections.Generic.IReadOnlySet<T>",
        "System.Collections.Generic.Comparer<T>", "System.Collections.Generic.EqualityComparer<T>", "System.Collections.Generic.IComparer<T>",
        "System.Collections.Generic.IEqualityComparer<T>", "System.IComparable<T>", "System.IEquatable<T>",
        // LINQ to objects: Enumerable alone. System.Linq.Queryable and System.Linq.Expressions build expression trees.
        "System.Linq.Enumerable", "System.Linq.IGrouping<TKey, TElement>", "System.Linq.ILookup<TKey, TElement>", "System.Linq.IOrderedEnumerable<TElement>",
    ];

    /// <summary>Types of which only the listed members may be used (the rest reach the process, the type system or shared state).</summary>
    private static readonly Dictionary<string, IReadOnlySet<string>> BaseMembersOnly = new(StringComparer.Ordinal)
    {
        ["object"] = new HashSet<string> { "ToString", "Equals", "GetHashCode", "ReferenceEquals", ".ctor" }, // not GetType, not MemberwiseClone
        ["System.ValueType"] = new HashSet<string> { "ToString", "Equals", "GetHashCode" },
        ["System.Enum"] = new HashSet<string> { "ToString", "Equals", "GetHashCode", "HasFlag", "CompareTo" },
        ["System.Array"] = new HashSet<string>
        {
            "Length", "Sort", "Reverse", "IndexOf", "LastIndexOf", "Fill", "BinarySearch", "Copy", "Empty", "Exists", "Find", "FindIndex", "FindAll",
            "TrueForAll", "Resize", "Clear", "Rank", "GetLength", "LongLength", "Contains",
        },
        ["System.Console"] = new HashSet<string> { "Write", "WriteLine" },
        ["System.Globalization.CultureInfo"] = new HashSet<string> { "InvariantCulture" },
    };

    /// <summary>
    /// The syntax every exercise may use: statements, expressions, patterns, lambdas, local functions, LINQ
    /// queries. Not here, so refused unless a worked solution of the chapter uses it: <c>typeof</c>, <c>sizeof</c>,
    /// <c>unsafe</c>, pointers, <c>stackalloc</c>, <c>fixed</c>, <c>lock</c>, <c>await</c>, <c>goto</c>,
    /// <c>__makeref</c>, attributes, type declarations, <c>using</c> directives and statements.
    /// </summary>
    private static readonly SyntaxKind[] BaseSyntax =
    [
        SyntaxKind.CompilationUnit, SyntaxKind.GlobalStatement, SyntaxKind.Block, SyntaxKind.EmptyStatement, SyntaxKind.ExpressionStatement,
        SyntaxKind.LocalDeclarationStatement, SyntaxKind.VariableDeclaration, SyntaxKind.VariableDeclarator, SyntaxKind.EqualsValueClause,
        SyntaxKind.LocalFunctionStatement, SyntaxKind.MethodDeclaration, SyntaxKind.FieldDeclaration, SyntaxKind.PropertyDeclaration,
        SyntaxKind.AccessorList, SyntaxKind.GetAccessorDeclaration, SyntaxKind.ArrowExpressionClause,
        SyntaxKind.ParameterList, SyntaxKind.Parameter, SyntaxKind.TypeParameterList, SyntaxKind.TypeParameter,
        SyntaxKind.TypeParameterConstraintClause, SyntaxKind.TypeConstraint,
        SyntaxKind.IfStatement, SyntaxKind.ElseClause, SyntaxKind.ForStatement, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement,
        SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ReturnStatement, SyntaxKind.BreakStatement, SyntaxKind.ContinueStatement,
        SyntaxKind.SwitchStatement, SyntaxKind.SwitchSection, SyntaxKind.CaseSwitchLabel, SyntaxKind.CasePatternSwitchLabel, SyntaxKind.DefaultSwitchLabel,
        SyntaxKind.WhenClause, SyntaxKind.ThrowStatement, SyntaxKind.ThrowExpression, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement,
        SyntaxKind.TryStatement, SyntaxKind.CatchClause, SyntaxKind.CatchDeclaration, SyntaxKind.CatchFilterClause, SyntaxKind.FinallyClause,
        SyntaxKind.CheckedStatement, SyntaxKind.UncheckedStatement, SyntaxKind.CheckedExpression, SyntaxKind.UncheckedExpression,
        SyntaxKind.IdentifierName, SyntaxKind.GenericName, SyntaxKind.TypeArgumentList, SyntaxKind.QualifiedName, SyntaxKind.PredefinedType,
        SyntaxKind.ArrayType, SyntaxKind.ArrayRankSpecifier, SyntaxKind.OmittedArraySizeExpression, SyntaxKind.NullableType, SyntaxKind.TupleType,
        SyntaxKind.TupleElement, SyntaxKind.RefType,
        SyntaxKind.NumericLiteralExpression, SyntaxKind.StringLiteralExpression, SyntaxKind.CharacterLiteralExpression, SyntaxKind.TrueLiteralExpression,
        SyntaxKind.FalseLiteralExpression, SyntaxKind.NullLiteralExpression, SyntaxKind.DefaultLiteralExpression, SyntaxKind.DefaultExpression,
        SyntaxKind.Utf8StringLiteralExpression,
        SyntaxKind.InterpolatedStringExpression, SyntaxKind.InterpolatedStringText, SyntaxKind.Interpolation, SyntaxKind.InterpolationFormatClause,
        SyntaxKind.InterpolationAlignmentClause,
        SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.ConditionalAccessExpression, SyntaxKind.MemberBindingExpression,
        SyntaxKind.ElementBindingExpression,
        SyntaxKind.InvocationExpression, SyntaxKind.ArgumentList, SyntaxKind.Argument, SyntaxKind.BracketedArgumentList, SyntaxKind.ElementAccessExpression,
        SyntaxKind.NameColon, SyntaxKind.NameEquals, SyntaxKind.ParenthesizedExpression, SyntaxKind.CastExpression, SyntaxKind.AsExpression,
        SyntaxKind.IsExpression, SyntaxKind.IsPatternExpression, SyntaxKind.ConditionalExpression, SyntaxKind.NameOfKeyword,
        SyntaxKind.AddExpression, SyntaxKind.SubtractExpression, SyntaxKind.MultiplyExpression, SyntaxKind.DivideExpression, SyntaxKind.ModuloExpression,
        SyntaxKind.LeftShiftExpression, SyntaxKind.RightShiftExpression, SyntaxKind.UnsignedRightShiftExpression, SyntaxKind.LogicalOrExpression,
        SyntaxKind.LogicalAndExpression, SyntaxKind.BitwiseOrExpression, SyntaxKind.BitwiseAndExpression, SyntaxKind.ExclusiveOrExpression,
        SyntaxKind.EqualsExpression, SyntaxKind.NotEqualsExpression, SyntaxKind.LessThanExpression, SyntaxKind.LessThanOrEqualExpression,
        SyntaxKind.GreaterThanExpression, SyntaxKind.GreaterThanOrEqualExpression, SyntaxKind.CoalesceExpression,
        SyntaxKind.UnaryPlusExpression, SyntaxKind.UnaryMinusExpression, SyntaxKind.BitwiseNotExpression, SyntaxKind.LogicalNotExpression,
        SyntaxKind.PreIncrementExpression, SyntaxKind.PreDecrementExpression, SyntaxKind.PostIncrementExpression, SyntaxKind.PostDecrementExpression,
        SyntaxKind.IndexExpression, SyntaxKind.RangeExpression, SyntaxKind.SuppressNullableWarningExpression,
        SyntaxKind.SimpleAssignmentExpression, SyntaxKind.AddAssignmentExpression, SyntaxKind.SubtractAssignmentExpression,
        SyntaxKind.MultiplyAssignmentExpression, SyntaxKind.DivideAssignmentExpression, SyntaxKind.ModuloAssignmentExpression,
        SyntaxKind.AndAssignmentExpression, SyntaxKind.ExclusiveOrAssignmentExpression, SyntaxKind.OrAssignmentExpression,
        SyntaxKind.LeftShiftAssignmentExpression, SyntaxKind.RightShiftAssignmentExpression, SyntaxKind.UnsignedRightShiftAssignmentExpression,
        SyntaxKind.CoalesceAssignmentExpression,
        SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression, SyntaxKind.ArrayCreationExpression,
        SyntaxKind.ImplicitArrayCreationExpression, SyntaxKind.AnonymousObjectCreationExpression, SyntaxKind.AnonymousObjectMemberDeclarator,
        SyntaxKind.ObjectInitializerExpression, SyntaxKind.CollectionInitializerExpression, SyntaxKind.ArrayInitializerExpression,
        SyntaxKind.ComplexElementInitializerExpression, SyntaxKind.WithInitializerExpression, SyntaxKind.WithExpression,
        SyntaxKind.CollectionExpression, SyntaxKind.ExpressionElement, SyntaxKind.SpreadElement, SyntaxKind.ImplicitElementAccess,
        SyntaxKind.TupleExpression, SyntaxKind.DeclarationExpression, SyntaxKind.SingleVariableDesignation, SyntaxKind.ParenthesizedVariableDesignation,
        SyntaxKind.DiscardDesignation, SyntaxKind.SimpleLambdaExpression, SyntaxKind.ParenthesizedLambdaExpression,
        SyntaxKind.SwitchExpression, SyntaxKind.SwitchExpressionArm, SyntaxKind.ConstantPattern, SyntaxKind.DeclarationPattern, SyntaxKind.VarPattern,
        SyntaxKind.DiscardPattern, SyntaxKind.RecursivePattern, SyntaxKind.PositionalPatternClause, SyntaxKind.PropertyPatternClause, SyntaxKind.Subpattern,
        SyntaxKind.RelationalPattern, SyntaxKind.TypePattern, SyntaxKind.OrPattern, SyntaxKind.AndPattern, SyntaxKind.NotPattern,
        SyntaxKind.ParenthesizedPattern, SyntaxKind.ListPattern, SyntaxKind.SlicePattern,
        SyntaxKind.QueryExpression, SyntaxKind.QueryBody, SyntaxKind.FromClause, SyntaxKind.LetClause, SyntaxKind.WhereClause, SyntaxKind.JoinClause,
        SyntaxKind.JoinIntoClause, SyntaxKind.OrderByClause, SyntaxKind.AscendingOrdering, SyntaxKind.DescendingOrdering, SyntaxKind.SelectClause,
        SyntaxKind.GroupClause, SyntaxKind.QueryContinuation,
    ];

    /// <summary>
    /// Members that only read the value they are called on or given (by <c>Type::Member</c>, as
    /// <see cref="ExerciseScreen"/> keys symbols; <c>Type::*</c> for every member): an exercise may use them on a
    /// value the chapter declared. Any other member used on such a value, an element or property written, or the
    /// value handed to any other method, counts as changing it, and is allowed only where the exercise's worked
    /// solution does the same to the same name (see <see cref="ChapterValueUses"/>).
    /// </summary>
    public static IReadOnlySet<string> ReadOnlyMembers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // LINQ to objects never changes its source; string and the primitives cannot be changed at all.
        "System.Linq.Enumerable::*", "string::*", "char::*", "bool::*", "int::*", "long::*", "uint::*", "ulong::*", "double::*", "float::*",
        "decimal::*", "short::*", "ushort::*", "byte::*", "sbyte::*", "System.Math::*", "System.MathF::*", "System.Numerics.BitOperations::*",
        "System.Convert::*", "System.Console::Write", "System.Console::WriteLine",
        "object::ToString", "object::Equals", "object::GetHashCode", "object::ReferenceEquals", "System.ValueType::ToString",
        "System.ValueType::Equals", "System.ValueType::GetHashCode", "System.Enum::ToString", "System.Enum::HasFlag", "System.Enum::CompareTo",
        "System.Collections.Generic.List<T>::Contains", "System.Collections.Generic.List<T>::IndexOf", "System.Collections.Generic.List<T>::LastIndexOf",
        "System.Collections.Generic.List<T>::BinarySearch", "System.Collections.Generic.List<T>::Exists", "System.Collections.Generic.List<T>::Find",
        "System.Collections.Generic.List<T>::FindIndex", "System.Collections.Generic.List<T>::FindLast", "System.Collections.Generic.List<T>::FindLastIndex",
        "System.Collections.Generic.List<T>::FindAll", "System.Collections.Generic.List<T>::TrueForAll", "System.Collections.Generic.List<T>::GetRange",
        "System.Collections.Generic.List<T>::ToArray", "System.Collections.Generic.List<T>::ConvertAll", "System.Collections.Generic.List<T>::GetEnumerator",
        "System.Collections.Generic.List<T>::CopyTo", "System.Collections.Generic.List<T>::.ctor",
        "System.Collections.Generic.Dictionary<TKey, TValue>::ContainsKey", "System.Collections.Generic.Dictionary<TKey, TValue>::ContainsValue",
        "System.Collections.Generic.Dictionary<TKey, TValue>::TryGetValue", "System.Collections.Generic.Dictionary<TKey, TValue>::GetEnumerator",
        "System.Collections.Generic.Dictionary<TKey, TValue>::.ctor", "System.Collections.Generic.CollectionExtensions::GetValueOrDefault",
        "System.Collections.Generic.HashSet<T>::Contains", "System.Collections.Generic.HashSet<T>::IsSubsetOf",
        "System.Collections.Generic.HashSet<T>::IsSupersetOf",
        "System.Collections.Generic.HashSet<T>::IsProperSubsetOf", "System.Collections.Generic.HashSet<T>::IsProperSupersetOf",
        "System.Collections.Generic.HashSet<T>::Overlaps", "System.Collections.Generic.HashSet<T>::SetEquals",
        "System.Collections.Generic.HashSet<T>::TryGetValue",
        "System.Collections.Generic.HashSet<T>::GetEnumerator", "System.Collections.Generic.HashSet<T>::CopyTo", "System.Collections.Generic.HashSet<T>::.ctor",
        "System.Collections.Generic.Queue<T>::Peek", "System.Collections.Generic.Queue<T>::TryPeek", "System.Collections.Generic.Queue<T>::Contains",
        "System.Collections.Generic.Queue<T>::ToArray", "System.Collections.Generic.Queue<T>::GetEnumerator", "System.Collections.Generic.Queue<T>::.ctor",
        "System.Collections.Generic.Stack<T>::Peek", "System.Collections.Generic.Stack<T>::TryPeek", "System.Collections.Generic.Stack<T>::Contains",
        "System.Collections.Generic.Stack<T>::ToArray", "System.Collections.Generic.Stack<T>::GetEnumerator", "System.Collections.Generic.Stack<T>::.ctor",
        "System.Collections.Generic.IEnumerable<T>::GetEnumerator", "System.Collections.Generic.ICollection<T>::Contains",
        "System.Collections.Generic.ICollection<T>::CopyTo", "System.Collections.Generic.IList<T>::IndexOf",
        "System.Collections.Generic.IDictionary<TKey, TValue>::ContainsKey", "System.Collections.Generic.IDictionary<TKey, TValue>::TryGetValue",
        "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>::ContainsKey",
        "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>::TryGetValue",
        "System.Collections.Generic.ISet<T>::Contains", "System.Collections.Generic.IReadOnlySet<T>::Contains",
        "System.Array::IndexOf", "System.Array::LastIndexOf", "System.Array::Exists", "System.Array::Find", "System.Array::FindIndex", "System.Array::FindLast",
        "System.Array::FindLastIndex", "System.Array::FindAll", "System.Array::TrueForAll", "System.Array::BinarySearch", "System.Array::GetLength",
        "System.Array::ConvertAll", "System.Array::GetEnumerator",
    };

    /// <summary>Members whose result is a new collection, never a part of the value they read (so changing it changes nothing of the chapter's).</summary>
    private static readonly HashSet<string> CopyingMembers = new(StringComparer.Ordinal)
    {
        "System.Linq.Enumerable::ToList", "System.Linq.Enumerable::ToArray", "System.Linq.Enumerable::ToHashSet", "System.Linq.Enumerable::ToDictionary",
        "System.Linq.Enumerable::ToLookup", "System.Collections.Generic.List<T>::ToArray", "System.Collections.Generic.List<T>::GetRange",
        "System.Collections.Generic.List<T>::FindAll", "System.Collections.Generic.List<T>::ConvertAll", "System.Array::FindAll", "System.Array::ConvertAll",
    };

    /// <summary>
    /// Whether the member keyed <paramref name="key"/> (<c>Type::Member</c>) only reads: on
    /// <see cref="ReadOnlyMembers"/>, by name or by its type's <c>*</c>.
    /// </summary>
    public static bool ReadsOnly(string key) =>
        ReadOnlyMembers.Contains(key) || (key.IndexOf("::", StringComparison.Ordinal) is int at and > 0 && ReadOnlyMembers.Contains(key[..at] + "::*"));

    /// <summary>Whether the member keyed <paramref name="key"/> returns a new collection rather than a part of what it reads.</summary>
    public static bool Copies(string key) => CopyingMembers.Contains(key);

    /// <summary>The policy every chapter starts from.</summary>
    public static ExercisePolicy Default { get; } = new(BaseTypes.ToHashSet(StringComparer.Ordinal), BaseMembersOnly, BaseSyntax.ToHashSet());

    /// <summary>
    /// Types a chapter's exercises may use beyond <see cref="Default"/> and what the chapter's worked solutions
    /// use, by chapter file name (without extension): one line per chapter that needs more, with why, reviewed
    /// like code. Empty: every chapter's learners manage with the default and their chapter's solutions.
    /// </summary>
    private static readonly Dictionary<string, string[]> ChapterWidenings = new(StringComparer.Ordinal);

    /// <summary>
    /// The policy of one chapter, by its file name without extension: <see cref="Default"/>, widened by the
    /// chapter's line in <see cref="ChapterWidenings"/> if it has one.
    /// </summary>
    public static ExercisePolicy ForChapter(string chapter) =>
        ChapterWidenings.TryGetValue(chapter, out var types) ? Default.Widen(types) : Default;

    /// <summary>This policy with more types allowed whole (by their display name, as in <see cref="Types"/>).</summary>
    public ExercisePolicy Widen(params string[] types) => this with { Types = Types.Concat(types).ToHashSet(StringComparer.Ordinal) };

    /// <summary>Why a use of something outside the allow-list is refused, named by where it lives (for the row a learner reads).</summary>
    public static string ReasonFor(string typeName, string ns) => typeName switch
    {
        "System.Environment" => "the process's environment",
        "System.AppDomain" or "System.AppContext" => "the runtime's application domain",
        "System.Type" or "System.Activator" or "System.Delegate" or "System.MulticastDelegate" => "reflection",
        "System.GC" => "the garbage collector's controls",
        "System.Console" => "the console beyond Write and WriteLine",
        _ => ReasonFor(ns),
    };

    private static string ReasonFor(string ns) => ns switch
    {
        _ when ns.StartsWith("System.IO", StringComparison.Ordinal) => "files and streams",
        _ when ns.StartsWith("System.Net", StringComparison.Ordinal) => "the network",
        _ when ns.StartsWith("System.Diagnostics", StringComparison.Ordinal) => "processes and diagnostics",
        _ when ns.StartsWith("System.Threading", StringComparison.Ordinal) => "threads and tasks",
        _ when ns.StartsWith("System.Reflection", StringComparison.Ordinal) => "reflection",
        _ when ns.StartsWith("System.Linq.Expressions", StringComparison.Ordinal) => "expression trees, which are reflection",
        _ when ns.StartsWith("System.Runtime", StringComparison.Ordinal) => "the runtime's internals (native code, unsafe memory, assembly loading)",
        _ when ns.StartsWith("System.Security", StringComparison.Ordinal) => "security APIs",
        _ when ns.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) => "the notebook kernel",
        _ when ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) => "the compiler",
        _ when ns.StartsWith("MemoryCourse.Teaching.Checks", StringComparison.Ordinal) => "the checks themselves",
        _ when ns.StartsWith("MemoryCourse", StringComparison.Ordinal) => "a part of the course's models that this exercise's worked solution does not use",
        _ => "not on the list of what an exercise may use",
    };
}
