namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// What every replacement policy over a fixed set of frames shares: a map from page to frame slot, the
/// page in each slot, hit and miss counts, and the order of events on a reference — a hit is reported to
/// the policy, a miss fills a free frame or evicts the slot the policy chooses. A policy supplies only its
/// own bookkeeping (<see cref="OnHit"/>, <see cref="ChooseVictim"/>, <see cref="OnLoad"/>).
/// </summary>
public abstract class FrameSlots
{
    private readonly Dictionary<long, int> _slotOf;

    /// <summary>The page held in each slot (valid for slots below <see cref="Used"/>).</summary>
    protected readonly long[] Pages;

    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    protected FrameSlots(int frames, string policy)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"{policy} needs at least one frame, not {frames}");
        Frames = frames;
        _slotOf = new Dictionary<long, int>(frames);
        Pages = new long[frames];
    }

    public int Frames { get; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }

    /// <summary>How many frames hold a page (all of them once the first <see cref="Frames"/> misses are in).</summary>
    protected int Used { get; private set; }

    /// <summary>References <paramref name="page"/>; returns true on a hit.</summary>
    public bool Access(long page) => Access(page, out _);

    /// <summary>References <paramref name="page"/>; on a miss with all frames full, <paramref name="victim"/> is the evicted page.</summary>
    public bool Access(long page, out long? victim)
    {
        victim = null;
        if (_slotOf.TryGetValue(page, out int slot))
        {
            Hits++;
            OnHit(slot);
            return true;
        }
        Misses++;
        if (Used < Frames) slot = Used++;
        else
        {
            slot = ChooseVictim();
            victim = Pages[slot];
            _slotOf.Remove(Pages[slot]);
        }
        Pages[slot] = page;
        _slotOf[page] = slot;
        OnLoad(slot);
        return false;
    }

    /// <summary>The page in <paramref name="slot"/> was referenced again.</summary>
    protected abstract void OnHit(int slot);

    /// <summary>All frames are full: the slot whose page leaves (the policy's bookkeeping forgets it here).</summary>
    protected abstract int ChooseVictim();

    /// <summary>A page was just loaded into <paramref name="slot"/>.</summary>
    protected abstract void OnLoad(int slot);
}
