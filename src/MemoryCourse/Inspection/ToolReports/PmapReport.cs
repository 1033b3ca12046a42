using System.Text;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.ToolReports;

/// <summary>
/// The report procps prints for <c>pmap -x PID</c>, rebuilt from <c>/proc/PID/smaps</c>: same rows, same
/// totals, same text. pmap's figures are smaps's: Kbytes = Size, RSS = Rss, Dirty = Shared_Dirty +
/// Private_Dirty. The Mapping column shows a file's base name (its full path with <c>-p</c>), keeps a
/// <c> (deleted)</c> suffix, prints <c>[stack]</c> as <c>  [ stack ]</c> and every other kernel or
/// anonymous area (<c>[heap]</c>, <c>[vdso]</c>, <c>[vvar]</c>, <c>[vsyscall]</c>, no name) as
/// <c>  [ anon ]</c>. The total Kbytes is VmSize + 4: <c>[vsyscall]</c> is listed but is not part of the
/// process's own address space.
/// </summary>
public sealed record PmapReport(int Pid, string CommandLine, IReadOnlyList<PmapRow> Rows)
{
    public long TotalKbytes => Rows.Sum(r => r.Kbytes);
    public long TotalRss => Rows.Sum(r => r.Rss);
    public long TotalDirty => Rows.Sum(r => r.Dirty);

    /// <summary>
    /// Builds the report from parsed smaps. <paramref name="fullPaths"/> is pmap's <c>-p</c>. Sizes that add up
    /// beyond 64 bits are a <see cref="FormatException"/> naming <paramref name="source"/> (default: the pid's smaps).
    /// </summary>
    public static PmapReport FromSmaps(int pid, string commandLine, IEnumerable<SmapsEntry> smaps, bool fullPaths = false, string? source = null)
    {
        try
        {
            var report = new PmapReport(pid, commandLine, smaps.Select(s => new PmapRow(
                s.Mapping.Start, s.SizeKb, s.RssKb, s.DirtyKb, Mode(s.Mapping), MappingName(s.Mapping, fullPaths))).ToArray());
            _ = (report.TotalKbytes, report.TotalRss, report.TotalDirty); // Sum is checked: an overflow shows here, not in the text
            return report;
        }
        catch (OverflowException)
        {
            throw new FormatException($"{source ?? ProcFs.PathOf(pid, "smaps")}: the sizes add up to more than a 64-bit number holds");
        }
    }

    /// <summary>Builds the report from a snapshot (live or captured).</summary>
    public static PmapReport FromSnapshot(ProcSnapshot snapshot, bool fullPaths = false) =>
        FromSmaps(snapshot.Pid, snapshot.CommandLine, snapshot.Smaps, fullPaths, snapshot.Source);

    /// <summary>
    /// Reads a live process's smaps and builds its report (what <c>pmap -x PID</c> does). Unlike pmap, which prints
    /// an empty table, a zombie, a kernel thread, or a process that exits while it is being read is a
    /// <see cref="ProcUnavailableException"/> saying which (see <see cref="ProcessStat.ReadWhileRunning{T}"/>).
    /// </summary>
    public static PmapReport ForProcess(int pid, bool fullPaths = false) =>
        ProcessStat.ReadWhileRunning(pid, () => FromSmaps(pid, ProcFs.ReadCommandLine(pid), SmapsReader.ForProcess(pid), fullPaths));

    /// <summary>pmap's five-character mode: the maps permissions with <c>s</c>/<c>-</c> for shared/private, then <c>-</c>.</summary>
    public static string Mode(MapsEntry m) =>
        $"{m.Permissions[0]}{m.Permissions[1]}{m.Permissions[2]}{(m.IsShared ? 's' : '-')}-";

    /// <summary>pmap's Mapping column for one maps pathname.</summary>
    public static string MappingName(MapsEntry m, bool fullPaths = false)
    {
        if (m.Path == "[stack]") return "  [ stack ]";
        if (m.Path.Length == 0 || m.IsPseudo) return "  [ anon ]";
        if (fullPaths) return m.Path;
        // The base name is taken after the last '/', so "/memfd:x (deleted)" becomes "memfd:x (deleted)".
        int slash = m.Path.LastIndexOf('/');
        return slash >= 0 ? m.Path[(slash + 1)..] : m.Path;
    }

    /// <summary>The report as pmap prints it. Columns are right-aligned to pmap's widths and simply grow
    /// when a number does not fit (a 49 GB reservation pushes its row one character right).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(Pid).Append(":   ").Append(CommandLine).Append('\n');
        sb.Append("Address           Kbytes     RSS   Dirty Mode  Mapping\n");
        foreach (var r in Rows)
            sb.Append($"{r.Address:x16} {r.Kbytes,7} {r.Rss,7} {r.Dirty,7} {r.Mode} {r.Mapping}\n");
        sb.Append("---------------- ------- ------- ------- \n");
        sb.Append($"{"total kB",-16} {TotalKbytes,7} {TotalRss,7} {TotalDirty,7}\n");
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
