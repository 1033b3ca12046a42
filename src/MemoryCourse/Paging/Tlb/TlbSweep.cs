using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Paging.Tlb;

/// <summary>
/// "Shrink the TLB and watch the misses climb": replays one address trace through MMUs whose TLBs differ
/// only in size (and associativity) and reports the hit rate of each, as rows a notebook plots.
/// </summary>
public static class TlbSweep
{
    /// <summary>
    /// One <see cref="TlbSweepPoint"/> per entry count in <paramref name="entryCounts"/>, each TLB with
    /// <paramref name="ways"/> ways (null: fully associative). O(addresses x sizes x ways).
    /// </summary>
    public static IReadOnlyList<TlbSweepPoint> Run(X64PageTable table, IReadOnlyList<long> addresses, IEnumerable<int> entryCounts, int? ways = null) =>
        entryCounts.Select(entries =>
        {
            var mmu = new Mmu(table, new TranslationLookasideBuffer(entries, ways ?? entries));
            long faults = 0;
            foreach (var va in addresses)
                if (mmu.Access(va).Fault != TranslationFault.None) faults++;
            return new TlbSweepPoint(entries, ways ?? entries, mmu.Tlb.Hits, mmu.Tlb.Misses, faults);
        }).ToList();
}

/// <summary>One TLB size's result over a trace.</summary>
/// <param name="Entries">TLB entries.</param>
/// <param name="Ways">Associativity (entries = fully associative).</param>
/// <param name="Hits">Translations answered by the TLB.</param>
/// <param name="Misses">Translations that needed a page walk.</param>
/// <param name="Faults">Accesses that faulted (unmapped or forbidden).</param>
public sealed record TlbSweepPoint(int Entries, int Ways, long Hits, long Misses, long Faults)
{
    /// <summary>Hits as a percentage of all lookups.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : 100.0 * Hits / (Hits + Misses);
}
