using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Allocation.FreeList;

/// <summary>
/// The free-list allocator of OSTEP chapter 17 ("Free-Space Management"), with exactly the semantics of the
/// homework simulator <c>malloc.py</c>: one list of free (address, size) entries; malloc rounds the request up to
/// the alignment, adds the header, picks a block by the fit policy, and carves the allocation from the block's low
/// end, leaving the remainder at the same place in the list; free puts the block back according to the list order
/// and, with coalescing, merges entries that are next to each other in the list and touch in memory.
/// Beyond <c>malloc.py</c> it offers NEXT fit and a heap that can grow, so it can also replay malloc-lab traces.
/// BEST and WORST fit on an address-ordered list are answered by a size-ordered index in O(log n) instead of a
/// scan; the block chosen is the same one the linear definition picks, and the reported search count is still
/// the number of list entries the definition examines.
/// <para>
/// A fixed heap takes every number <c>malloc.py</c> takes, however odd: a heap of size 0 or less, a negative
/// header, requests of size 0 or less. Such numbers make blocks of size 0 or less, which break the orderly
/// picture the fast paths rely on (entries in address order, none overlapping), so from the first such block on
/// the allocator does literally what <c>malloc.py</c> does: a linear search, append-then-stable-sort, a full
/// coalescing pass. Arithmetic on sizes and addresses is checked: a result beyond 64 bits is an
/// <see cref="OverflowException"/>, never a wrapped value.
/// </para>
/// </summary>
public sealed class FreeListAllocator : AllocatorBase
{
    private readonly FreeListOptions _options;
    private readonly List<FreeEntry> _list = new();
    // block address -> block size (header included) of every allocated block: malloc.py's sizemap.
    private readonly Dictionary<long, long> _sizemap = new();
    // (size, address) of every free entry; only kept when it can answer the policy (see UsesIndex).
    private SortedSet<(long Size, long Address)>? _bySize;
    // True from the first block of size 0 or less on: the list may be out of address order or overlap (see above).
    private bool _literal;
    private long _heapEnd;
    private int _rover; // NEXT fit: list index where the next search starts.

    /// <summary>One entry of the free list.</summary>
    public readonly record struct FreeEntry(long Address, long Size);

    /// <summary>Creates an allocator whose heap is one free block of <see cref="FreeListOptions.InitialSize"/> bytes.</summary>
    public FreeListAllocator(FreeListOptions? options = null)
    {
        _options = options ?? new FreeListOptions();
        bool growing = _options.GrowthChunk > 0;
        if (growing && _options.HeaderSize < 0)
            throw new ArgumentOutOfRangeException(nameof(options), _options.HeaderSize, "HeaderSize must be 0 or more in a heap that grows.");
        if (_options.Alignment == 0)
            throw new ArgumentOutOfRangeException(nameof(options), _options.Alignment,
                "Alignment must not be 0 (-1 means none; other negative values round as Python's % does).");
        if (growing && _options.InitialSize < 0)
            throw new ArgumentOutOfRangeException(nameof(options), _options.InitialSize, "InitialSize must be 0 or more in a heap that grows.");
        if (_options.GrowthChunk < 0)
            throw new ArgumentOutOfRangeException(nameof(options), _options.GrowthChunk, "GrowthChunk must be 0 (fixed heap) or more.");
        bool indexable = _options.Order == ListOrder.AddressSorted && _options.UseSizeIndex
            && _options.Policy is FitPolicy.Best or FitPolicy.Worst;
        if (indexable) _bySize = new SortedSet<(long, long)>();
        _heapEnd = checked(_options.BaseAddress + _options.InitialSize);
        // malloc.py's heap is one entry whatever its size; a growing heap starting empty has none.
        if (_options.InitialSize > 0 || !growing) Insert(0, new FreeEntry(_options.BaseAddress, _options.InitialSize));
        if (_options.InitialSize <= 0 && !growing || _options.HeaderSize < 0) BecomeLiteral();
    }

    /// <summary>The options this allocator was built with.</summary>
    public FreeListOptions Options => _options;

