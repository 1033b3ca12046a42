using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Tests.Architecture;

/// <summary>
/// The models are grouped into wings, one per part of the course (MemoryCourse.Paging, .Allocation, .Gc,
/// .Inspection, .Ostep, and .Lab, which runs the learner's node), plus Teaching (charts and exercise checks,
/// which are not models) and Foundation (what any wing may build on). Uses between wings point one way, as <see cref="MayUse"/> says; these tests
/// read the compiled models assembly and name every type that breaks a rule. See ARCHITECTURE.md.
/// </summary>
public class WingDependencyTests
{
    /// <summary>
    /// The wings, and the other wings each may use (a wing always uses itself freely). Keep it one-way: a rule
    /// added here should be one a reader of ARCHITECTURE.md would expect, not one that makes a failure go away.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>
    {
        ["Foundation"] = [],
        ["Teaching"] = [],
        ["Paging"] = ["Foundation"],
        ["Allocation"] = ["Foundation"],
        ["Gc"] = ["Foundation"],
        ["Inspection"] = ["Foundation"],
        ["Ostep"] = ["Paging", "Allocation", "Foundation"],
        ["Lab"] = ["Gc", "Inspection", "Foundation"],
    };

    private static readonly string ModelsAssembly = typeof(PythonRandom).Assembly.Location;
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> Models = new(() => TypeUses.Read(ModelsAssembly));
    private static readonly Lazy<LayerRules> Rules = new(() => new LayerRules(MayUse, LayerRules.GroupAfter("MemoryCourse"), Models.Value));

    public static TheoryData<string> Wings => new(MayUse.Keys);

    [Fact]
    public void Every_model_type_lives_in_one_of_the_wings()
    {
        var homeless = Rules.Value.Homeless();
        Assert.True(homeless.Count == 0,
            "These types are in no wing; move each into MemoryCourse.<Wing>.<Concept> (wings: " +
            string.Join(", ", MayUse.Keys) + "), or add a wing to the rules and to ARCHITECTURE.md:\n  " + string.Join("\n  ", homeless));
    }

    [Theory]
    [MemberData(nameof(Wings))]
    public void A_wing_uses_only_itself_and_the_wings_it_may_use(string wing)
    {
        var offences = Rules.Value.Offences(wing).Select(o => $"{o.Owner} uses {o.Used}: {wing} must not use MemoryCourse.{o.UsedGroup}").ToList();
        Assert.True(offences.Count == 0,
            $"{wing} may use only {(MayUse[wing].Length == 0 ? "itself" : string.Join(", ", MayUse[wing]))}:\n  " + string.Join("\n  ", offences));
    }

    [Fact]
    public void No_wing_may_use_Ostep()
    {
        Assert.DoesNotContain(MayUse, rule => rule.Value.Contains("Ostep"));
    }

    [Fact]
    public void No_wing_may_use_Lab_the_only_one_that_starts_processes()
    {
        Assert.DoesNotContain(MayUse, rule => rule.Value.Contains("Lab"));
    }

    [Fact]
    public void Teaching_uses_no_model_and_no_model_may_use_Teaching()
    {
        Assert.Empty(MayUse["Teaching"]);
        Assert.DoesNotContain(MayUse, rule => rule.Value.Contains("Teaching"));
    }

    [Fact]
    public void Foundation_uses_no_wing()
    {
        Assert.Empty(MayUse["Foundation"]);
    }

    [Fact]
    public void The_allowed_uses_point_one_way()
    {
        var cycle = LayerRules.FindCycle(Rules.Value.RuleGraph());
        Assert.True(cycle is null, "The rules let a wing come back to itself: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void No_two_wings_depend_on_each_other_even_through_others()
    {
        var cycle = LayerRules.FindCycle(Rules.Value.Graph());
        Assert.True(cycle is null, "The wings use each other in a circle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_rules_name_a_use_they_do_not_allow_and_a_type_in_no_wing()
    {
        // A made-up assembly: Paging uses Gc (not allowed), Ostep uses Paging (allowed), one type sits in no wing.
        var uses = new Dictionary<string, IReadOnlySet<string>>
        {
            ["MemoryCourse.Paging.Tlb.Cache"] = new HashSet<string> { "MemoryCourse.Gc.V8Heap.Heap", "System.String" },
            ["MemoryCourse.Ostep.Simulators.Sim"] = new HashSet<string> { "MemoryCourse.Paging.Tlb.Cache" },
            ["MemoryCourse.Stray.Thing"] = new HashSet<string>(),
        };
        var rules = new LayerRules(MayUse, LayerRules.GroupAfter("MemoryCourse"), uses);

        Assert.Equal([("MemoryCourse.Paging.Tlb.Cache", "MemoryCourse.Gc.V8Heap.Heap", "Gc")], rules.Offences("Paging"));
        Assert.Empty(rules.Offences("Ostep"));
        Assert.Equal(["MemoryCourse.Stray.Thing"], rules.Homeless());
    }

    [Fact]
    public void The_reader_sees_a_type_used_only_inside_a_lambda_body()
    {
        // The fixture's only use of PythonRandom is a 'new' inside a lambda: nothing in any signature or field.
        var uses = TypeUses.Read(typeof(WingDependencyTests).Assembly.Location);

        Assert.Contains(typeof(PythonRandom).FullName!, uses[typeof(UsesRandomnessOnlyInABody).FullName!]);
        Assert.DoesNotContain(typeof(PythonRandom).FullName!, uses[typeof(UsesNothing).FullName!]);
    }

    [Fact]
    public void The_reader_finds_the_known_uses_between_wings()
    {
        // Two uses the models are known to have, so that a reader that silently finds nothing fails here.
        Assert.Contains("MemoryCourse.Paging.Translation.LinearPageTable", Models.Value["MemoryCourse.Ostep.Simulators.PagingLinearTranslateSimulator"]);
        Assert.Contains("MemoryCourse.Foundation.Randomness.PythonRandom", Models.Value["MemoryCourse.Paging.Replacement.BeladyAnomaly"]);
    }
}

/// <summary>A fixture for the reader: uses PythonRandom only inside a lambda's body.</summary>
internal static class UsesRandomnessOnlyInABody
{
    public static Func<int, double> Draw => seed => new PythonRandom(seed).NextDouble();
}

/// <summary>A fixture for the reader: uses no model type.</summary>
internal static class UsesNothing
{
    public static Func<int, int> Twice => x => 2 * x;
}
