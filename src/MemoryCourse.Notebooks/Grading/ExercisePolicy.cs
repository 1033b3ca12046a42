namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// What the code a learner writes in an exercise cell may use, in one place. An exercise is a computation
/// over the chapter's models and values, so it gets the language, the collections, LINQ, text and maths,
/// and the course's models; it never needs files, processes, the network, the environment, reflection,
/// threads, native code, or the notebook kernel. A chapter that needs more lists it in <see cref="ForChapter"/>.
/// </summary>
public sealed record ExercisePolicy(IReadOnlyList<string> AllowedNamespaces, IReadOnlyDictionary<string, string> DeniedTypes, IReadOnlyDictionary<string, IReadOnlySet<string>> AllowedMembersOnly)
{
    /// <summary>Namespaces (and their children) whose types an exercise may use, unless denied below.</summary>
    private static readonly string[] Namespaces =
    [
        "System", "System.Linq", "System.Collections", "System.Collections.Generic", "System.Collections.Immutable",
        "System.Collections.ObjectModel", "System.Text", "System.Globalization", "System.Numerics", "MemoryCourse",
    ];

    /// <summary>Types inside allowed namespaces that an exercise may not touch, with the reason a row gives.</summary>
    private static readonly Dictionary<string, string> Denied = new(StringComparer.Ordinal)
    {
        ["System.Environment"] = "the process's environment",
        ["System.AppDomain"] = "the runtime's application domain",
        ["System.Activator"] = "reflection",
        ["System.Type"] = "reflection",
        ["System.Reflection"] = "reflection",
        ["System.Delegate"] = "reflection",
        ["System.MulticastDelegate"] = "reflection",
        ["System.GC"] = "the garbage collector's controls",
        ["System.Runtime"] = "the runtime's internals",
        ["MemoryCourse.Teaching.Checks"] = "the checks themselves",
    };

    /// <summary>Types of which only some members may be used.</summary>
    private static readonly Dictionary<string, IReadOnlySet<string>> Partly = new(StringComparer.Ordinal)
    {
        ["System.Console"] = new HashSet<string> { "Write", "WriteLine" },
    };

    /// <summary>The policy every chapter starts from.</summary>
    public static ExercisePolicy Default { get; } = new(Namespaces, Denied, Partly);

    /// <summary>
    /// The policy of one chapter, by its file name without extension. No chapter needs more than the
    /// default today; a chapter that does adds its namespaces here, with a comment saying why.
    /// </summary>
    public static ExercisePolicy ForChapter(string chapter) => chapter switch
    {
        _ => Default,
    };

    /// <summary>Why <paramref name="typeName"/> (a type's full name, or a namespace) is off limits, or null when it is allowed.</summary>
    public string? WhyDenied(string typeName, string namespaceName)
    {
        foreach (var (prefix, reason) in DeniedTypes)
            if (typeName == prefix || typeName.StartsWith(prefix + ".", StringComparison.Ordinal)
                || namespaceName == prefix || namespaceName.StartsWith(prefix + ".", StringComparison.Ordinal))
                return reason;
        if (namespaceName.Length == 0) return null;
        bool allowed = AllowedNamespaces.Any(n => namespaceName == n || (n != "System" && namespaceName.StartsWith(n + ".", StringComparison.Ordinal)));
        return allowed ? null : ReasonFor(namespaceName);
    }

    private static string ReasonFor(string ns) => ns switch
    {
        _ when ns.StartsWith("System.IO", StringComparison.Ordinal) => "files and streams",
        _ when ns.StartsWith("System.Net", StringComparison.Ordinal) => "the network",
        _ when ns.StartsWith("System.Diagnostics", StringComparison.Ordinal) => "processes and diagnostics",
        _ when ns.StartsWith("System.Threading", StringComparison.Ordinal) => "threads and tasks",
        _ when ns.StartsWith("System.Reflection", StringComparison.Ordinal) => "reflection",
        _ when ns.StartsWith("System.Runtime", StringComparison.Ordinal) => "the runtime's internals (native code, unsafe memory, assembly loading)",
        _ when ns.StartsWith("System.Security", StringComparison.Ordinal) => "security APIs",
        _ when ns.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) => "the notebook kernel",
        _ when ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) => "the compiler",
        _ => $"the namespace {ns}, which no exercise needs",
    };
}
