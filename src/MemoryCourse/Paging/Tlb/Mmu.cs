using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Paging.Tlb;

/// <summary>
/// The memory-management unit of the course's x86-64 machine: every access first asks the TLB; on a hit
/// the cached frame and permissions answer at once, on a miss the four-level walk runs and a successful
/// translation is cached. A context switch flushes the TLB. The result of a translation never depends on
/// whether it hit, only its cost does.
/// </summary>
public sealed class Mmu
{
    public Mmu(X64PageTable pageTable, TranslationLookasideBuffer tlb)
    {
        PageTable = pageTable;
        Tlb = tlb;
    }

    public X64PageTable PageTable { get; private set; }
    public TranslationLookasideBuffer Tlb { get; }
    /// <summary>Page walks done (one per TLB miss); each costs up to four memory reads.</summary>
    public long Walks { get; private set; }

    /// <summary>Translates one access, through the TLB when it can, with the steps for a table.</summary>
    public MmuAccess Translate(long virtualAddress, AccessKind access = AccessKind.Read, bool userMode = true)
    {
        if (Tlb.Lookup(virtualAddress) is TlbEntry e)
        {
            var hit = FromEntry(e, virtualAddress, access, userMode);
            var step = new TranslationStep("TLB hit", e.FrameAddress,
                $"page 0x{e.Tag:x} ({(e.PageShift == 12 ? "4 KiB" : "2 MiB")}) cached at frame 0x{e.FrameAddress:x}");
            return hit.Fault == TranslationFault.None
                ? new MmuAccess(new AddressTranslation(virtualAddress, hit.PhysicalAddress, TranslationFault.None, [step]), true)
                : new MmuAccess(new AddressTranslation(virtualAddress, null, hit.Fault,
                    [step, new("check permissions", 0, X64PageTable.Denied(Flags(e), access, userMode)!)]), true);
        }
        Walks++;
        var walk = PageTable.Walk(virtualAddress, access, userMode);
        if (walk.Translation.IsValid) Cache(virtualAddress, walk.PageShift, walk.FrameAddress, walk.LeafFlags);
        return new MmuAccess(walk.Translation, false);
    }

    /// <summary>
    /// The same translation without recording steps: no allocation, O(ways) on a TLB hit and a table walk
    /// on a miss. This is what a simulation of millions of accesses uses.
    /// </summary>
    public MmuResult Access(long virtualAddress, AccessKind access = AccessKind.Read, bool userMode = true)
    {
        if (Tlb.Lookup(virtualAddress) is TlbEntry e) return FromEntry(e, virtualAddress, access, userMode);
        Walks++;
        var r = PageTable.Resolve(virtualAddress, access, userMode);
        if (r.Fault == TranslationFault.None) Cache(virtualAddress, r.PageShift, r.FrameAddress, r.LeafFlags);
        return new MmuResult(r.PhysicalAddress, r.Fault, false);
    }

    private MmuResult FromEntry(TlbEntry e, long virtualAddress, AccessKind access, bool userMode)
    {
        if (X64PageTable.Denied(Flags(e), access, userMode) is not null) return new MmuResult(0, TranslationFault.ProtectionViolation, true);
        // A write through a cached entry makes the hardware set D in the PTE; the model walks quietly for it.
        if (access == AccessKind.Write) PageTable.Resolve(virtualAddress, access, userMode);
        return new MmuResult(e.FrameAddress | (virtualAddress & ((1L << e.PageShift) - 1)), TranslationFault.None, true);
    }

    private static X64PteFlags Flags(TlbEntry e) =>
        (e.Writable ? X64PteFlags.Writable : 0) | (e.User ? X64PteFlags.User : 0) | (e.Executable ? 0 : X64PteFlags.NoExecute);

    private void Cache(long virtualAddress, int shift, long frameAddress, X64PteFlags f) =>
        Tlb.Insert(new TlbEntry(virtualAddress >> shift, shift, frameAddress,
            (f & X64PteFlags.Writable) != 0, (f & X64PteFlags.User) != 0, (f & X64PteFlags.NoExecute) == 0));

    /// <summary>Switches to another address space: new page table, empty TLB.</summary>
    public void ContextSwitch(X64PageTable next)
    {
        PageTable = next;
        Tlb.Flush();
    }
}

/// <summary>One access through the MMU without steps: physical address (when Fault is None), fault, TLB hit.</summary>
public readonly record struct MmuResult(long PhysicalAddress, TranslationFault Fault, bool TlbHit);

/// <summary>One access through the MMU: the translation and whether the TLB answered it.</summary>
public sealed record MmuAccess(AddressTranslation Translation, bool TlbHit);
