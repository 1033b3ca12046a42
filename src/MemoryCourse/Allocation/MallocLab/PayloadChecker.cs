namespace MemoryCourse.Allocation.MallocLab;

/// <summary>
/// The malloc-lab driver's correctness rules, kept independently of any allocator: every payload is 8-byte
/// aligned, lies inside the heap, and overlaps no other live payload. It only sees the addresses an allocator
/// returns, so a broken allocator cannot vouch for itself. O(log n) per check.
/// </summary>
public sealed class PayloadChecker
{
    /// <summary>Payload alignment the lab requires.</summary>
    public const long Alignment = 8;

    private readonly SortedSet<long> _starts = new();
    private readonly Dictionary<long, long> _ends = new();

    /// <summary>
    /// Checks a newly returned payload [address, address+size) against the heap [heapStart, heapStart+heapSize)
    /// and the live payloads, then records it. Returns the problem, or null when it is fine (and recorded).
    /// </summary>
    public string? Add(long address, long size, long heapStart, long heapSize)
    {
        if (address % Alignment != 0) return $"payload at {address} is not {Alignment}-byte aligned";
        if (address < heapStart || address + size > heapStart + heapSize)
            return $"payload [{address}, {address + size}) lies outside the heap [{heapStart}, {heapStart + heapSize})";
        if (Nearest(_starts.GetViewBetween(long.MinValue, address), max: true) is long before && _ends[before] > address)
            return $"payload [{address}, {address + size}) overlaps the live payload [{before}, {_ends[before]})";
        if (Nearest(_starts.GetViewBetween(address, long.MaxValue), max: false) is long after && after < address + size)
            return $"payload [{address}, {address + size}) overlaps the live payload [{after}, {_ends[after]})";
        _starts.Add(address);
        _ends[address] = address + size;
        return null;
    }

    // The largest (or smallest) start in a view, or null when the view is empty. O(log n): a view's Min and
    // Max walk one path of the tree, while its Count would visit every element in range. An empty view
    // answers default(long), so the answer is confirmed with Contains.
    private static long? Nearest(SortedSet<long> view, bool max)
    {
        long candidate = max ? view.Max : view.Min;
        return view.Contains(candidate) ? candidate : null;
    }

    /// <summary>Forgets a payload that was freed (or moved by realloc).</summary>
    public void Remove(long address)
    {
        _starts.Remove(address);
        _ends.Remove(address);
    }
}
