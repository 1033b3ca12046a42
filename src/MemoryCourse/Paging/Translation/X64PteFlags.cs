namespace MemoryCourse.Paging.Translation;

/// <summary>
/// The x86-64 page-table entry bits the course models. P: present (else any access faults). RW: writes
/// allowed. US: user-mode access allowed. A: accessed, set by the hardware on every walk through the entry.
/// D: dirty, set on a write to the page (leaf entries). PS: page size, set in a page-directory entry that
/// maps a 2 MiB page directly. NX: no-execute (bit 63). Bits 51..12 hold the physical address.
/// </summary>
[Flags]
public enum X64PteFlags : ulong
{
    None = 0,
    Present = 1UL << 0,
    Writable = 1UL << 1,
    User = 1UL << 2,
    Accessed = 1UL << 5,
    Dirty = 1UL << 6,
    PageSize = 1UL << 7,
    NoExecute = 1UL << 63,
}

/// <summary>What an access wants to do with the memory: the walk checks RW, US and NX against it.</summary>
public enum AccessKind
{
    Read,
    Write,
    Execute,
}