    /// <inheritdoc />
    public override string Name => _options.Name;

    /// <inheritdoc />
    public override long HeapStart => _options.BaseAddress;

    /// <inheritdoc />
    public override long HeapSize => _heapEnd - _options.BaseAddress;

    /// <summary>The free list in list order, as <c>malloc.py</c> dumps it.</summary>
    public IReadOnlyList<FreeEntry> FreeList => _list;

    /// <summary>True when BEST/WORST are answered through the size-ordered index rather than a scan (never after a block of size 0 or less).</summary>
    public bool UsesIndex => _bySize is not null;

    /// <summary>
    /// <c>malloc.py</c>'s <c>malloc(size)</c>: returns the block's address (its header's address) and how many list
    /// entries were examined, or address -1 when nothing fits. The size is taken as given (no validation).
    /// </summary>
    public (long Address, long Searched) MallocBlock(long size)
    {
        if (_options.Alignment != -1)
        {
            long left = PythonMod(size, _options.Alignment);
            if (left != 0) size = checked(size + (_options.Alignment - left));
        }
        size = checked(size + _options.HeaderSize);
        if (size <= 0) BecomeLiteral();

        var (index, searched) = Search(size);
        if (index == -1 && _options.GrowthChunk > 0 && Grow(size))
        {
            var (again, more) = Search(size);
            index = again;
            searched += more;
        }
        if (index == -1) return (-1, searched);

        var chosen = _list[index];
        if (_sizemap.ContainsKey(chosen.Address))
            throw new InvalidOperationException($"AssertionError: address {chosen.Address} is already allocated (a zero-size block sits there).");
        if (chosen.Size > size) Replace(index, new FreeEntry(checked(chosen.Address + size), checked(chosen.Size - size)));
        else RemoveAt(index);
        _sizemap[chosen.Address] = size;
        _rover = index;
        return (chosen.Address, searched);
    }

    /// <summary>
    /// <c>malloc.py</c>'s <c>free(addr)</c>: 0 when <paramref name="address"/> is an allocated block's address,
    /// otherwise -1 and nothing changes.
    /// </summary>
    public int FreeBlockAt(long address)
    {
        if (!_sizemap.Remove(address, out long size)) return -1;
        AddFree(new FreeEntry(address, size));
        return 0;
    }

    /// <inheritdoc />
    protected override AllocationResult AllocateBlock(long size)
    {
        var (address, searched) = MallocBlock(size);
        if (address == -1) return AllocationResult.Failed(AllocationStatus.OutOfMemory, searched);
        return new AllocationResult(AllocationStatus.Ok, address + _options.HeaderSize, address, _sizemap[address], searched);
    }

    /// <inheritdoc />
    protected override AllocationResult FreeBlock(long address)
    {
        long block = address - _options.HeaderSize;
        long size = _sizemap[block];
        FreeBlockAt(block);
        return new AllocationResult(AllocationStatus.Ok, address, block, size, 0);
    }

    /// <inheritdoc />
    protected override AllocationResult? TryResizeInPlace(long address, long oldSize, long newSize)
    {
        long block = address - _options.HeaderSize;
        long size = _sizemap[block];
        return newSize <= size - _options.HeaderSize ? new AllocationResult(AllocationStatus.Ok, address, block, size, 0) : null;
    }

    /// <inheritdoc />
    public override IReadOnlyList<HeapBlock> Blocks()
    {
        var blocks = new List<HeapBlock>(_list.Count + _sizemap.Count);
        foreach (var e in _list) blocks.Add(HeapBlock.FreeBlock(e.Address, e.Size));
        foreach (var (address, size) in _sizemap)
        {
            long payloadAddress = address + _options.HeaderSize;
            long requested = RequestedSize(payloadAddress);
            blocks.Add(HeapBlock.UsedBlock(address, size, payloadAddress, requested >= 0 ? requested : Math.Max(0, size - _options.HeaderSize)));
        }
        blocks.Sort((a, b) => a.Address.CompareTo(b.Address));
        return blocks;
    }

