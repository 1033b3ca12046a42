using System.Globalization;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Tests.Inspection.Proc;

public class SystemFilesTests
{
    [Fact]
    public void Meminfo_reads_kB_lines_and_unitless_hugepage_counts()
    {
        var m = Meminfo.Parse(CapturedSamples.SystemText("meminfo.txt"));
        // free -k captured on the same machine prints the same total.
        var freeLine = CapturedSamples.SystemText("free-k.txt").Split('\n')[1];
        var freeTotal = long.Parse(freeLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        Assert.Equal(freeTotal, m.MemTotal);
        Assert.Null(m.Fields.Find("HugePages_Total")!.Unit);
        Assert.Equal("kB", m.Fields.Find("Hugepagesize")!.Unit);
        Assert.Equal(2048, m.HugepagesizeKb);
        Assert.Equal(65536, m.AnonHugePages); // the fixture's 64 MiB MADV_HUGEPAGE region
        Assert.Equal(34359738367, m.Fields.Number("VmallocTotal"));
    }

    [Theory]
    [InlineData("K")]
    [InlineData("KB")]
    [InlineData("kB")]
    public void Every_spelling_of_kilobytes_is_the_same_unit(string unit)
    {
        var f = ProcField.Parse($"MemTotal:  24684096 {unit}", "x", 1);
        Assert.Equal(24684096, f.Number);
        Assert.True(f.IsKilobytes);
    }

    [Fact]
    public void Live_boot_time_in_proc_stat_equals_what_vmstat_reports()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var stat = KernelStat.ForSystem();
        string s = CapturedSamples.RunTool("vmstat", "-s");
        long boot = Counter(s, "boot time");
        Assert.Equal(boot, stat.BootTime);
        Assert.Equal(Environment.ProcessorCount >= 1, stat.Cpus.Count >= 1);
    }

    [Fact]
    public void Live_vmstat_counters_bracket_the_values_vmstat_prints()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var before = VmstatCounters.ForSystem();
        var statBefore = KernelStat.ForSystem();
        string s = CapturedSamples.RunTool("vmstat", "-s");
        var after = VmstatCounters.ForSystem();
        var statAfter = KernelStat.ForSystem();
        Assert.InRange(Counter(s, "K paged in"), before.PgpgIn, after.PgpgIn);
        Assert.InRange(Counter(s, "K paged out"), before.PgpgOut, after.PgpgOut);
        Assert.InRange(Counter(s, "CPU context switches"), statBefore.ContextSwitches, statAfter.ContextSwitches);
        Assert.InRange(Counter(s, "forks"), statBefore.ProcessesCreated, statAfter.ProcessesCreated);
        Assert.InRange(Counter(s, "non-nice user cpu ticks"), statBefore.Cpu.User, statAfter.Cpu.User);
    }

    [Fact]
    public void Proc_stat_cpu_lines_are_parsed_in_column_order()
    {
        string text = "cpu  35732 0 8045 50121 704 0 80 1216 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 371268 9 0\nctxt 1725062\n" +
            "btime 1795269738\nprocesses 15319\nprocs_running 1\nprocs_blocked 0\n";
        var k = KernelStat.Parse(text);
        // vmstat-s.txt was captured from these counters: user 35732, system 8045, idle 50121, IO-wait 704, stolen 1216.
        Assert.Equal(35732, k.Cpu.User);
        Assert.Equal(50121, k.Cpu.Idle);
        Assert.Equal(1216, k.Cpu.Steal);
        Assert.Equal(95898, k.Cpu.Total);
        Assert.Equal(10, k.Cpus[0].GuestNice);
        Assert.Equal(371268, k.Interrupts);
        Assert.Equal(1795269738, k.BootTime);
    }

    [Fact]
    public void A_malformed_vmstat_line_is_a_FormatException_naming_the_line()
    {
        var e = Assert.Throws<FormatException>(() => VmstatCounters.Parse("pgpgin 1\npgpgout\n", "/proc/vmstat"));
        Assert.StartsWith("/proc/vmstat:2:", e.Message);
    }

    private static long Counter(string vmstatS, string label)
    {
        var line = vmstatS.Split('\n').Single(l => l.Trim().EndsWith(label, StringComparison.Ordinal) && char.IsDigit(l.Trim()[0]));
        return long.Parse(line.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
