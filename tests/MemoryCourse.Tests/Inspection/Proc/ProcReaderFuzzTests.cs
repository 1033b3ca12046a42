using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Tests.Inspection.Proc;

/// <summary>
/// Malformed /proc files (see <see cref="TextMutations"/>): every reader and the reports built on it return or
/// throw a <see cref="FormatException"/> that names the file, and the line where there is one.
/// </summary>
public class ProcReaderFuzzTests
{
    private static string Sample(params string[] parts) => File.ReadAllText(RepositoryFiles.InRepo(["data", "proc", .. parts]));

    [Fact]
    public void Maps_are_read_or_refused_naming_the_line() => TextMutations.Check(Sample("fixture", "maps.txt"), t =>
        TextMutations.ReadsOrNames(() => MapsReader.Parse(t, "maps.txt"), "maps.txt:"));

    [Fact]
    public void Smaps_and_the_pmap_report_are_read_or_refused_naming_the_file() => TextMutations.Check(Sample("fixture", "smaps.txt"), t =>
        TextMutations.ReadsOrNames(() => PmapReport.FromSmaps(1, "x", SmapsReader.Parse(t, "smaps.txt"), source: "smaps.txt").ToText(), "smaps.txt"),
        tests: 80);

    [Fact]
    public void Smaps_rollup_is_read_or_refused_naming_the_file() => TextMutations.Check(Sample("fixture", "smaps_rollup.txt"), t =>
        TextMutations.ReadsOrNames(() => { var r = SmapsReader.ParseRollup(t, "smaps_rollup.txt"); _ = (r.RssKb, r.PssKb, r.DirtyKb); }, "smaps_rollup.txt"));

    [Fact]
    public void Status_and_tops_figures_are_read_or_refused_naming_the_file() => TextMutations.Check(Sample("fixture", "status.txt"), t =>
        TextMutations.ReadsOrNames(() =>
        {
            var s = ProcStatus.Parse(t, "status.txt");
            _ = (s.Name, s.Pid, s.VmSize, s.VmRss, s.Threads, s.HasAddressSpace);
            TopFigures.From(s, Meminfo.Parse(Sample("meminfo.txt"), "meminfo.txt")).Columns();
        }, "status.txt"));

    [Fact]
    public void Meminfo_and_free_are_read_or_refused_naming_the_file() => TextMutations.Check(Sample("meminfo.txt"), t =>
        TextMutations.ReadsOrNames(() => FreeReport.From(Meminfo.Parse(t, "meminfo.txt")).ToText(), "meminfo.txt"));

    [Fact]
    public void Statm_is_read_or_refused_naming_the_line() => TextMutations.Check(Sample("fixture", "statm.txt"), t =>
        TextMutations.ReadsOrNames(() => Statm.Parse(t, "statm.txt"), "statm.txt:1:"));

    [Fact]
    public void Vmstat_counters_and_kernel_stat_are_read_or_refused_naming_the_file() => TextMutations.Check(
        "pgpgin 1000\npgpgout 2000\npswpin 0\npswpout 0\npgfault 123456\npgmajfault 12\n" +
        "cpu  100 2 30 4000 5 0 6 0 0 0\ncpu0 50 1 15 2000 2 0 3 0 0 0\nintr 99999 1 2 3\nctxt 5555\nbtime 1700000000\n" +
        "processes 42\nprocs_running 1\nprocs_blocked 0\n", t =>
        {
            string vm = string.Join('\n', t.Split('\n').Where(l => l.StartsWith("pg") || l.StartsWith("ps")));
            string stat = string.Join('\n', t.Split('\n').Where(l => !(l.StartsWith("pg") || l.StartsWith("ps"))));
            TextMutations.ReadsOrNames(() =>
            {
                var counters = VmstatCounters.Parse(vm, "vmstat");
                var kernel = KernelStat.Parse(stat, "stat");
                VmstatReport.FormatLine(VmstatReport.SinceBoot(kernel, counters, Meminfo.Parse(Sample("meminfo.txt"), "meminfo.txt")));
            }, "vmstat", "stat");
        });

    [Fact]
    public void A_process_stat_line_is_read_or_refused_naming_the_line() => TextMutations.Check(
        "4242 (python3) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 2 0 0 20 0 1 0 987654 1000 50 18446744073709551615\n", t =>
        TextMutations.ReadsOrNames(() => ProcessStat.Parse(t, "stat"), "stat:1:"));
}
