namespace MemoryCourse.Paging.Translation;

/// <summary>
/// Why a translation did not produce a physical address. <see cref="None"/> means it did. The names follow
/// the hardware's view: a bounds or segment-limit check failed, a page-table entry was not valid (the OS
/// must handle a page fault), or the entry forbade the access (a protection fault).
/// </summary>
public enum TranslationFault
{
    None,
    OutOfBounds,
    SegmentViolation,
    InvalidDirectoryEntry,
    InvalidPageTableEntry,
    NotPresent,
    ProtectionViolation,
}