    // Returns the list index chosen by the policy (-1: none) and how many entries the definition examines.
    // malloc.py starts BEST's search from "heap size + 1" and WORST's from -1, so in a fixed heap BEST never picks
    // an entry larger than the heap's initial size and WORST never one of negative size; only blocks of size 0
    // or less can make either bound matter.
    private (int Index, long Searched) Search(long size)
    {
        int n = _list.Count;
        long bestLimit = _options.GrowthChunk > 0 ? long.MaxValue : _options.InitialSize;
        switch (_options.Policy)
        {
            case FitPolicy.First:
                for (int i = 0; i < n; i++)
                    if (_list[i].Size >= size) return (i, i + 1);
                return (-1, n);
            case FitPolicy.Next:
                for (int k = 0; k < n; k++)
                {
                    int i = (_rover + k) % n;
                    if (_list[i].Size >= size) return (i, k + 1);
                }
                return (-1, n);
            case FitPolicy.Best when _bySize is not null:
            {
                // O(log n): the smallest size >= request, lowest address among equals = first in address order.
                var view = _bySize.GetViewBetween((size, long.MinValue), (long.MaxValue, long.MaxValue));
                return view.Count == 0 || view.Min.Size > bestLimit ? (-1, n) : (IndexOfAddress(view.Min.Address), n);
            }
            case FitPolicy.Worst when _bySize is not null:
            {
                if (_bySize.Count == 0 || _bySize.Max.Size < size || _bySize.Max.Size < 0) return (-1, n);
                long largest = _bySize.Max.Size;
                var ties = _bySize.GetViewBetween((largest, long.MinValue), (largest, long.MaxValue));
                return (IndexOfAddress(ties.Min.Address), n);
            }
            case FitPolicy.Best:
            {
                // O(n): malloc.py's scan; strict < keeps the first of equal sizes.
                int best = -1;
                long bestSize = long.MaxValue;
                for (int i = 0; i < n; i++)
                    if (_list[i].Size >= size && _list[i].Size < bestSize && _list[i].Size <= bestLimit) { best = i; bestSize = _list[i].Size; }
                return (best, n);
            }
            default: // Worst, O(n)
            {
                int worst = -1;
                long worstSize = -1;
                for (int i = 0; i < n; i++)
                    if (_list[i].Size >= size && _list[i].Size > worstSize) { worst = i; worstSize = _list[i].Size; }
                return (worst, n);
            }
        }
    }

    // Grows the heap so that a block of `size` bytes fits; false when the maximum heap size forbids it.
    private bool Grow(long size)
    {
        long missing = size;
        if (_options.Coalesce && _options.Order == ListOrder.AddressSorted && _list.Count > 0 && _list[^1].Address + _list[^1].Size == _heapEnd)
            missing -= _list[^1].Size; // the new bytes merge with the free block at the top of the heap
        long extension = AlignUp(Math.Max(missing, 1), _options.GrowthChunk);
        if (HeapSize + extension > _options.MaxHeapSize) return false;
        long start = _heapEnd;
        _heapEnd += extension;
        AddFree(new FreeEntry(start, extension));
        return true;
    }

