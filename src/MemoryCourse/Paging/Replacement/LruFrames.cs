namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// Least-recently-used replacement in O(1) per reference: a hash map from page to slot and a doubly
/// linked list of slots in recency order (kept in arrays, so the replay allocates nothing per access).
/// This is how a fast simulator (or a software cache) does LRU; real hardware can't afford it for
/// memory pages, which is why operating systems approximate it with CLOCK.
/// </summary>
public sealed class LruFrames : FrameSlots
{
    private readonly int[] _prev, _next; // towards the LRU end / towards the MRU end
    private int _head = -1, _tail = -1;  // head = least recent, tail = most recent

    /// <summary>An empty set of <paramref name="frames"/> frames.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    public LruFrames(int frames) : base(frames, "LRU")
    {
        _prev = new int[frames];
        _next = new int[frames];
    }

    protected override void OnHit(int slot) => MoveToTail(slot); // O(1)

    protected override void OnLoad(int slot) => LinkAtTail(slot);

    protected override int ChooseVictim()
    {
        int slot = _head; // least recently used
        Unlink(slot);
        return slot;
    }

    /// <summary>Resident pages from least to most recently used. O(frames).</summary>
    public IReadOnlyList<long> InRecencyOrder()
    {
        var list = new List<long>(Used);
        for (int s = _head; s != -1; s = _next[s]) list.Add(Pages[s]);
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
