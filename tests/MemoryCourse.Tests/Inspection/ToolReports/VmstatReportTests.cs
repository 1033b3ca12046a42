using System.Globalization;
using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Tests.Inspection.ToolReports;

public class VmstatReportTests
{
    [Fact]
    public void Headers_and_line_layout_match_the_captured_vmstat_1_3()
    {
        var lines = CapturedSamples.SystemText("vmstat-1-3.txt").Split('\n');
        Assert.Equal(VmstatReport.Header1, lines[0]);
        Assert.Equal(VmstatReport.Header2, lines[1]);
        foreach (var line in lines.Skip(2).Where(l => l.Length > 0))
        {
            var n = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var sample = new VmstatSample(0, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11], n[12], n[13], n[14], n[15], n[16]);
            Assert.Equal(line, VmstatReport.FormatLine(sample));
        }
    }

    [Fact]
    public void Memory_columns_come_from_meminfo()
    {
        // meminfo.txt and vmstat-1-3.txt were captured moments apart: free and buff agree exactly,
        // the page cache moved by a few kB in between.
        var m = Meminfo.Parse(CapturedSamples.SystemText("meminfo.txt"));
        var first = CapturedSamples.SystemText("vmstat-1-3.txt").Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        var ours = VmstatReport.SinceBoot(KernelStat.Parse("cpu 1 0 0 0 0 0 0 0 0 0\n"), VmstatCounters.Parse(""), m);
        Assert.Equal(first[2], ours.Swpd);
        Assert.Equal(first[3], ours.Free);
        Assert.Equal(first[4], ours.Buff);
        Assert.InRange(ours.Cache, first[5] - 16, first[5] + 16);
    }

    [Fact]
    public void Since_boot_cpu_shares_match_the_captured_first_line()
    {
        // vmstat-s.txt holds the tick counters of that moment: the captured first line shows 37 8 52 1 1.
        var stat = KernelStat.Parse("cpu  35732 0 8045 50121 704 0 80 1216 0 0\n");
        var p = VmstatReport.Percentages(stat.Cpu);
        Assert.Equal((37L, 8L, 52L, 1L, 1L), p);
    }

    [Fact]
    public void Live_since_boot_line_is_what_vmstat_prints()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var before = VmstatReport.SinceBoot(KernelStat.ForSystem(), VmstatCounters.ForSystem(), Meminfo.ForSystem());
        var theirs = CapturedSamples.RunTool("vmstat").Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        var after = VmstatReport.SinceBoot(KernelStat.ForSystem(), VmstatCounters.ForSystem(), Meminfo.ForSystem());
        // Since-boot averages move very little between the reads; allow the rounding step on either side.
        void Between(long value, long a, long b, string column) =>
            Assert.True(value >= Math.Min(a, b) - 1 && value <= Math.Max(a, b) + 1, $"{column}: vmstat {value}, ours {a}..{b}");
        Between(theirs[8], before.Bi, after.Bi, "bi");
        Between(theirs[9], before.Bo, after.Bo, "bo");
        Between(theirs[10], before.In, after.In, "in");
        Between(theirs[11], before.Cs, after.Cs, "cs");
        Between(theirs[12], before.Us, after.Us, "us");
        Between(theirs[14], before.Id, after.Id, "id");
    }

    [Fact]
    public void An_interval_line_divides_by_the_interval()
    {
        var a = KernelStat.Parse("cpu 100 0 100 800 0 0 0 0 0 0\nintr 1000\nctxt 5000\nprocs_running 2\n");
        var b = KernelStat.Parse("cpu 150 0 110 1040 0 0 0 0 0 0\nintr 1600\nctxt 9000\nprocs_running 3\n");
        var va = VmstatCounters.Parse("pgpgin 10\npgpgout 20\n");
        var vb = VmstatCounters.Parse("pgpgin 30\npgpgout 420\n");
        var s = VmstatReport.Between(a, va, b, vb, Meminfo.Parse("MemTotal: 1 kB\nMemFree: 1 kB\n"), 2.0);
        Assert.Equal((10L, 200L, 300L, 2000L), (s.Bi, s.Bo, s.In, s.Cs));
        // 300 ticks in the interval: us 50/300, sy 10/300, id 240/300.
        Assert.Equal((17L, 3L, 80L), (s.Us, s.Sy, s.Id));
        Assert.Equal(3, s.R);
    }
}
