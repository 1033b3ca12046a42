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

    public static TheoryData<string> Wings => new(MayUse.Keys);

    /// <summary>The wing of a type's full name (MemoryCourse.Gc.V8Heap.Heap is in Gc), or null outside MemoryCourse.</summary>
    private static string? WingOf(string typeName)
    {
        var parts = typeName.Split('.');
        return parts.Length >= 2 && parts[0] == "MemoryCourse" ? (parts.Length >= 3 ? parts[1] : "") : null;
    }

    [Fact]
    public void Every_model_type_lives_in_one_of_the_wings()
    {
        var homeless = Models.Value.Keys.Where(t => WingOf(t) is { } wing && !MayUse.ContainsKey(wing)).Order().ToList();
        Assert.True(homeless.Count == 0,
            "These types are in no wing; move each into MemoryCourse.<Wing>.<Concept> (wings: " +
            string.Join(", ", MayUse.Keys) + "), or add a wing to the rules and to ARCHITECTURE.md:\n  " + string.Join("\n  ", homeless));
    }

    [Theory]
    [MemberData(nameof(Wings))]
    public void A_wing_uses_only_itself_and_the_wings_it_may_use(string wing)
    {
        var allowed = MayUse[wing].Append(wing).ToHashSet();
        var offences = (
            from owner in Models.Value
            where WingOf(owner.Key) == wing
            from used in owner.Value
            let usedWing = WingOf(used)
            where usedWing is not null && !allowed.Contains(usedWing)
            orderby owner.Key, used
            select $"{owner.Key} uses {used}: {wing} must not use MemoryCourse.{usedWing}").ToList();
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
        // Depth-first search for a cycle among the rules: a wing may not, through others, come back to itself.
        foreach (var start in MayUse.Keys)
        {
            var seen = new HashSet<string>();
            var todo = new Stack<string>(MayUse[start]);
            while (todo.TryPop(out var wing))
            {
                Assert.False(wing == start, $"{start} may use itself through the rules: a cycle");
                if (seen.Add(wing)) foreach (var next in MayUse[wing]) todo.Push(next);
            }
        }
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
