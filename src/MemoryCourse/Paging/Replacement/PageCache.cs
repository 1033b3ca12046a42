using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// Replays a reference string against a fixed number of frames under one <see cref="ReplacementPolicy"/>,
/// with exactly OSTEP's semantics (paging-policy.py): resident pages are kept in a list, new pages join at
/// the right end, LRU and MRU move a hit page to the right end, and RAND and CLOCK draw from the given
/// random generator (the same stream that generated the references, in the original). Call
/// <see cref="Next"/> per reference to watch <see cref="Resident"/> change, or <see cref="Replay"/> for the
/// whole trace.
/// </summary>
public sealed class PageCache
{
    private readonly ReplacementPolicy _policy;
    private readonly int _frames;
    private readonly IReadOnlyList<long> _references;
    private readonly PythonRandom? _random;
    private readonly int _clockBits;
    private readonly List<long> _memory = [];
    private readonly HashSet<long> _resident = [];
    private readonly Dictionary<long, int> _useCounter = [];
    private readonly int[]? _nextUse;              // OPT/UNOPT: index of the next reference to the same page
    private readonly Dictionary<long, int>? _nextUseOfResident;

    /// <summary>
    /// A cache of <paramref name="frames"/> frames (<see cref="int.MaxValue"/> for "never full") that will
    /// replay <paramref name="references"/>. RAND and CLOCK need <paramref name="random"/>; CLOCK's use
    /// counters saturate at <paramref name="clockBits"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    /// <exception cref="ArgumentException">RAND or CLOCK without a random generator.</exception>
    public PageCache(ReplacementPolicy policy, int frames, IReadOnlyList<long> references, PythonRandom? random = null, int clockBits = 2)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"a page cache needs at least one frame, not {frames}");
        if (random is null && policy is ReplacementPolicy.Rand or ReplacementPolicy.Clock)
            throw new ArgumentException($"policy {policy.Name()} draws random numbers: pass a seeded random generator", nameof(random));
        _policy = policy;
        _frames = frames;
        _references = references;
        _random = random;
        _clockBits = clockBits;
        if (policy is ReplacementPolicy.Opt or ReplacementPolicy.Unopt)
        {
            // O(n) once, so each eviction costs O(frames) instead of O(frames * n) for a forward scan.
            _nextUse = new int[references.Count];
            var seen = new Dictionary<long, int>();
            for (int i = references.Count - 1; i >= 0; i--)
            {
                _nextUse[i] = seen.TryGetValue(references[i], out var j) ? j : references.Count;
                seen[references[i]] = i;
            }
            _nextUseOfResident = [];
        }
    }

    /// <summary>Resident pages, left to right as OSTEP prints them (left = next FIFO/LRU victim).</summary>
    public IReadOnlyList<long> Resident => _memory;
    public int Hits { get; private set; }
    public int Misses { get; private set; }
    /// <summary>How many references have been replayed.</summary>
    public int Position { get; private set; }
    public bool Done => Position >= _references.Count;

    /// <summary>Replays the next reference. O(frames) worst case (list moves); O(1) for FIFO hits.</summary>
    public CacheAccess Next()
    {
        if (Done) throw new InvalidOperationException($"all {_references.Count} references have been replayed");
        int t = Position;
        long page = _references[t];
        bool hit = _resident.Contains(page);
        long? victim = null;
        if (hit)
        {
            Hits++;
            if (_policy is ReplacementPolicy.Lru or ReplacementPolicy.Mru)
            {
                _memory.Remove(page);
                _memory.Add(page);
            }
        }
        else
        {
            Misses++;
            if (_memory.Count == _frames)
            {
                int at = VictimIndex();
                victim = _memory[at];
                _memory.RemoveAt(at);
                _resident.Remove(victim.Value);
                if (_policy == ReplacementPolicy.Clock) _useCounter.Remove(victim.Value);
                _nextUseOfResident?.Remove(victim.Value);
            }
            _memory.Add(page);
            _resident.Add(page);
        }
        if (_nextUseOfResident is not null) _nextUseOfResident[page] = _nextUse![t];
        // Every access bumps the page's use counter, saturating at clockBits (a new page starts at 1).
        // Only CLOCK reads the counters, so the other policies skip the bookkeeping.
        if (_policy == ReplacementPolicy.Clock)
            _useCounter[page] = _useCounter.TryGetValue(page, out var c) ? Math.Min(c + 1, _clockBits) : 1;
        Position++;
        return new CacheAccess(t, page, hit, victim, Hits, Misses);
    }

    private int VictimIndex()
    {
        int count = _memory.Count;
        switch (_policy)
        {
            case ReplacementPolicy.Fifo:
            case ReplacementPolicy.Lru:
                return 0;
            case ReplacementPolicy.Mru:
                return count - 1;
            case ReplacementPolicy.Rand:
                return (int)(_random!.NextDouble() * count);
            case ReplacementPolicy.Clock:
                // Not a sweeping hand: probe random frames, decrementing counters until one is at zero.
                while (true)
                {
                    int probe = (int)(_random!.NextDouble() * count);
                    long candidate = _memory[probe];
                    int counter = _useCounter[candidate];
                    if (counter >= 1) _useCounter[candidate] = counter - 1;
                    else return probe;
                }
            case ReplacementPolicy.Opt:
            {
                // Furthest next use; ties (never used again) go to the rightmost page, as OSTEP's ">=".
                int best = -1, bestWhen = -1;
                for (int i = 0; i < count; i++)
                {
                    int when = _nextUseOfResident![_memory[i]];
                    if (when >= bestWhen) { best = i; bestWhen = when; }
                }
                return best;
            }
            case ReplacementPolicy.Unopt:
            {
                // Soonest next use; ties go to the leftmost page, as OSTEP's "<".
                int best = -1, bestWhen = int.MaxValue;
                for (int i = 0; i < count; i++)
                {
                    int when = _nextUseOfResident![_memory[i]];
                    if (when < bestWhen) { best = i; bestWhen = when; }
                }
                return best;
            }
            default:
                throw new InvalidOperationException($"unknown policy {_policy}");
        }
    }

    /// <summary>Replays every reference and returns the per-access trace (hit/miss/victim and running totals).</summary>
    public static IReadOnlyList<CacheAccess> Replay(
        ReplacementPolicy policy, int frames, IReadOnlyList<long> references, PythonRandom? random = null, int clockBits = 2)
    {
        var cache = new PageCache(policy, frames, references, random, clockBits);
        var trace = new List<CacheAccess>(references.Count);
        while (!cache.Done) trace.Add(cache.Next());
        return trace;
    }

    /// <summary>Replays every reference and returns only the totals. O(1) memory besides the cache.</summary>
    public static ReplaySummary Count(ReplacementPolicy policy, int frames, IReadOnlyList<long> references, PythonRandom? random = null, int clockBits = 2)
    {
        var cache = new PageCache(policy, frames, references, random, clockBits);
        while (!cache.Done) cache.Next();
        return new ReplaySummary(policy.Name(), frames, cache.Hits, cache.Misses);
    }
}
