namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// <c>/proc/meminfo</c>: the whole machine's memory, in kB (the <c>HugePages_*</c> lines are page counts
/// with no unit). MemFree is RAM nobody uses; MemAvailable is the kernel's estimate of what could be given
/// to programs without swapping (free + reclaimable cache), which is the better "how much is left" figure.
/// Buffers and Cached are the page cache; SReclaimable is kernel slab memory that can be dropped.
/// </summary>
public sealed record Meminfo(ProcFieldSet Fields)
{
    public long MemTotal => Fields.Number("MemTotal");
    public long MemFree => Fields.Number("MemFree");
    /// <summary>Absent before Linux 3.14; then 0.</summary>
    public long MemAvailable => Fields.NumberOrZero("MemAvailable");
    public long Buffers => Fields.NumberOrZero("Buffers");
    public long Cached => Fields.NumberOrZero("Cached");
    public long SReclaimable => Fields.NumberOrZero("SReclaimable");
    public long Shmem => Fields.NumberOrZero("Shmem");
    public long SwapTotal => Fields.NumberOrZero("SwapTotal");
    public long SwapFree => Fields.NumberOrZero("SwapFree");
    public long Active => Fields.NumberOrZero("Active");
    public long Inactive => Fields.NumberOrZero("Inactive");
    public long AnonPages => Fields.NumberOrZero("AnonPages");
    public long AnonHugePages => Fields.NumberOrZero("AnonHugePages");
    public long CommitLimit => Fields.NumberOrZero("CommitLimit");
    public long CommittedAs => Fields.NumberOrZero("Committed_AS");
    /// <summary>Pre-reserved hugetlbfs pages (a count, not kB).</summary>
    public long HugePagesTotal => Fields.NumberOrZero("HugePages_Total");
    public long HugepagesizeKb => Fields.NumberOrZero("Hugepagesize");

    /// <summary>Parses meminfo text.</summary>
    public static Meminfo Parse(string text, string source = "meminfo") => new(ProcFieldSet.Parse(text, source));

    /// <summary>Reads this machine's /proc/meminfo.</summary>
    public static Meminfo ForSystem()
    {
        string path = ProcFs.PathOf("meminfo");
        return Parse(ProcFs.ReadText(path), path);
    }
}
