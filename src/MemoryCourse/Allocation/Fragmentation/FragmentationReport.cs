using System.Numerics;
using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Allocation.Fragmentation;

/// <summary>Free blocks whose size lies in [<see cref="MinSize"/>, <see cref="MaxSize"/>].</summary>
public readonly record struct HistogramBucket(long MinSize, long MaxSize, int Count);

/// <summary>
/// How well a heap is used at one moment (seed 000, "힙 메모리 단편화", heap fragmentation). Internal
/// fragmentation (내부 단편화) is memory inside allocated blocks that the program did not ask for: headers,
/// alignment, rounding to a size class or a page. External fragmentation (외부 단편화) is free memory broken into
/// pieces: there may be enough free bytes in total, yet no single block large enough. It is measured here as
/// 1 - largest free block / total free bytes: 0 when all free memory is one block, near 1 when it is dust.
/// Every byte of the heap is counted exactly once: live payload + free bytes + overhead = heap size.
/// </summary>
public sealed record FragmentationReport(
    long HeapSize,
    long LivePayload,
    long FreeBytes,
    long OverheadBytes,
    long InternalFragmentation,
    double ExternalFragmentation,
    int UsedBlockCount,
    int FreeBlockCount,
    long LargestFreeBlock,
    IReadOnlyList<HistogramBucket> FreeBlockHistogram)
{
    /// <summary>Live payload / heap size at this moment (0 for an empty heap).</summary>
    public double CurrentUtilization => HeapSize == 0 ? 0 : (double)LivePayload / HeapSize;

    /// <summary>Measures the heap given as its blocks (in any order). O(blocks).</summary>
    public static FragmentationReport Of(IEnumerable<HeapBlock> blocks)
    {
        long heap = 0, live = 0, free = 0, internalBytes = 0, largest = 0;
        int used = 0, freeCount = 0;
        var buckets = new SortedDictionary<int, int>();
        foreach (var b in blocks)
        {
            heap += b.Size;
            switch (b.Kind)
            {
                case BlockKind.Free:
                    free += b.Size;
                    freeCount++;
                    largest = Math.Max(largest, b.Size);
                    if (b.Size > 0)
                    {
                        int k = BitOperations.Log2((ulong)b.Size);
                        buckets[k] = buckets.GetValueOrDefault(k) + 1;
                    }
                    break;
                case BlockKind.Used:
                    live += b.Payload;
                    internalBytes += b.Size - b.Payload;
                    used++;
                    break;
            }
        }
        var histogram = buckets.Select(kv => new HistogramBucket(1L << kv.Key, (1L << (kv.Key + 1)) - 1, kv.Value)).ToArray();
        double external = free == 0 ? 0 : 1.0 - (double)largest / free;
        return new FragmentationReport(heap, live, free, heap - live - free, internalBytes, external, used, freeCount, largest, histogram);
    }

    /// <summary>Measures an allocator's heap now.</summary>
    public static FragmentationReport Of(IAllocator allocator) => Of(allocator.Blocks());
}
