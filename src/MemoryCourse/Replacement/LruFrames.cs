namespace MemoryCourse.Replacement;

/// <summary>
/// Least-recently-used replacement in O(1) per reference: a hash map from page to slot and a doubly
/// linked list of slots in recency order (kept in arrays, so the replay allocates nothing per access).
/// This is how a fast simulator (or a software cache) does LRU; real hardware can't afford it for
/// memory pages, which is why operating systems approximate it with CLOCK.
/// </summary>
public sealed class LruFrames
{
    private readonly Dictionary<long, int> _slotOf;
    private readonly long[] _page;
    private readonly int[] _prev, _next; // towards the LRU end / towards the MRU end
    private int _head = -1, _tail = -1;  // head = least recent, tail = most recent
    private int _used;

    /// <summary>An empty set of <paramref name="frames"/> frames.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    public LruFrames(int frames)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"LRU needs at least one frame, not {frames}");
        Frames = frames;
        _slotOf = new Dictionary<long, int>(frames);
        _page = new long[frames];
        _prev = new int[frames];
        _next = new int[frames];
    }

    public int Frames { get; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }

    /// <summary>References <paramref name="page"/>; returns true on a hit. O(1).</summary>
    public bool Access(long page) => Access(page, out _);

    /// <summary>References <paramref name="page"/>; on a miss with all frames full, <paramref name="victim"/> is the evicted page.</summary>
    public bool Access(long page, out long? victim)
    {
        victim = null;
        if (_slotOf.TryGetValue(page, out int slot))
        {
            Hits++;
            MoveToTail(slot);
            return true;
        }
        Misses++;
        if (_used < Frames) slot = _used++;
        else
        {
            slot = _head;
            victim = _page[slot];
            _slotOf.Remove(_page[slot]);
            Unlink(slot);
        }
        _page[slot] = page;
        _slotOf[page] = slot;
        LinkAtTail(slot);
        return false;
    }

    /// <summary>Resident pages from least to most recently used. O(frames).</summary>
    public IReadOnlyList<long> InRecencyOrder()
    {
        var list = new List<long>(_used);
        for (int s = _head; s != -1; s = _next[s]) list.Add(_page[s]);
        return list;
    }

    private void MoveToTail(int slot)
    {
        if (slot == _tail) return;
        Unlink(slot);
        LinkAtTail(slot);
    }

    private void Unlink(int slot)
    {
        int p = _prev[slot], n = _next[slot];
        if (p != -1) _next[p] = n; else _head = n;
        if (n != -1) _prev[n] = p; else _tail = p;
    }

    private void LinkAtTail(int slot)
    {
        _prev[slot] = _tail;
        _next[slot] = -1;
        if (_tail != -1) _next[_tail] = slot; else _head = slot;
        _tail = slot;
    }
}
