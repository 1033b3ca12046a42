namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// Which page to evict when a page must come in and every frame is full. The names and behaviour are
/// OSTEP's (paging-policy.py): FIFO evicts the oldest arrival, LRU the least recently used, MRU the most
/// recently used, OPT the page used furthest in the future (Belady's optimal, needs the future), UNOPT the
/// page used soonest (the worst possible), RAND a random page, and CLOCK OSTEP's clock approximation that
/// probes random frames and spares pages whose use counter is still positive.
/// </summary>
public enum ReplacementPolicy
{
    Fifo,
    Lru,
    Mru,
    Opt,
    Unopt,
    Rand,
    Clock,
}

/// <summary>Names of the policies as OSTEP spells them (upper case, case-sensitive).</summary>
public static class ReplacementPolicies
{
    /// <summary>Every policy, in the order OSTEP lists them.</summary>
    public static IReadOnlyList<ReplacementPolicy> All { get; } = Enum.GetValues<ReplacementPolicy>();

    /// <summary>OSTEP's name of a policy: "FIFO", "LRU", ...</summary>
    public static string Name(this ReplacementPolicy policy) => policy.ToString().ToUpperInvariant();

    /// <summary>Parses an OSTEP policy name (case-sensitive, as the script is); null if unknown.</summary>
    public static ReplacementPolicy? TryParse(string name) =>
        All.Cast<ReplacementPolicy?>().FirstOrDefault(p => p!.Value.Name() == name);

    /// <summary>Parses an OSTEP policy name or throws an error naming the bad value and the valid ones.</summary>
    public static ReplacementPolicy Parse(string name) =>
        TryParse(name) ?? throw new ArgumentException($"unknown replacement policy '{name}'; known: {string.Join(", ", All.Select(Name))}", nameof(name));
}
