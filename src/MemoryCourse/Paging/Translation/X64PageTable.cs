namespace MemoryCourse.Paging.Translation;

/// <summary>
/// The x86-64 four-level page table: a 48-bit virtual address splits into four 9-bit indices (PML4, PDPT,
/// PD, PT) and a 12-bit offset; each level is one 4 KiB page of 512 eight-byte entries. A page-directory
/// entry with PS set maps a 2 MiB page directly (three levels, 21-bit offset). Tables are allocated only
/// where something is mapped, so <see cref="TableBytes"/> shows what the tables themselves cost: for a
/// small process a few pages, against 512 GiB of address space per PML4 entry. The walk sets the A bit
/// of every entry it uses and D on writes, and checks P, RW, US and NX, as the hardware does.
/// </summary>
public sealed class X64PageTable
{
    public const int PageShift = 12;
    public const long PageSize = 1L << PageShift;
    public const int LargePageShift = 21;
    public const long LargePageSize = 1L << LargePageShift;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000UL;
    private static readonly string[] LevelNames = ["PML4", "PDPT", "PD", "PT"];

    // Physical memory holding the tables: frame number -> 512 entries. Sparse, since only tables live here.
    private readonly Dictionary<long, ulong[]> _tables = [];
    private long _nextTableFrame;

    /// <summary>An empty table whose PML4 is at physical frame <paramref name="firstTableFrame"/>; later table pages take the following frames.</summary>
    public X64PageTable(long firstTableFrame = 0x1000)
    {
        if (firstTableFrame < 0) throw new ArgumentOutOfRangeException(nameof(firstTableFrame), firstTableFrame, "a frame number cannot be negative");
        _nextTableFrame = firstTableFrame;
        Cr3 = NewTable();
        _tablePagesPerLevel[0] = 1;
    }

    /// <summary>Physical frame of the PML4 (what CR3 holds).</summary>
    public long Cr3 { get; }

    /// <summary>Number of 4 KiB pages the tables occupy, per level (PML4, PDPT, PD, PT).</summary>
    public IReadOnlyList<int> TablePagesPerLevel => _tablePagesPerLevel;
    private readonly int[] _tablePagesPerLevel = [0, 0, 0, 0];

    /// <summary>Bytes of physical memory the page tables use.</summary>
    public long TableBytes => _tables.Count * PageSize;

    private long NewTable()
    {
        long frame = _nextTableFrame++;
        _tables[frame] = new ulong[512];
        return frame;
    }

    /// <summary>True when bits 63..47 of the address are all equal (the only addresses the CPU accepts).</summary>
    public static bool IsCanonical(long virtualAddress) => (virtualAddress >> 47) is 0 or -1;

    /// <summary>The four 9-bit indices and the 12-bit offset of <paramref name="virtualAddress"/>.</summary>
    public static (int Pml4, int Pdpt, int Pd, int Pt, int Offset) Split(long virtualAddress) =>
        ((int)((virtualAddress >> 39) & 511), (int)((virtualAddress >> 30) & 511), (int)((virtualAddress >> 21) & 511),
         (int)((virtualAddress >> 12) & 511), (int)(virtualAddress & 0xFFF));

