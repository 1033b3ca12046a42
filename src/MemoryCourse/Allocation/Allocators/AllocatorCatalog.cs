using MemoryCourse.Allocation.BoundaryTags;
using MemoryCourse.Allocation.Buddy;
using MemoryCourse.Allocation.FreeList;
using MemoryCourse.Allocation.PageGranular;
using MemoryCourse.Allocation.Segments;
using MemoryCourse.Allocation.SegregatedFits;

namespace MemoryCourse.Allocation.Allocators;

/// <summary>
/// The allocators of chapter 04 by name, each configured to replay malloc-lab traces: heap starting empty and
/// growing on demand, payloads 8-byte aligned. <c>first</c>, <c>next</c>, <c>best</c>, <c>worst</c> are the
/// OSTEP free list (8-byte header, address-ordered, coalescing) with each fit policy.
/// </summary>
public static class AllocatorCatalog
{
    private static readonly (string Name, string Description, Func<long, IAllocator> Create)[] Entries =
    [
        ("first", "free list, first fit, address order, coalescing, 8-byte header", max => FreeListPreset(FitPolicy.First, "first", max)),
        ("next", "free list, next fit (roving start), address order, coalescing", max => FreeListPreset(FitPolicy.Next, "next", max)),
        ("best", "free list, best fit through a size index, address order, coalescing", max => FreeListPreset(FitPolicy.Best, "best", max)),
        ("worst", "free list, worst fit through a size index, address order, coalescing", max => FreeListPreset(FitPolicy.Worst, "worst", max)),
        ("implicit", "CS:APP implicit list with boundary tags, first fit", max => new ImplicitListAllocator(maxHeapSize: max)),
        ("explicit", "CS:APP explicit LIFO free list with boundary tags, first fit", max => new ExplicitListAllocator(maxHeapSize: max)),
        ("segregated", "segregated fits: one explicit list per power-of-two class", max => new SegregatedFitAllocator(maxHeapSize: max)),
        ("buddy", "binary buddy allocator, power-of-two blocks", max => new BuddyAllocator(maxHeapSize: max)),
        ("pool", "memory pools of fixed-size blocks, one per power-of-two class", max => new MemoryPool.PoolAllocator(maxHeapSize: max)),
        ("pages", "page-granular: whole 4 KiB pages per request", max => PageAllocator.Create(maxHeapSize: max)),
        ("segments", "variable-size segments, no header, first fit", max => SegmentAllocator.Create(maxHeapSize: max)),
    ];

    /// <summary>Default largest heap an allocator may grow to: 64 MiB.</summary>
    public const long DefaultMaxHeapSize = 1L << 26;

    /// <summary>Every allocator name, in the order tables list them.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>One line describing the allocator called <paramref name="name"/>.</summary>
    public static string Describe(string name) => Entries.First(e => e.Name == name).Description;

    /// <summary>A fresh allocator called <paramref name="name"/>, or null when there is none by that name.</summary>
    public static IAllocator? TryCreate(string name, long maxHeapSize = DefaultMaxHeapSize)
    {
        foreach (var e in Entries)
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) return e.Create(maxHeapSize);
        return null;
    }

    /// <summary>A fresh allocator called <paramref name="name"/>; throws naming the known ones when there is none.</summary>
    public static IAllocator Create(string name, long maxHeapSize = DefaultMaxHeapSize) =>
        TryCreate(name, maxHeapSize) ?? throw new ArgumentException($"Unknown allocator '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));

    private static FreeListAllocator FreeListPreset(FitPolicy policy, string name, long max) =>
        new(new FreeListOptions(Policy: policy, Order: ListOrder.AddressSorted, Coalesce: true, HeaderSize: 8, Alignment: 8,
            BaseAddress: 0, InitialSize: 0, GrowthChunk: 8, MaxHeapSize: max, Name: name));
}
