using System.Globalization;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.ToolReports;

/// <summary>
/// The memory columns top shows for a process, in kB: VIRT = VmSize (everything mapped, reservations
/// included), RES = VmRSS (resident), SHR = RssFile + RssShmem (the resident part that could be shared
/// with other processes: file pages and shared memory), %MEM = RES / MemTotal.
/// </summary>
public sealed record TopFigures(long VirtKb, long ResKb, long ShrKb, double MemPercent)
{
    /// <summary>
    /// Derives the figures from a process's status and the machine's meminfo. A missing field, or RssFile + RssShmem
    /// beyond 64 bits, is a <see cref="FormatException"/> naming the file.
    /// </summary>
    public static TopFigures From(ProcStatus status, Meminfo meminfo)
    {
        long shared;
        try { shared = checked(status.RssFile + status.RssShmem); }
        catch (OverflowException) { throw new FormatException($"{status.Fields.Source}: RssFile + RssShmem is more than a 64-bit number holds"); }
        return new(status.VmSize, status.VmRss, shared, meminfo.MemTotal == 0 ? 0 : 100.0 * status.VmRss / meminfo.MemTotal);
    }

    /// <summary>The three columns and %MEM formatted as top's batch mode prints them (VIRT 7 wide, RES and SHR 6).</summary>
    public string[] Columns() =>
    [
        Scale(VirtKb, 7), Scale(ResKb, 6), Scale(ShrKb, 6),
        MemPercent.ToString("0.0", CultureInfo.InvariantCulture),
    ];

    /// <summary>
    /// How top fits a kB value into a column: the plain number if it fits, otherwise the first of MiB,
    /// GiB, TiB, PiB with one decimal that fits (52567320 kB in 7 columns is <c>50.1g</c>).
    /// </summary>
    public static string Scale(long kb, int width)
    {
        string plain = kb.ToString(CultureInfo.InvariantCulture);
        if (plain.Length <= width) return plain;
        double value = kb;
        foreach (char unit in "mgtpe")
        {
            value /= 1024;
            string s = value.ToString("0.0", CultureInfo.InvariantCulture) + unit;
            if (s.Length <= width) return s;
        }
        return plain;
    }
}
