namespace MemoryCourse.Replacement;

/// <summary>
/// The textbook CLOCK algorithm (second chance): frames sit in a circle with one reference bit each; a hit
/// sets the page's bit; on a miss the hand sweeps forward, clearing set bits, and evicts the first page
/// whose bit is already clear. It approximates LRU with one bit per frame and no list to reorder.
/// Amortised O(1) per reference: each sweep step clears a bit that some earlier reference set.
/// (OSTEP's CLOCK, in <see cref="PageCache"/>, probes random frames instead of sweeping a hand.)
/// </summary>
public sealed class ClockFrames
{
    private readonly Dictionary<long, int> _slotOf;
    private readonly long[] _page;
    private readonly bool[] _referenced;
    private int _used;

    /// <summary>An empty clock of <paramref name="frames"/> frames, hand at frame 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    public ClockFrames(int frames)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"CLOCK needs at least one frame, not {frames}");
        Frames = frames;
        _slotOf = new Dictionary<long, int>(frames);
        _page = new long[frames];
        _referenced = new bool[frames];
    }

    public int Frames { get; }
    /// <summary>The frame the hand points at: the next one to be examined.</summary>
    public int Hand { get; private set; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }

    /// <summary>References <paramref name="page"/>; returns true on a hit.</summary>
    public bool Access(long page) => Access(page, out _);

    /// <summary>References <paramref name="page"/>; on an eviction, <paramref name="victim"/> is the page that left.</summary>
    public bool Access(long page, out long? victim)
    {
        victim = null;
        if (_slotOf.TryGetValue(page, out int slot))
        {
            Hits++;
            _referenced[slot] = true;
            return true;
        }
        Misses++;
        if (_used < Frames) slot = _used++;
        else
        {
            while (_referenced[Hand])
            {
                _referenced[Hand] = false; // second chance
                Hand = (Hand + 1) % Frames;
            }
            slot = Hand;
            victim = _page[slot];
            _slotOf.Remove(_page[slot]);
            Hand = (Hand + 1) % Frames;
        }
        _page[slot] = page;
        _referenced[slot] = true;
        _slotOf[page] = slot;
        return false;
    }

    /// <summary>Frame contents in frame order with their reference bits (for drawing the clock face).</summary>
    public IReadOnlyList<(long Page, bool Referenced)> Face() =>
        Enumerable.Range(0, _used).Select(i => (_page[i], _referenced[i])).ToList();
}
