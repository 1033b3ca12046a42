namespace MemoryCourse.Paging.DemandPaging;

/// <summary>Which resident page the pager evicts when no frame is free.</summary>
public enum EvictionPolicy
{
    /// <summary>The page loaded longest ago.</summary>
    Fifo,
    /// <summary>The page used longest ago.</summary>
    Lru,
    /// <summary>The textbook clock hand over the frames, sparing pages whose reference bit is set.</summary>
    Clock,
}

/// <summary>
/// Demand paging: pages get a frame only when first touched. A fault takes a frame from the
/// <see cref="FreeFrameList"/>; when none is free the pager evicts a page by the chosen policy, writing it to
/// the <see cref="BackingStore"/> first if it is dirty (modified since it was loaded). A later touch of an
/// evicted page that was saved is a swap-in; one that was never saved is zero-filled again. The counts
/// show why dirty pages cost twice: once to write back, once to read in again. Victim choice is O(frames).
/// </summary>
public sealed class DemandPager
{
    private readonly EvictionPolicy _policy;
    private readonly long[] _pageIn;      // frame -> page it holds
    private readonly bool[] _dirty, _referenced;
    private readonly long[] _loadedAt, _lastUse;
    private readonly Dictionary<long, int> _frameOf = [];
    private long _time;
    private int _hand;

    /// <summary>A machine with <paramref name="frames"/> empty frames and the given eviction policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    public DemandPager(int frames, EvictionPolicy policy = EvictionPolicy.Lru)
    {
        FreeFrames = new FreeFrameList(frames);
        Frames = frames;
        _policy = policy;
        _pageIn = new long[frames];
        _dirty = new bool[frames];
        _referenced = new bool[frames];
        _loadedAt = new long[frames];
        _lastUse = new long[frames];
    }

    public int Frames { get; }
    public FreeFrameList FreeFrames { get; }
    public BackingStore Store { get; } = new();
    public long References { get; private set; }
    public long Faults { get; private set; }
    public long ZeroFills { get; private set; }
    public long SwapIns { get; private set; }
    public long Evictions { get; private set; }
    public long WriteBacks { get; private set; }

    /// <summary>True when <paramref name="page"/> currently has a frame.</summary>
    public bool IsResident(long page) => _frameOf.ContainsKey(page);

    /// <summary>True when <paramref name="page"/> is resident and modified since it was loaded.</summary>
    public bool IsDirty(long page) => _frameOf.TryGetValue(page, out int f) && _dirty[f];

    /// <summary>References <paramref name="page"/> (a store when <paramref name="write"/>), faulting it in if needed.</summary>
    public PagingEvent Access(long page, bool write = false)
    {
        int index = (int)References++;
        _time++;
        if (_frameOf.TryGetValue(page, out int frame))
        {
            Touch(frame, write);
            return new PagingEvent(index, page, write, PageFaultKind.None, frame, null, false);
        }
        Faults++;
        long? evicted = null;
        bool wroteBack = false;
        if (!FreeFrames.TryTake(out frame))
        {
            frame = ChooseVictim();
            evicted = _pageIn[frame];
            Evictions++;
            if (_dirty[frame])
            {
                Store.Write(evicted.Value);
                WriteBacks++;
                wroteBack = true;
            }
            _frameOf.Remove(evicted.Value);
        }
        PageFaultKind kind;
        if (Store.Holds(page)) { Store.Read(page); SwapIns++; kind = PageFaultKind.SwapIn; }
        else { ZeroFills++; kind = PageFaultKind.ZeroFill; }
        _pageIn[frame] = page;
        _dirty[frame] = false;
        _loadedAt[frame] = _time;
        _frameOf[page] = frame;
        Touch(frame, write);
        return new PagingEvent(index, page, write, kind, frame, evicted, wroteBack);
    }

    /// <summary>Replays a whole trace of (page, write) references.</summary>
    public IReadOnlyList<PagingEvent> Run(IEnumerable<(long Page, bool Write)> references) =>
        references.Select(r => Access(r.Page, r.Write)).ToList();

    private void Touch(int frame, bool write)
    {
        _lastUse[frame] = _time;
        _referenced[frame] = true;
        if (write) _dirty[frame] = true;
    }

    private int ChooseVictim()
    {
        switch (_policy)
        {
            case EvictionPolicy.Fifo: return ArgMin(_loadedAt);
            case EvictionPolicy.Lru: return ArgMin(_lastUse);
            default:
                while (_referenced[_hand])
                {
                    _referenced[_hand] = false;
                    _hand = (_hand + 1) % Frames;
                }
                int victim = _hand;
                _hand = (_hand + 1) % Frames;
                return victim;
        }
    }

    private static int ArgMin(long[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] < values[best]) best = i;
        return best;
    }
}
