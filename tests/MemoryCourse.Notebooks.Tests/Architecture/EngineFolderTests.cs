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
    private static readonly Lazy<LayerRules> Rules = new(() => new LayerRules(MayUse, LayerRules.GroupAfter(Engine), Uses.Value));

    public static TheoryData<string> Folders => new(MayUse.Keys);

    /// <summary>Which folders each folder's types use, read from the compiled engine.</summary>
    private static Dictionary<string, HashSet<string>> FolderGraph() => Rules.Value.Graph();

    [Fact]
    public void Every_engine_type_lives_in_one_of_the_folders()
    {
        var homeless = Rules.Value.Homeless();
        Assert.True(homeless.Count == 0,
            $"These types are in no folder of the engine; move each into {Engine}.<Folder> (folders: " +
            string.Join(", ", MayUse.Keys) + "), or add a folder to the rules and to ARCHITECTURE.md:\n  " + string.Join("\n  ", homeless));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_itself_and_the_folders_below_it(string folder)
    {
        var offences = Rules.Value.Offences(folder).Select(o => $"{o.Owner} uses {o.Used}: {folder} must not use {Engine}.{o.UsedGroup}").ToList();
        Assert.True(offences.Count == 0,
            $"{folder} may use only {(MayUse[folder].Length == 0 ? "itself" : string.Join(", ", MayUse[folder]))}:\n  " + string.Join("\n  ", offences));
    }

    [Fact]
    public void No_two_folders_of_the_engine_depend_on_each_other_even_through_others()
    {
        var cycle = LayerRules.FindCycle(FolderGraph());
        Assert.True(cycle is null, "The engine's folders use each other in a circle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_allowed_uses_point_one_way()
    {
        var cycle = LayerRules.FindCycle(Rules.Value.RuleGraph());
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
        Assert.Equal(["Execution", "Isolation", "Reports", "Execution"], LayerRules.FindCycle(graph));
        graph["Reports"] = ["Documents"];
        Assert.Null(LayerRules.FindCycle(graph));
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