    /// <summary>
    /// Maps the page containing <paramref name="virtualAddress"/> to the frame at <paramref name="physicalAddress"/>,
    /// 4 KiB or (with <paramref name="large"/>) 2 MiB, allocating the missing table pages on the way.
    /// Present is implied; pass RW/US/NX in <paramref name="flags"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Non-canonical or misaligned addresses, or the page is already mapped.</exception>
    public void Map(long virtualAddress, long physicalAddress, X64PteFlags flags, bool large = false)
    {
        if (!IsCanonical(virtualAddress))
            throw new ArgumentException($"virtual address 0x{virtualAddress:x} is not canonical (bits 63..47 differ)", nameof(virtualAddress));
        long size = large ? LargePageSize : PageSize;
        if ((virtualAddress & (size - 1)) != 0)
            throw new ArgumentException(
                $"virtual address 0x{virtualAddress:x} is not aligned to the {(large ? "2 MiB" : "4 KiB")} page", nameof(virtualAddress));
        if ((physicalAddress & (size - 1)) != 0 || physicalAddress < 0 || ((ulong)physicalAddress & ~AddressMask) != 0)
            throw new ArgumentException($"physical address 0x{physicalAddress:x} is not an aligned address below 2^52", nameof(physicalAddress));
        var idx = Split(virtualAddress);
        int[] indices = [idx.Pml4, idx.Pdpt, idx.Pd, idx.Pt];
        int leafLevel = large ? 2 : 3;
        long table = Cr3;
        for (int level = 0; level < leafLevel; level++)
        {
            ref ulong entry = ref _tables[table][indices[level]];
            if ((entry & (ulong)X64PteFlags.Present) == 0)
            {
                long child = NewTable();
                _tablePagesPerLevel[level + 1]++;
                // Upper levels allow everything; the leaf decides (x86 ANDs the permissions of all levels).
                entry = ((ulong)child << PageShift) | (ulong)(X64PteFlags.Present | X64PteFlags.Writable | X64PteFlags.User);
            }
            else if ((entry & (ulong)X64PteFlags.PageSize) != 0)
                throw new ArgumentException($"virtual address 0x{virtualAddress:x} is inside a mapped 2 MiB page", nameof(virtualAddress));
            table = (long)((entry & AddressMask) >> PageShift);
        }
        ref ulong leaf = ref _tables[table][indices[leafLevel]];
        if ((leaf & (ulong)X64PteFlags.Present) != 0)
            throw new ArgumentException($"virtual address 0x{virtualAddress:x} is already mapped", nameof(virtualAddress));
        leaf = (ulong)physicalAddress | (ulong)(flags | X64PteFlags.Present) | (large ? (ulong)X64PteFlags.PageSize : 0);
    }

    /// <summary>
    /// Walks the four (or three, for a 2 MiB page) levels for one access, recording every step. O(4): at
    /// most four memory reads, which is what a TLB saves.
    /// </summary>
    public X64Walk Walk(long virtualAddress, AccessKind access = AccessKind.Read, bool userMode = true)
    {
        var steps = new List<TranslationStep>();
        var r = WalkCore(virtualAddress, access, userMode, steps);
        return new X64Walk(new AddressTranslation(virtualAddress, r.Fault == TranslationFault.None ? r.PhysicalAddress : null, r.Fault, steps),
            r.Fault == TranslationFault.None ? r.FrameAddress : 0, r.LeafFlags, r.PageShift);
    }

    /// <summary>The same walk without the step-by-step record: no allocation, for simulations of millions of accesses.</summary>
    public X64Resolution Resolve(long virtualAddress, AccessKind access = AccessKind.Read, bool userMode = true) =>
        WalkCore(virtualAddress, access, userMode, null);

    private X64Resolution WalkCore(long virtualAddress, AccessKind access, bool userMode, List<TranslationStep>? steps)
    {
        if (!IsCanonical(virtualAddress))
        {
            steps?.Add(new("check canonical", virtualAddress, $"0x{virtualAddress:x}: bits 63..47 are not all equal"));
            return new X64Resolution(TranslationFault.OutOfBounds, 0, 0, X64PteFlags.None, 0);
        }
        Span<int> indices =
        [
            (int)((virtualAddress >> 39) & 511), (int)((virtualAddress >> 30) & 511),
            (int)((virtualAddress >> 21) & 511), (int)((virtualAddress >> 12) & 511),
        ];
        steps?.Add(new("split address", virtualAddress,
            $"PML4 {indices[0]}, PDPT {indices[1]}, PD {indices[2]}, PT {indices[3]}, offset 0x{virtualAddress & 0xFFF:x3}"));
        long table = Cr3;
        for (int level = 0; level < 4; level++)
        {
            ulong[] page = _tables[table];
            ulong entry = page[indices[level]];
            var flags = (X64PteFlags)entry & ~(X64PteFlags)AddressMask;
            steps?.Add(new($"read {LevelNames[level]}E", (long)entry, $"frame 0x{table:x} entry {indices[level]} = 0x{entry:x16} ({Describe(flags)})"));
            if ((flags & X64PteFlags.Present) == 0) return new X64Resolution(TranslationFault.NotPresent, 0, 0, flags, 0);
            page[indices[level]] = entry | (ulong)X64PteFlags.Accessed;
            bool leaf = level == 3 || (level == 2 && (flags & X64PteFlags.PageSize) != 0);
            if (!leaf)
            {
                table = (long)((entry & AddressMask) >> PageShift);
                continue;
            }
            int shift = level == 3 ? PageShift : LargePageShift;
            string? denied = Denied(flags, access, userMode);
            if (denied is not null)
            {
                steps?.Add(new("check permissions", (long)flags, denied));
                return new X64Resolution(TranslationFault.ProtectionViolation, 0, 0, flags, shift);
            }
            if (access == AccessKind.Write) page[indices[level]] |= (ulong)X64PteFlags.Dirty;
            long offsetMask = (1L << shift) - 1;
            long frameAddress = (long)(entry & AddressMask) & ~offsetMask;
            long physical = frameAddress | (virtualAddress & offsetMask);
            steps?.Add(new("form address", physical,
                $"frame 0x{frameAddress:x} + offset 0x{virtualAddress & offsetMask:x} ({(shift == PageShift ? "4 KiB" : "2 MiB")} page)"));
            return new X64Resolution(TranslationFault.None, physical, frameAddress, flags, shift);
        }
        throw new InvalidOperationException("unreachable: the PT level is always a leaf");
    }