    // Puts a free block into the list as malloc.py's free() does, then coalesces if asked.
    private void AddFree(FreeEntry entry)
    {
        if (_literal && _options.Order == ListOrder.AddressSorted)
        {
            // malloc.py's own way: append, then a stable sort by address (equal addresses keep list order).
            _list.Add(entry);
            var sorted = _list.OrderBy(e => e.Address).ToList();
            _list.Clear();
            _list.AddRange(sorted);
            if (_options.Coalesce) CoalescePass();
            return;
        }
        switch (_options.Order)
        {
            case ListOrder.InsertBack: Insert(_list.Count, entry); break;
            case ListOrder.InsertFront: Insert(0, entry); break;
            case ListOrder.AddressSorted:
            {
                // The list is always address-sorted under this order (splits keep an entry's place), so a binary
                // search gives the position Python's append-then-sort would: O(log n) search + O(n) shift.
                int at = LowerBoundByAddress(entry.Address);
                Insert(at, entry);
                if (_options.Coalesce) MergeAround(at);
                return;
            }
            case ListOrder.SizeAscending:
            case ListOrder.SizeDescending:
            {
                bool ascending = _options.Order == ListOrder.SizeAscending;
                if (IsSortedBySize(ascending))
                {
                    // Stable sort of (list + entry) puts the entry after every element with an equal key.
                    int at = 0;
                    while (at < _list.Count && (ascending ? _list[at].Size <= entry.Size : _list[at].Size >= entry.Size)) at++;
                    Insert(at, entry);
                }
                else
                {
                    // A split left the list out of order: Python re-sorts all of it (stably). O(n log n).
                    _list.Add(entry);
                    var sorted = ascending ? _list.OrderBy(e => e.Size).ToList() : _list.OrderByDescending(e => e.Size).ToList();
                    _list.Clear();
                    _list.AddRange(sorted);
                    _bySize?.Add((entry.Size, entry.Address));
                }
                break;
            }
        }
        if (_options.Coalesce) CoalescePass();
    }

    // malloc.py's coalescing: one left-to-right pass merging an entry into the previous one when they touch.
    private void CoalescePass()
    {
        if (_list.Count < 2) return;
        var merged = new List<FreeEntry>(_list.Count);
        var current = _list[0];
        for (int i = 1; i < _list.Count; i++)
        {
            var next = _list[i];
            if (next.Address == checked(current.Address + current.Size)) current = current with { Size = checked(current.Size + next.Size) };
            else { merged.Add(current); current = next; }
        }
        merged.Add(current);
        if (merged.Count == _list.Count) return;
        _list.Clear();
        _list.AddRange(merged);
        if (_bySize is not null)
        {
            _bySize.Clear();
            foreach (var e in _list) _bySize.Add((e.Size, e.Address));
        }
    }

    // On an address-sorted list that was fully coalesced before this insert, merging the new entry with its two
    // neighbours gives exactly what the full pass gives. O(log n) index updates.
    private void MergeAround(int at)
    {
        if (at + 1 < _list.Count && _list[at].Address + _list[at].Size == _list[at + 1].Address)
        {
            var merged = new FreeEntry(_list[at].Address, _list[at].Size + _list[at + 1].Size);
            RemoveAt(at + 1);
            Replace(at, merged);
        }
        if (at > 0 && _list[at - 1].Address + _list[at - 1].Size == _list[at].Address)
        {
            var merged = new FreeEntry(_list[at - 1].Address, _list[at - 1].Size + _list[at].Size);
            RemoveAt(at);
            Replace(at - 1, merged);
        }
    }

    // From now on nothing may rely on address order or on entries not overlapping: drop the size index and the
    // incremental coalescing, and do what malloc.py does.
    private void BecomeLiteral()
    {
        _literal = true;
        _bySize = null;
    }

    private bool IsSortedBySize(bool ascending)
    {
        for (int i = 1; i < _list.Count; i++)
            if (ascending ? _list[i - 1].Size > _list[i].Size : _list[i - 1].Size < _list[i].Size) return false;
        return true;
    }

    private int LowerBoundByAddress(long address)
    {
        int lo = 0, hi = _list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_list[mid].Address < address) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int IndexOfAddress(long address)
    {
        int i = LowerBoundByAddress(address);
        if (i >= _list.Count || _list[i].Address != address) throw new InvalidOperationException("size index out of step with the free list");
        return i;
    }

    // Every change to the list goes through these three, which keep the size index in step.
    private void Insert(int at, FreeEntry entry)
    {
        _list.Insert(at, entry);
        _bySize?.Add((entry.Size, entry.Address));
    }

    private void RemoveAt(int at)
    {
        _bySize?.Remove((_list[at].Size, _list[at].Address));
        _list.RemoveAt(at);
    }

    private void Replace(int at, FreeEntry entry)
    {
        _bySize?.Remove((_list[at].Size, _list[at].Address));
        _list[at] = entry;
        _bySize?.Add((entry.Size, entry.Address));
    }

    private static long PythonMod(long a, long b)
    {
        long r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }
}
