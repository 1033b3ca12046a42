namespace MemoryCourse.Allocators;

/// <summary>
/// A process's heap as the allocator sees it: a run of bytes starting at address 0 that only grows, one
/// <c>sbrk</c> at a time, up to a maximum. Allocators that keep their bookkeeping inside the heap (headers,
/// footers, free-list pointers, as CS:APP's allocators do) read and write 4-byte words here, so the model
/// behaves like the real thing: corrupt a header and the heap walk goes wrong. Storage grows on demand, so a
/// large maximum costs nothing until the heap is used.
/// </summary>
public sealed class SimulatedMemory
{
    private uint[] _words = new uint[1024];

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
    /// </summary>
    public bool TrySbrk(long bytes, out long oldBreak)
    {
        if (bytes < 0 || bytes % 4 != 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "sbrk takes a non-negative multiple of 4.");
        oldBreak = Break;
        if (Break + bytes > MaxBytes) return false;
        long neededWords = (Break + bytes) / 4;
        if (neededWords > _words.Length)
        {
            // O(n) copy, amortised O(1) per byte: capacity doubles.
            long capacity = Math.Max(neededWords, Math.Min((long)_words.Length * 2, MaxBytes / 4));
            Array.Resize(ref _words, (int)capacity);
        }
        Break += bytes;
        return true;
    }

    /// <summary>The 4-byte word at <paramref name="address"/> (a multiple of 4 inside the heap).</summary>
    public uint ReadWord(long address)
    {
        CheckAddress(address);
        return _words[address >> 2];
    }

    /// <summary>Stores a 4-byte word at <paramref name="address"/> (a multiple of 4 inside the heap).</summary>
    public void WriteWord(long address, uint value)
    {
        CheckAddress(address);
        _words[address >> 2] = value;
    }

    private void CheckAddress(long address)
    {
        if ((address & 3) != 0 || address < 0 || address + 4 > Break)
            throw new InvalidOperationException($"Word access at address {address} is outside the heap [0, {Break}) or not 4-byte aligned.");
    }
}
