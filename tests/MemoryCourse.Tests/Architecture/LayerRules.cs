namespace MemoryCourse.Tests.Architecture;

/// <summary>
/// Rules of the form "group A may use groups B and C" over the types of a compiled assembly, where a group is a
/// namespace part (a wing of the models, a folder of the engine). It names every type in no group, every use a rule
/// does not allow, and any cycle (among the rules or the real uses). Shared by the models' <c>WingDependencyTests</c>
/// and the engine's <c>EngineFolderTests</c> (linked into that project).
/// </summary>
/// <param name="mayUse">Each group and the other groups it may use (a group always uses itself).</param>
/// <param name="groupOf">A type's group from its full name; "" for a type directly in the root namespace, null outside it.</param>
/// <param name="uses">The types each type uses (<see cref="TypeUses.Read"/>).</param>
internal sealed class LayerRules(
    IReadOnlyDictionary<string, string[]> mayUse, Func<string, string?> groupOf, IReadOnlyDictionary<string, IReadOnlySet<string>> uses)
{
    /// <summary>The group of a type named Root.Group.…: the namespace part after <paramref name="root"/>'s parts.</summary>
    public static Func<string, string?> GroupAfter(string root)
    {
        var rootParts = root.Split('.');
        return typeName =>
        {
            var parts = typeName.Split('.');
            if (parts.Length < rootParts.Length + 1 || !parts.Take(rootParts.Length).SequenceEqual(rootParts)) return null;
            return parts.Length >= rootParts.Length + 2 ? parts[rootParts.Length] : "";
        };
    }

    /// <summary>The types under the root namespace that are in none of the groups, in order.</summary>
    public IReadOnlyList<string> Homeless() =>
        uses.Keys.Where(t => groupOf(t) is { } layer && !mayUse.ContainsKey(layer)).Order().ToList();

    /// <summary>Every use by a type of group <paramref name="layer"/> of a group it may not use, in order.</summary>
    public IReadOnlyList<(string Owner, string Used, string UsedGroup)> Offences(string layer)
    {
        var allowed = mayUse[layer].Append(layer).ToHashSet();
        return (
            from owner in uses
            where groupOf(owner.Key) == layer
            from used in owner.Value
            let usedGroup = groupOf(used)
            where usedGroup is not null && !allowed.Contains(usedGroup)
            orderby owner.Key, used
            select (owner.Key, used, usedGroup)).ToList();
    }

    /// <summary>Which groups each group's types really use, read from the assembly.</summary>
    public Dictionary<string, HashSet<string>> Graph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (owner, used) in uses)
        {
            if (groupOf(owner) is not { } from) continue;
            if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in used)
                if (groupOf(type) is { } to && to != from) targets.Add(to);
        }
        return graph;
    }

    /// <summary>The rules as a graph, for <see cref="FindCycle"/>.</summary>
    public Dictionary<string, HashSet<string>> RuleGraph() => mayUse.ToDictionary(r => r.Key, r => r.Value.ToHashSet(StringComparer.Ordinal));

    /// <summary>A cycle among <paramref name="graph"/>'s nodes, as the path that comes back to its start, or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
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
}
