namespace MemoryCourse.Inspection.ToolReports;

/// <summary>
/// One row of <c>pmap -x</c>: where a mapping starts, its size (Kbytes), how much of it is in RAM (RSS),
/// how much of that was written (Dirty: shared + private dirty pages), its permissions as five characters
/// (<c>r</c>, <c>w</c>, <c>x</c>, <c>s</c> for shared, and a last column that is always <c>-</c> on
/// current kernels) and what backs it (Mapping).
/// </summary>
public sealed record PmapRow(ulong Address, long Kbytes, long Rss, long Dirty, string Mode, string Mapping);
