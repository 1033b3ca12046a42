namespace MemoryCourse.Paging.AddressSpace;

/// <summary>
/// The arithmetic of a paged virtual address space (가상 주소 공간): with <see cref="AddressBits"/>-bit
/// addresses and pages of <see cref="PageSize"/> bytes, an address splits into a virtual page number and an
/// offset, the space holds <see cref="Pages"/> pages, and a single flat (linear) page table needs one entry
/// of <see cref="EntrySize"/> bytes per page. The last number is why real systems use multi-level tables.
/// </summary>
/// <param name="AddressBits">Bits in a virtual address (32 on IA-32, 48 used on x86-64).</param>
/// <param name="PageSize">Bytes per page; a power of two (4096 on x86-64).</param>
/// <param name="EntrySize">Bytes per page-table entry (4 on IA-32, 8 on x86-64).</param>
public sealed record AddressSpaceGeometry(int AddressBits, long PageSize, int EntrySize)
{
    public AddressSpaceGeometry Validated()
    {
        if (AddressBits is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(AddressBits), AddressBits, "address bits must be between 1 and 64");
        if (PageSize < 1 || (PageSize & (PageSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "the page size must be a power of two");
        if (OffsetBits > AddressBits) throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "a page cannot be larger than the address space");
        if (EntrySize < 1) throw new ArgumentOutOfRangeException(nameof(EntrySize), EntrySize, "a page-table entry takes at least one byte");
        return this;
    }

    /// <summary>Bits of the address that select a byte inside a page: log2(page size).</summary>
    public int OffsetBits => System.Numerics.BitOperations.Log2((ulong)PageSize);

    /// <summary>Bits of the address that select the page: the virtual page number (VPN).</summary>
    public int PageNumberBits => AddressBits - OffsetBits;

    /// <summary>Pages in the address space: 2^(page-number bits).</summary>
    public double Pages => Math.Pow(2, PageNumberBits);

    /// <summary>Bytes a flat page table with one entry per virtual page takes.</summary>
    public double LinearTableBytes => Pages * EntrySize;

    /// <summary>The virtual page number and the offset of <paramref name="address"/>.</summary>
    public (ulong PageNumber, ulong Offset) Split(ulong address)
    {
        if (AddressBits < 64 && address >> AddressBits != 0)
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x} does not fit in {AddressBits} address bits");
        return (address >> OffsetBits, address & ((ulong)PageSize - 1));
    }
}
