namespace MemoryCourse.Paging.Tlb;

/// <summary>
/// One cached translation: the virtual page (<see cref="Tag"/> = virtual address &gt;&gt; <see cref="PageShift"/>),
/// the physical address of its frame, and the permissions copied from the leaf page-table entry, so a hit
/// can be checked without walking the table.
/// </summary>
/// <param name="Tag">Virtual page number at this entry's page size.</param>
/// <param name="PageShift">12 for a 4 KiB page, 21 for a 2 MiB page.</param>
/// <param name="FrameAddress">Physical address of the page's first byte.</param>
/// <param name="Writable">Writes allowed.</param>
/// <param name="User">User-mode access allowed.</param>
/// <param name="Executable">Instruction fetch allowed.</param>
public readonly record struct TlbEntry(long Tag, int PageShift, long FrameAddress, bool Writable, bool User, bool Executable);
