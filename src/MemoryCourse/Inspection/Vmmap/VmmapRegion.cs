namespace MemoryCourse.Inspection.Vmmap;

/// <summary>
/// One region line of macOS <c>vmmap PID</c>, e.g.
/// <c>MALLOC (heap)    600040000-601800000  [ 24.5M  22.3M 22.3M  0K] rw-/rw- SM=PRV</c>: the region type,
/// its address range, four sizes in brackets (virtual, resident, dirty, swapped), the current and
/// maximum protection, the share mode (<c>COW</c> copy-on-write, <c>PRV</c> private, <c>NUL</c> nothing
/// mapped, <c>ZER</c> zero-filled, <c>SHM</c> shared) and a detail (a file path or a description).
/// Sizes are parsed from vmmap's rounded text (<c>35.3M</c>), so they are approximate;
/// <see cref="RangeBytes"/> is exact, and <see cref="SizeAgreesWithRange"/> tells whether the two agree
/// within the rounding.
/// </summary>
public sealed record VmmapRegion(
    string Type,
    ulong Start,
    ulong End,
    long VirtualBytes,
    long ResidentBytes,
    long DirtyBytes,
    long SwappedBytes,
    string Protection,
    string MaxProtection,
    string ShareMode,
    string Detail)
{
    /// <summary>Size computed from the address range.</summary>
    public long RangeBytes => (long)(End - Start);

    /// <summary>True when the bracketed virtual size matches the range within vmmap's rounding (5%, at least 1 kB).</summary>
    public bool SizeAgreesWithRange => Math.Abs(RangeBytes - VirtualBytes) <= Math.Max(1024, RangeBytes / 50);

    /// <summary>The Linux /proc/PID/maps counterpart of this kind of region.</summary>
    public VmmapCounterpart LinuxCounterpart => VmmapCounterpart.For(this);
}
