using MemoryCourse.Translation;

namespace MemoryCourse.Tlb;

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

    /// <summary>Translates one access, through the TLB when it can.</summary>
    public MmuAccess Translate(long virtualAddress, AccessKind access = AccessKind.Read, bool userMode = true)
    {
        if (Tlb.Lookup(virtualAddress) is TlbEntry e)
        {
            string? denied = access switch
            {
                AccessKind.Write when !e.Writable => "write to a read-only page",
                AccessKind.Execute when !e.Executable => "execute from a no-execute page",
                _ when userMode && !e.User => "user-mode access to a supervisor page",
                _ => null,
            };
            long offset = virtualAddress & ((1L << e.PageShift) - 1);
            var step = new TranslationStep("TLB hit", e.FrameAddress, $"page 0x{e.Tag:x} ({(e.PageShift == 12 ? "4 KiB" : "2 MiB")}) cached at frame 0x{e.FrameAddress:x}");
            // A write through a clean cached entry makes the hardware set D in the PTE; the model does a walk for it.
            if (denied is null && access == AccessKind.Write) PageTable.Walk(virtualAddress, access, userMode);
            return denied is null
                ? new MmuAccess(new AddressTranslation(virtualAddress, e.FrameAddress | offset, TranslationFault.None, [step]), true)
                : new MmuAccess(new AddressTranslation(virtualAddress, null, TranslationFault.ProtectionViolation, [step, new("check permissions", 0, denied)]), true);
        }
        Walks++;
        var walk = PageTable.Walk(virtualAddress, access, userMode);
        if (walk.Translation.IsValid)
        {
            var f = walk.LeafFlags;
            Tlb.Insert(new TlbEntry(virtualAddress >> walk.PageShift, walk.PageShift, walk.FrameAddress,
                (f & X64PteFlags.Writable) != 0, (f & X64PteFlags.User) != 0, (f & X64PteFlags.NoExecute) == 0));
        }
        return new MmuAccess(walk.Translation, false);
    }

    /// <summary>Switches to another address space: new page table, empty TLB.</summary>
    public void ContextSwitch(X64PageTable next)
    {
        PageTable = next;
        Tlb.Flush();
    }
}

/// <summary>One access through the MMU: the translation and whether the TLB answered it.</summary>
public sealed record MmuAccess(AddressTranslation Translation, bool TlbHit);
