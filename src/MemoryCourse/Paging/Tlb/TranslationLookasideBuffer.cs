namespace MemoryCourse.Paging.Tlb;

/// <summary>
/// A translation lookaside buffer: a small cache of recent virtual-page-to-frame translations so most
/// memory accesses skip the page walk. Entries are grouped in sets of <see cref="Ways"/>; a page can only
/// live in the set its page number selects, and within a set the least recently used entry is replaced.
/// One set of all the entries is a fully associative TLB. <see cref="Flush"/> empties it, as a context
/// switch must when entries carry no address-space tag. Lookup costs O(ways).
/// </summary>
public sealed class TranslationLookasideBuffer
{
    private readonly TlbEntry[] _entries;
    private readonly bool[] _valid;
    private readonly long[] _lastUse;
    private long _clock;

    /// <summary>A TLB of <paramref name="entries"/> entries in sets of <paramref name="ways"/> (ways = entries: fully associative).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Sizes that are not positive, or entries not a multiple of ways.</exception>
    public TranslationLookasideBuffer(int entries, int ways)
    {
        if (entries < 1) throw new ArgumentOutOfRangeException(nameof(entries), entries, $"a TLB needs at least one entry, not {entries}");
        if (ways < 1 || ways > entries || entries % ways != 0)
            throw new ArgumentOutOfRangeException(nameof(ways), ways, $"ways must divide the {entries} entries, but is {ways}");
        Entries = entries;
        Ways = ways;
        Sets = entries / ways;
        _entries = new TlbEntry[entries];
        _valid = new bool[entries];
        _lastUse = new long[entries];
    }

    /// <summary>A fully associative TLB (any page in any entry).</summary>
    public static TranslationLookasideBuffer FullyAssociative(int entries) => new(entries, entries);

    public int Entries { get; }
    public int Ways { get; }
    public int Sets { get; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }
    public long Flushes { get; private set; }
    /// <summary>Hits as a fraction of lookups (0 before any lookup).</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    private int SetOf(long tag) => (int)((ulong)tag % (ulong)Sets);

    /// <summary>
    /// Looks up the page containing <paramref name="virtualAddress"/>, trying 4 KiB and then 2 MiB tags;
    /// counts a hit or a miss and refreshes the entry's recency on a hit.
    /// </summary>
    public TlbEntry? Lookup(long virtualAddress)
    {
        foreach (int shift in (ReadOnlySpan<int>)[12, 21])
        {
            long tag = virtualAddress >> shift;
            int start = SetOf(tag) * Ways;
            for (int i = start; i < start + Ways; i++)
            {
                if (_valid[i] && _entries[i].Tag == tag && _entries[i].PageShift == shift)
                {
                    Hits++;
                    _lastUse[i] = ++_clock;
                    return _entries[i];
                }
            }
        }
        Misses++;
        return null;
    }

    /// <summary>Caches <paramref name="entry"/>, replacing the least recently used entry of its set when the set is full.</summary>
    public void Insert(TlbEntry entry)
    {
        int start = SetOf(entry.Tag) * Ways;
        int victim = start;
        for (int i = start; i < start + Ways; i++)
        {
            if (_valid[i] && _entries[i].Tag == entry.Tag && _entries[i].PageShift == entry.PageShift) { victim = i; break; }
            if (!_valid[i]) { victim = i; break; }
            if (_lastUse[i] < _lastUse[victim]) victim = i;
        }
        _entries[victim] = entry;
        _valid[victim] = true;
        _lastUse[victim] = ++_clock;
    }

    /// <summary>Invalidates every entry (a context switch without address-space tags). O(entries).</summary>
    public void Flush()
    {
        Array.Clear(_valid);
        Flushes++;
    }

    /// <summary>The valid entries, set by set (for showing the TLB as a table).</summary>
    public IReadOnlyList<TlbEntry> Contents() => _entries.Where((_, i) => _valid[i]).ToList();
}
