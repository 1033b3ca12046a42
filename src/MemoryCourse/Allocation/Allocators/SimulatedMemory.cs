using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemoryCourse.Allocation.Allocators;

/// <summary>
/// A process's heap as the allocator sees it: a run of bytes starting at address 0 that only grows, one
/// <c>sbrk</c> at a time, up to a maximum. Allocators that keep their bookkeeping inside the heap (headers,
/// footers, free-list pointers, as CS:APP's allocators do) read and write 4-byte words here, so the model
/// behaves like the real thing: corrupt a header and the heap walk goes wrong.
/// Storage is paged the way the kernel backs a real heap: <c>sbrk</c> only moves the break, and a page of words
/// comes into existence (zero-filled) the first time something is written to it. A boundary-tag allocator writes
/// a few words per block (tags and links), so a 16 MiB heap of large blocks costs a small fraction of 16 MiB, and
/// growing the heap never copies what is already there. Pages are found through a two-level page table, as an
/// x86 MMU finds them, so no table is ever one large array either.
/// </summary>
public sealed class SimulatedMemory
{
    // Words per page: 64 (256 bytes). Small pages keep the untouched middle of large blocks unbacked.
    private const int PageShift = 6;
    private const int PageWords = 1 << PageShift;
    private const int PageMask = PageWords - 1;
    // Pages per second-level table: 1024 (one table maps 256 KiB of heap and is an 8 KiB array).
    private const int TableShift = 10;
    private const int TableEntries = 1 << TableShift;
    private const int TableMask = TableEntries - 1;

    // Directory: word >> (PageShift + TableShift) -> a table of pages; a page is null while nothing was written
    // to it (it reads as zeros). Tables exist for the whole heap below the break.
    private uint[]?[][] _directory = [new uint[]?[TableEntries]];

    /// <summary>Creates an empty heap that may grow to <paramref name="maxBytes"/> bytes.</summary>
    public SimulatedMemory(long maxBytes)
    {
        if (maxBytes <= 0 || maxBytes > (long)int.MaxValue * 4)
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The maximum heap size must be positive and below 8 GiB.");
        MaxBytes = maxBytes;
    }

    /// <summary>Bytes the heap may grow to.</summary>
    public long MaxBytes { get; }

    /// <summary>The current break: bytes obtained so far, and the address one past the heap's last byte.</summary>
    public long Break { get; private set; }

    /// <summary>
    /// Grows the heap by <paramref name="bytes"/> (a multiple of 4) and returns the old break, as <c>sbrk</c> does;
    /// false when that would exceed <see cref="MaxBytes"/> (the heap is left unchanged).
    /// O(1) amortised: at most one 8 KiB table per 256 KiB of growth; no word is allocated or copied.
    /// </summary>
    public bool TrySbrk(long bytes, out long oldBreak)
    {
        if (bytes < 0 || bytes % 4 != 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "sbrk takes a non-negative multiple of 4.");
        oldBreak = Break;
        if (Break + bytes > MaxBytes) return false;
        long neededTables = ((Break + bytes) / 4 + (1L << (PageShift + TableShift)) - 1) >> (PageShift + TableShift);
        if (neededTables > _directory.Length)
        {
            int old = _directory.Length;
            Array.Resize(ref _directory, (int)Math.Max(neededTables, 2L * old));
            for (int i = old; i < _directory.Length; i++) _directory[i] = new uint[]?[TableEntries];
        }
        Break += bytes;
        return true;
    }

    /// <summary>The 4-byte word at <paramref name="address"/> (a multiple of 4 inside the heap). O(1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadWord(long address)
    {
        CheckAddress(address);
        long word = address >> 2;
        ref uint[]? page = ref PageOf(word);
        return page is null ? 0 : Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), (nint)(word & PageMask));
    }

    /// <summary>Stores a 4-byte word at <paramref name="address"/> (a multiple of 4 inside the heap). O(1); the first write to a page allocates it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteWord(long address, uint value)
    {
        CheckAddress(address);
        long word = address >> 2;
        ref uint[]? page = ref PageOf(word);
        page ??= new uint[PageWords];
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), (nint)(word & PageMask)) = value;
    }

    // The page-table entry for word number `word`, without bounds checks: CheckAddress has established
    // 0 <= address < Break, TrySbrk keeps a table for every page below Break, and every table holds TableEntries
    // entries and every page PageWords words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref uint[]? PageOf(long word)
    {
        uint[]?[] table = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_directory), (nint)(word >> (PageShift + TableShift)));
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), (nint)((word >> PageShift) & TableMask));
    }

    // Inlined on every access, so the message is built elsewhere, only when the check fails. Break is a multiple
    // of 4, so an aligned word lies inside the heap exactly when 0 <= address < Break: one unsigned comparison.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckAddress(long address)
    {
        if (((ulong)address >= (ulong)Break) | ((address & 3) != 0)) ThrowOutside(address);
    }

    [DoesNotReturn]
    private void ThrowOutside(long address) =>
        throw new InvalidOperationException($"Word access at address {address} is outside the heap [0, {Break}) or not 4-byte aligned.");
}
