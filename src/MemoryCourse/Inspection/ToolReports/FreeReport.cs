using System.Text;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.ToolReports;

/// <summary>
/// The figures of <c>free</c>, derived from /proc/meminfo the way procps-ng 4 does, in kB:
/// buff/cache = Buffers + Cached + SReclaimable; used = total - available (older procps printed
/// total - free - buff/cache, so "used" differs between versions); shared = Shmem; available =
/// MemAvailable. Swap used = SwapTotal - SwapFree.
/// </summary>
public sealed record FreeReport(long Total, long Used, long Free, long Shared, long BuffCache, long Available,
    long SwapTotal, long SwapUsed, long SwapFree)
{
    /// <summary>The report of a meminfo; figures that add up beyond 64 bits are a <see cref="FormatException"/> naming its source.</summary>
    public static FreeReport From(Meminfo m)
    {
        try { return Compute(m); }
        catch (OverflowException) { throw new FormatException($"{m.Fields.Source}: the figures add up to more than a 64-bit number holds"); }
    }

    private static FreeReport Compute(Meminfo m)
    {
        long buffCache = checked(m.Buffers + m.Cached + m.SReclaimable);
        // Kernels before 3.14 have no MemAvailable; procps then estimates it, here free + buff/cache stands in.
        long available = m.Fields.Contains("MemAvailable") ? m.MemAvailable : checked(m.MemFree + buffCache);
        return new FreeReport(m.MemTotal, m.MemTotal - available, m.MemFree, m.Shmem, buffCache, available,
            m.SwapTotal, m.SwapTotal - m.SwapFree, m.SwapFree);
    }

    /// <summary>The report as <c>free -k</c> prints it.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append($"{"",-8}{"total",12}{"used",12}{"free",12}{"shared",12}{"buff/cache",12}{"available",12}\n");
        sb.Append($"{"Mem:",-8}{Total,12}{Used,12}{Free,12}{Shared,12}{BuffCache,12}{Available,12}\n");
        sb.Append($"{"Swap:",-8}{SwapTotal,12}{SwapUsed,12}{SwapFree,12}\n");
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