    /// <summary>Why the leaf's permissions refuse <paramref name="access"/>, or null when they allow it.</summary>
    public static string? Denied(X64PteFlags flags, AccessKind access, bool userMode) => access switch
    {
        AccessKind.Write when (flags & X64PteFlags.Writable) == 0 => "write to a read-only page",
        AccessKind.Execute when (flags & X64PteFlags.NoExecute) != 0 => "execute from a no-execute page",
        _ when userMode && (flags & X64PteFlags.User) == 0 => "user-mode access to a supervisor page",
        _ => null,
    };

    /// <summary>The flags of the leaf entry mapping <paramref name="virtualAddress"/>, or null when unmapped (no A/D side effects).</summary>
    public X64PteFlags? LeafFlags(long virtualAddress)
    {
        if (!IsCanonical(virtualAddress)) return null;
        var idx = Split(virtualAddress);
        int[] indices = [idx.Pml4, idx.Pdpt, idx.Pd, idx.Pt];
        long table = Cr3;
        for (int level = 0; level < 4; level++)
        {
            ulong entry = _tables[table][indices[level]];
            var flags = (X64PteFlags)entry & ~(X64PteFlags)AddressMask;
            if ((flags & X64PteFlags.Present) == 0) return null;
            if (level == 3 || (flags & X64PteFlags.PageSize) != 0) return flags;
            table = (long)((entry & AddressMask) >> PageShift);
        }
        return null;
    }

    private static string Describe(X64PteFlags f) =>
        (f & X64PteFlags.Present) == 0 ? "not present"
        : string.Join(" ", new[] { "P", (f & X64PteFlags.Writable) != 0 ? "RW" : "RO", (f & X64PteFlags.User) != 0 ? "US" : "S",
            (f & X64PteFlags.Accessed) != 0 ? "A" : null, (f & X64PteFlags.Dirty) != 0 ? "D" : null,
            (f & X64PteFlags.PageSize) != 0 ? "PS" : null, (f & X64PteFlags.NoExecute) != 0 ? "NX" : null }.Where(s => s is not null));
}

/// <summary>An x86-64 walk's outcome without the steps (see <see cref="X64PageTable.Resolve"/>).</summary>
/// <param name="Fault">Why it failed, or None.</param>
/// <param name="PhysicalAddress">The translated address when it succeeded.</param>
/// <param name="FrameAddress">Physical address of the page when it succeeded.</param>
/// <param name="LeafFlags">Flags of the leaf entry (or of the entry where the walk stopped).</param>
/// <param name="PageShift">12 or 21 when a leaf was reached, else 0.</param>
public readonly record struct X64Resolution(TranslationFault Fault, long PhysicalAddress, long FrameAddress, X64PteFlags LeafFlags, int PageShift);

/// <summary>An x86-64 walk's result: the translation plus what a TLB would cache from the leaf entry.</summary>
/// <param name="Translation">The translation with its steps.</param>
/// <param name="FrameAddress">Physical address of the page (4 KiB or 2 MiB aligned), when it succeeded.</param>
/// <param name="LeafFlags">The leaf entry's flags (or the entry where the walk stopped).</param>
/// <param name="PageShift">12 for a 4 KiB page, 21 for a 2 MiB page, 0 when no leaf was reached.</param>
public sealed record X64Walk(AddressTranslation Translation, long FrameAddress, X64PteFlags LeafFlags, int PageShift);
