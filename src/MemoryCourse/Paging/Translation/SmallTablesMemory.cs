namespace MemoryCourse.Paging.Translation;

/// <summary>
/// OSTEP's "small tables" machine (paging-multilevel-translate.py): a 15-bit virtual address space of
/// 1024 pages of 32 bytes, 4 KiB of physical memory (128 frames), and a two-level page table kept in that
/// same memory. A virtual address splits into a 5-bit page-directory index, a 5-bit page-table index and
/// a 5-bit offset; each page-directory entry (PDE) and page-table entry (PTE) is one byte, bit 7 VALID and
/// bits 6..0 a frame number. The page directory lives in frame <see cref="Pdbr"/>. Page-table pages are
/// only allocated where some page under them is used, which is how multi-level tables save memory.
/// </summary>
public sealed class SmallTablesMemory
{
    public const int PageSize = 32;
    public const int PhysicalPages = 128;
    public const int VirtualPages = 1024;
    public const int AddressSpaceSize = PageSize * VirtualPages;
    /// <summary>What a fresh page-directory or page-table page is filled with: invalid, PFN 127.</summary>
    public const byte EmptyEntry = 0x7f;

    private readonly byte[] _memory = new byte[PageSize * PhysicalPages];

    /// <summary>Physical memory with the page directory at frame <paramref name="pdbr"/>, all its entries invalid.</summary>
    public SmallTablesMemory(int pdbr)
    {
        CheckFrame(pdbr, nameof(pdbr));
        Pdbr = pdbr;
        FillTablePage(pdbr);
    }

    /// <summary>The page-directory base register: the frame holding the page directory.</summary>
    public int Pdbr { get; }

    /// <summary>All of physical memory, byte by byte (frame f is bytes 32f..32f+31).</summary>
    public IReadOnlyList<byte> Memory => _memory;

    /// <summary>Writes one byte of physical memory.</summary>
    public void Write(int physicalAddress, byte value)
    {
        if (physicalAddress < 0 || physicalAddress >= _memory.Length)
            throw new ArgumentOutOfRangeException(nameof(physicalAddress), physicalAddress,
                $"physical address {physicalAddress} is outside the {_memory.Length}-byte memory");
        _memory[physicalAddress] = value;
    }

    /// <summary>Makes frame <paramref name="frame"/> a page of invalid entries (0x7f each).</summary>
    public void FillTablePage(int frame)
    {
        CheckFrame(frame, nameof(frame));
        Array.Fill(_memory, EmptyEntry, frame * PageSize, PageSize);
    }

    /// <summary>The byte address of the PDE for <paramref name="virtualAddress"/>.</summary>
    public int PdeAddress(int virtualAddress) => (Pdbr << 5) | ((virtualAddress & 0x7c00) >> 10);

    /// <summary>
    /// Maps virtual page <paramref name="vpn"/> to <paramref name="frame"/>. When its PDE is not valid yet,
    /// <paramref name="allocateTablePage"/> is asked for a frame to hold the new page-table page.
    /// </summary>
    public void Map(int vpn, int frame, Func<int> allocateTablePage)
    {
        if (vpn < 0 || vpn >= VirtualPages) throw new ArgumentOutOfRangeException(nameof(vpn), vpn, $"VPN {vpn} is outside 0..{VirtualPages - 1}");
        CheckFrame(frame, nameof(frame));
        int va = vpn << 5;
        int pdeAddress = PdeAddress(va);
        byte pde = _memory[pdeAddress];
        int tablePage;
        if ((pde & 0x80) == 0)
        {
            tablePage = allocateTablePage();
            CheckFrame(tablePage, nameof(allocateTablePage));
            _memory[pdeAddress] = (byte)(0x80 | tablePage);
            FillTablePage(tablePage);
        }
        else tablePage = pde & 0x7f;
        int pteAddress = (tablePage << 5) | ((va & 0x03e0) >> 5);
        if ((_memory[pteAddress] & 0x80) != 0) throw new InvalidOperationException($"virtual page {vpn} is already mapped");
        _memory[pteAddress] = (byte)(0x80 | frame);
    }

    /// <summary>
    /// Walks the two levels for <paramref name="virtualAddress"/>: read the PDE, then (if valid) the PTE,
    /// then (if valid) the byte at the physical address. Two memory reads for the translation itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside the 15-bit space.</exception>
    public SmallTablesWalk Walk(int virtualAddress)
    {
        if (virtualAddress < 0 || virtualAddress >= AddressSpaceSize)
            throw new ArgumentOutOfRangeException(nameof(virtualAddress), virtualAddress,
                $"virtual address {virtualAddress} is outside the 15-bit address space (0..{AddressSpaceSize - 1})");
        int pdeIndex = (virtualAddress & 0x7c00) >> 10, pteIndex = (virtualAddress & 0x03e0) >> 5, offset = virtualAddress & 0x1f;
        var steps = new List<TranslationStep>
        {
            new("split address", virtualAddress, $"PDE index {pdeIndex}, PTE index {pteIndex}, offset {offset}"),
        };
        byte pde = _memory[PdeAddress(virtualAddress)];
        steps.Add(new("read PDE", pde, $"page {Pdbr} byte {pdeIndex} = 0x{pde:x2}: valid {pde >> 7}, PFN {pde & 0x7f}"));
        if ((pde & 0x80) == 0)
            return new SmallTablesWalk(
                new AddressTranslation(virtualAddress, null, TranslationFault.InvalidDirectoryEntry, steps), pdeIndex, pde, pteIndex, null, null);
        int pteAddress = ((pde & 0x7f) << 5) | pteIndex;
        byte pte = _memory[pteAddress];
        steps.Add(new("read PTE", pte, $"page {pde & 0x7f} byte {pteIndex} = 0x{pte:x2}: valid {pte >> 7}, PFN {pte & 0x7f}"));
        if ((pte & 0x80) == 0)
            return new SmallTablesWalk(
                new AddressTranslation(virtualAddress, null, TranslationFault.InvalidPageTableEntry, steps), pdeIndex, pde, pteIndex, pte, null);
        int physical = ((pte & 0x7f) << 5) | offset;
        steps.Add(new("read value", _memory[physical], $"PFN {pte & 0x7f} << 5 | offset {offset} = 0x{physical:x3}, holding 0x{_memory[physical]:x2}"));
        return new SmallTablesWalk(
            new AddressTranslation(virtualAddress, physical, TranslationFault.None, steps), pdeIndex, pde, pteIndex, pte, _memory[physical]);
    }

    private static void CheckFrame(int frame, string what)
    {
        if (frame < 0 || frame >= PhysicalPages) throw new ArgumentOutOfRangeException(what, frame, $"frame {frame} is outside 0..{PhysicalPages - 1}");
    }
}

/// <summary>A two-level walk's result with the raw entries read, for printing as OSTEP does.</summary>
/// <param name="Translation">The translation with its steps.</param>
/// <param name="PdeIndex">Index into the page directory (VA bits 14..10).</param>
/// <param name="Pde">The page-directory entry read.</param>
/// <param name="PteIndex">Index into the page-table page (VA bits 9..5).</param>
/// <param name="Pte">The page-table entry read, if the PDE was valid.</param>
/// <param name="Value">The byte at the physical address, if the translation succeeded.</param>
public sealed record SmallTablesWalk(AddressTranslation Translation, int PdeIndex, byte Pde, int PteIndex, byte? Pte, byte? Value);
