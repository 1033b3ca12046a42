using BenchmarkDotNet.Attributes;
using MemoryCourse.Paging.Replacement;
using MemoryCourse.Paging.Tlb;
using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Benchmarks;

/// <summary>
/// Replacement replays of 10 million references over 1,000 frames (LRU in O(1) per reference, the
/// textbook clock), and 10 million x86-64 translations through a 64-entry TLB. Each benchmark method
/// processes all <see cref="References"/> items, so references per second = 10^7 / mean time.
/// Run: dotnet run -c Release --project tests/MemoryCourse.Benchmarks -- --filter '*VirtualMemory*' --job short
/// </summary>
[MemoryDiagnoser]
public class VirtualMemoryBenchmarks
{
    public const int References = 10_000_000;
    private const int Frames = 1000;
    private long[] _pages = [];
    private long[] _addresses = [];
    private X64PageTable _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Pages: 90% from a hot set of 900 pages, 10% from 9,000 cold ones, so both hits and evictions happen.
        var random = new Random(42);
        _pages = new long[References];
        for (int i = 0; i < References; i++)
            _pages[i] = random.NextDouble() < 0.9 ? random.Next(900) : 900 + random.Next(9000);

        // 16 MiB mapped in 4 KiB pages plus 64 MiB in 2 MiB pages; addresses walk with locality (mostly
        // small steps, sometimes a jump), like a program touching arrays.
        _table = new X64PageTable();
        for (long p = 0; p < 4096; p++) _table.Map(0x40_0000 + p * 4096, 0x1_0000_0000 + p * 4096, X64PteFlags.User | X64PteFlags.Writable);
        for (long l = 0; l < 32; l++)
            _table.Map(0x4000_0000 + l * (1L << 21), 0x2_0000_0000 + l * (1L << 21), X64PteFlags.User | X64PteFlags.Writable, large: true);
        _addresses = new long[References];
        long small = 0, large = 0;
        for (int i = 0; i < References; i++)
        {
            if (random.Next(100) == 0) { small = random.NextInt64(16L << 20); large = random.NextInt64(64L << 20); }
            small = (small + random.Next(64)) % (16L << 20);
            large = (large + random.Next(4096)) % (64L << 20);
            _addresses[i] = i % 4 == 0 ? 0x4000_0000 + large : 0x40_0000 + small;
        }
    }

    [Benchmark]
    public long Lru_10M_references_1000_frames()
    {
        var lru = new LruFrames(Frames);
        foreach (var page in _pages) lru.Access(page);
        return lru.Misses;
    }

    [Benchmark]
    public long Textbook_clock_10M_references_1000_frames()
    {
        var clock = new ClockFrames(Frames);
        foreach (var page in _pages) clock.Access(page);
        return clock.Misses;
    }

    [Benchmark]
    public long X64_walk_with_64_entry_tlb_10M_addresses()
    {
        var mmu = new Mmu(_table, TranslationLookasideBuffer.FullyAssociative(64));
        foreach (var va in _addresses) mmu.Access(va);
        return mmu.Tlb.Misses;
    }
}
