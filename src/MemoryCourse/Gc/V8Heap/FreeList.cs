using System.Numerics;

namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// Segregated free list of an old-generation space: holes are kept in buckets by size class (powers of
/// two), like V8's free list categories. A request first looks in a bucket whose every hole is big enough
/// (O(1)), then first-fit in its own class. The remainder of a hole goes back to the list; remainders
/// smaller than <see cref="MinimumBlock"/> are lost to internal fragmentation.
/// </summary>
public sealed class FreeList
{
    /// <summary>Smallest hole worth keeping: a V8 filler needs two words.</summary>
    public const int MinimumBlock = 16;

    private readonly List<FreeBlock>[] _buckets = Enumerable.Range(0, 32).Select(_ => new List<FreeBlock>()).ToArray();

    /// <summary>Total bytes in the list.</summary>
    public long FreeBytes { get; private set; }

    /// <summary>Number of holes.</summary>
    public int Count { get; private set; }

    internal void Add(FreeBlock block)
    {
        if (block.Size < MinimumBlock) return;
        _buckets[BitOperations.Log2((uint)block.Size)].Add(block);
        FreeBytes += block.Size;
        Count++;
    }

    internal bool TryTake(int size, out FreeBlock block)
    {
        int cls = BitOperations.Log2((uint)size);
        // Buckets above size's class only hold holes of at least 2^(cls+1) > size bytes.
        for (int b = cls + 1; b < _buckets.Length; b++)
        {
            var list = _buckets[b];
            if (list.Count == 0) continue;
            block = list[^1];
            list.RemoveAt(list.Count - 1);
            Split(block, size);
            return true;
        }
        var own = _buckets[cls];
        for (int i = own.Count - 1; i >= 0; i--)
        {
            if (own[i].Size < size) continue;
            block = own[i];
            own.RemoveAt(i);
            Split(block, size);
            return true;
        }
        block = default;
        return false;
    }

    private void Split(FreeBlock block, int size)
    {
        FreeBytes -= block.Size;
        Count--;
        Add(new FreeBlock(block.Page, block.Offset + size, block.Size - size));
    }

    internal void RemovePage(Page page)
    {
        foreach (var list in _buckets)
        {
            int removed = list.RemoveAll(b => ReferenceEquals(b.Page, page));
            if (removed == 0) continue;
            Count -= removed;
        }
        FreeBytes = _buckets.Sum(l => l.Sum(b => (long)b.Size));
    }

    internal void Clear()
    {
        foreach (var list in _buckets) list.Clear();
        FreeBytes = 0;
        Count = 0;
    }
}
