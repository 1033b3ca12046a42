namespace MemoryCourse.Paging.Translation;

/// <summary>
/// A linear (one-level) page table as in OSTEP's paging-linear-translate.py: one 32-bit entry per virtual
/// page, the top bit (bit 31) VALID and the low bits the physical frame number (PFN). Translation splits
/// the virtual address into a virtual page number (VPN) and an offset, reads entry VPN, and glues the PFN
/// to the offset. Simple and fast, but the table needs an entry for every page of the address space,
/// used or not: 4 MiB for a 32-bit space of 4 KiB pages.
/// </summary>
public sealed class LinearPageTable
{
    /// <summary>The VALID bit of an entry.</summary>
    public const uint ValidBit = 0x8000_0000;

    private readonly uint[] _entries;

    /// <summary>A table for an address space of <paramref name="addressSpaceSize"/> bytes in pages of <paramref name="pageSize"/> bytes, all invalid.</summary>
    /// <exception cref="ArgumentException">A size is not a positive power of two, or the page is larger than the space.</exception>
    public LinearPageTable(long addressSpaceSize, long pageSize)
    {
        PowerOfTwo.Require(addressSpaceSize, nameof(addressSpaceSize));
        PowerOfTwo.Require(pageSize, nameof(pageSize));
        if (pageSize > addressSpaceSize)
            throw new ArgumentException($"page size {pageSize} is larger than the address space size {addressSpaceSize}", nameof(pageSize));
        if (addressSpaceSize / pageSize > int.MaxValue)
            throw new ArgumentException(
                $"address space of {addressSpaceSize} bytes has too many {pageSize}-byte pages for a linear table", nameof(addressSpaceSize));
        AddressSpaceSize = addressSpaceSize;
        PageSize = pageSize;
        OffsetBits = PowerOfTwo.Log2(pageSize);
        _entries = new uint[addressSpaceSize / pageSize];
    }

    public long AddressSpaceSize { get; }
    public long PageSize { get; }
    /// <summary>Number of low address bits that are the offset within a page.</summary>
    public int OffsetBits { get; }
    /// <summary>Number of virtual pages (= entries in the table).</summary>
    public int PageCount => _entries.Length;
    /// <summary>Bytes the table itself takes: 4 per entry, for every page, used or not.</summary>
    public long TableBytes => 4L * _entries.Length;
    /// <summary>The raw 32-bit entries, entry 0 first.</summary>
    public IReadOnlyList<uint> Entries => _entries;

    /// <summary>Maps virtual page <paramref name="vpn"/> to frame <paramref name="pfn"/> (sets VALID).</summary>
    public void Map(int vpn, uint pfn)
    {
        CheckVpn(vpn);
        if (pfn >= ValidBit) throw new ArgumentOutOfRangeException(nameof(pfn), pfn, $"PFN {pfn} does not fit in 31 bits");
        _entries[vpn] = ValidBit | pfn;
    }

    /// <summary>Marks virtual page <paramref name="vpn"/> invalid.</summary>
    public void Unmap(int vpn)
    {
        CheckVpn(vpn);
        _entries[vpn] = 0;
    }

    private void CheckVpn(int vpn)
    {
        if (vpn < 0 || vpn >= _entries.Length)
            throw new ArgumentOutOfRangeException(nameof(vpn), vpn, $"VPN {vpn} is outside the table of {_entries.Length} entries");
    }

    /// <summary>Translates <paramref name="virtualAddress"/> step by step. O(1): one table read.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside the address space.</exception>
    public AddressTranslation Translate(long virtualAddress)
    {
        if (virtualAddress < 0 || virtualAddress >= AddressSpaceSize)
            throw new ArgumentOutOfRangeException(nameof(virtualAddress), virtualAddress,
                $"virtual address {virtualAddress} is outside the address space of size {AddressSpaceSize}");
        long offsetMask = PageSize - 1;
        int vpn = (int)(virtualAddress >> OffsetBits);
        long offset = virtualAddress & offsetMask;
        var steps = new List<TranslationStep>
        {
            new("split address", vpn, $"VPN = va >> {OffsetBits} = {vpn}; offset = va & 0x{offsetMask:x} = {offset}"),
        };
        uint pte = _entries[vpn];
        bool valid = (pte & ValidBit) != 0;
        steps.Add(new("read PTE", pte, $"entry {vpn} = 0x{pte:x8}: VALID {(valid ? 1 : 0)}, PFN {pte & ~ValidBit}"));
        if (!valid) return new AddressTranslation(virtualAddress, null, TranslationFault.InvalidPageTableEntry, steps);
        long physical = ((long)(pte & ~ValidBit) << OffsetBits) | offset;
        steps.Add(new("form address", physical, $"PFN {pte & ~ValidBit} << {OffsetBits} | offset {offset} = 0x{physical:x}"));
        return new AddressTranslation(virtualAddress, physical, TranslationFault.None, steps);
    }
}
