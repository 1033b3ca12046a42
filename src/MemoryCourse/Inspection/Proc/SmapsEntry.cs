namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// One block of <c>/proc/PID/smaps</c>: a maps line followed by the kernel's page-by-page accounting of
/// that range. Sizes are in kB. <see cref="RssKb"/> is what is in RAM now; <see cref="PssKb"/> divides
/// each shared page by the number of processes sharing it; Dirty pages have been written and would have
/// to be saved before the RAM could be reused. The same record holds <c>smaps_rollup</c>, whose single
/// block sums every mapping (its header line is a pseudo-range named <c>[rollup]</c>).
/// </summary>
public sealed record SmapsEntry(MapsEntry Mapping, ProcFieldSet Fields, IReadOnlyList<string> VmFlags)
{
    public long SizeKb => Fields.Number("Size");
    public long RssKb => Fields.Number("Rss");
    public long PssKb => Fields.NumberOrZero("Pss");
    public long SharedCleanKb => Fields.NumberOrZero("Shared_Clean");
    public long SharedDirtyKb => Fields.NumberOrZero("Shared_Dirty");
    public long PrivateCleanKb => Fields.NumberOrZero("Private_Clean");
    public long PrivateDirtyKb => Fields.NumberOrZero("Private_Dirty");
    public long AnonymousKb => Fields.NumberOrZero("Anonymous");
    public long SwapKb => Fields.NumberOrZero("Swap");

    /// <summary>Anonymous memory backed by transparent huge pages (2 MiB). The range's KernelPageSize still says 4 kB.</summary>
    public long AnonHugePagesKb => Fields.NumberOrZero("AnonHugePages");

    /// <summary>The page size the kernel uses for this range (4 kB except for hugetlbfs mappings).</summary>
    public long KernelPageSizeKb => Fields.NumberOrZero("KernelPageSize");

    /// <summary>Written pages, shared or private: the figure pmap -x prints as Dirty.</summary>
    public long DirtyKb
    {
        get
        {
            long shared = SharedDirtyKb, own = PrivateDirtyKb;
            return own <= long.MaxValue - shared ? shared + own
                : throw new FormatException($"{Fields.Source}: Shared_Dirty {shared} kB and Private_Dirty {own} kB add up to more than 64 bits hold");
        }
    }

    /// <summary>Whether the range may use transparent huge pages (<c>THPeligible</c>, a 0/1 count with no unit); null if absent.</summary>
    public bool? ThpEligible => Fields.Find("THPeligible")?.Number is long n ? n != 0 : null;
}
