using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Tests.Architecture;

namespace MemoryCourse.Notebooks.Tests.Architecture;

/// <summary>
/// The engine (src/MemoryCourse.Notebooks) is built in layers, one folder each: Documents (the notebook file and
/// its conventions) under Kernel (one dotnet-interactive process) under Execution (one notebook's cells in one
/// kernel) under Isolation (many notebooks, each in its own kernel), and on top the three users of a run:
/// Reports, Export (the book) and Grading. A folder uses only the folders below it, as <see cref="MayUse"/> says;
/// these tests read the compiled engine and name every type that breaks a rule. See ARCHITECTURE.md.
/// </summary>
public class EngineFolderTests
{
    /// <summary>
    /// The engine's folders, and the other folders each may use (a folder always uses itself freely). Keep it one-way:
    /// a rule added here should be one a reader of ARCHITECTURE.md would expect, not one that makes a failure go away.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>
    {
        ["Documents"] = [],
        ["Kernel"] = ["Documents"],
        ["Execution"] = ["Documents", "Kernel"],
        ["Isolation"] = ["Documents", "Kernel", "Execution"],
        ["Reports"] = ["Documents", "Kernel", "Execution", "Isolation"],
        ["Export"] = ["Documents", "Kernel", "Execution", "Isolation"],
        ["Grading"] = ["Documents", "Kernel", "Execution", "Isolation"],
    };

    private const string Engine = "MemoryCourse.Notebooks";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> Uses =
        new(() => TypeUses.Read(typeof(NotebookFile).Assembly.Location));

    public static TheoryData<string> Folders => new(MayUse.Keys);

    /// <summary>The folder of a type's full name (MemoryCourse.Notebooks.Kernel.KernelTool is in Kernel), or null outside the engine's namespaces.</summary>
    private static string? FolderOf(string typeName)
    {
        var parts = typeName.Split('.');
        return parts.Length >= 3 && parts[0] == "MemoryCourse" && parts[1] == "Notebooks" ? (parts.Length >= 4 ? parts[2] : "") : null;
    }

    /// <summary>Which folders each folder's types use, read from the compiled engine.</summary>
    private static Dictionary<string, HashSet<string>> FolderGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (owner, used) in Uses.Value)
        {
            if (FolderOf(owner) is not { } from) continue;
            if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in used)
                if (FolderOf(type) is { } to && to != from) targets.Add(to);
        }
        return graph;
    }

    /// <summary>A cycle among <paramref name="graph"/>'s nodes, as the path that comes back to its start, or null when there is none.</summary>
    internal static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            int at = path.IndexOf(node);
            if (at >= 0) return [.. path.Skip(at), node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var targets) ? targets.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;
    }

    [Fact]
    public void Every_engine_type_lives_in_one_of_the_folders()
    {
        var homeless = Uses.Value.Keys.Where(t => FolderOf(t) is { } folder && !MayUse.ContainsKey(folder)).Order().ToList();
        Assert.True(homeless.Count == 0,
            $"These types are in no folder of the engine; move each into {Engine}.<Folder> (folders: " +
            string.Join(", ", MayUse.Keys) + "), or add a folder to the rules and to ARCHITECTURE.md:\n  " + string.Join("\n  ", homeless));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_itself_and_the_folders_below_it(string folder)
    {
        var allowed = MayUse[folder].Append(folder).ToHashSet();
        var offences = (
            from owner in Uses.Value
            where FolderOf(owner.Key) == folder
            from used in owner.Value
            let usedFolder = FolderOf(used)
            where usedFolder is not null && !allowed.Contains(usedFolder)
            orderby owner.Key, used
            select $"{owner.Key} uses {used}: {folder} must not use {Engine}.{usedFolder}").ToList();
        Assert.True(offences.Count == 0,
            $"{folder} may use only {(MayUse[folder].Length == 0 ? "itself" : string.Join(", ", MayUse[folder]))}:\n  " + string.Join("\n  ", offences));
    }

    [Fact]
    public void No_two_folders_of_the_engine_depend_on_each_other_even_through_others()
    {
        var cycle = FindCycle(FolderGraph());
        Assert.True(cycle is null, "The engine's folders use each other in a circle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_allowed_uses_point_one_way()
    {
        var rules = MayUse.ToDictionary(r => r.Key, r => r.Value.ToHashSet(StringComparer.Ordinal));
        var cycle = FindCycle(rules);
        Assert.True(cycle is null, "The rules let a folder come back to itself: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void Kernel_knows_nothing_of_Grading()
    {
        // A kernel is a kernel, graded or not: the sandbox wraps its launch from the outside.
        Assert.DoesNotContain("Grading", MayUse["Kernel"]);
        Assert.DoesNotContain("Grading", FolderGraph().GetValueOrDefault("Kernel") ?? []);
    }

    [Fact]
    public void Export_knows_nothing_of_Grading()
    {
        // The book folds the worked solutions by the notebook's own markers (Documents), not by the grader's reading of them.
        Assert.DoesNotContain("Grading", MayUse["Export"]);
        Assert.DoesNotContain("Grading", FolderGraph().GetValueOrDefault("Export") ?? []);
    }

    [Fact]
    public void Reports_Export_and_Grading_are_users_of_a_run_that_do_not_use_each_other()
    {
        string[] users = ["Reports", "Export", "Grading"];
        foreach (var user in users)
            Assert.Empty(MayUse[user].Intersect(users));
        Assert.DoesNotContain(MayUse, rule => !users.Contains(rule.Key) && rule.Value.Intersect(users).Any());
    }

    [Fact]
    public void A_cycle_is_found_through_a_third_folder_and_named_as_a_path()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Documents"] = [],
            ["Execution"] = ["Isolation", "Documents"],
            ["Isolation"] = ["Reports"],
            ["Reports"] = ["Execution"],
        };
        Assert.Equal(["Execution", "Isolation", "Reports", "Execution"], FindCycle(graph));
        graph["Reports"] = ["Documents"];
        Assert.Null(FindCycle(graph));
    }

    [Fact]
    public void The_reader_finds_the_known_uses_between_folders()
    {
        // Uses the engine is known to have, so that a reader that silently finds nothing fails here.
        Assert.Contains($"{Engine}.Execution.NotebookExecutor", Uses.Value[$"{Engine}.Isolation.NotebookRunner"]);
        Assert.Contains($"{Engine}.Kernel.KernelEnvironment", Uses.Value[$"{Engine}.Grading.GradingSandbox"]);
        Assert.Contains($"{Engine}.Documents.ExerciseMarkers", Uses.Value[$"{Engine}.Export.BookExporter"]);
        var graph = FolderGraph();
        Assert.Contains("Execution", graph["Isolation"]);
        Assert.Contains("Documents", graph["Grading"]);
    }
}
