using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Tests.Inspection.ToolReports;

public class FreeReportTests
{
    [Fact]
    public void Free_k_is_reproduced_from_the_meminfo_of_the_same_moment()
    {
        // free-k.txt and vmstat-s.txt were taken at the same moment (same free memory, 22996488 kB); vmstat -s
        // gives the page cache (1160820, which it labels "swap cache") and buffers (16192). The meminfo below
        // holds those values, with MemAvailable and Shmem as free printed them.
        string meminfo = """
            MemTotal:       24684096 kB
            MemFree:        22996488 kB
            MemAvailable:   23923476 kB
            Buffers:           16192 kB
            Cached:          1109712 kB
            SwapTotal:             0 kB
            SwapFree:              0 kB
            Shmem:             14200 kB
            SReclaimable:      51108 kB
            """;
        var report = FreeReport.From(Meminfo.Parse(meminfo));
        Assert.Equal(CapturedSamples.SystemText("free-k.txt"), report.ToText());
    }

    [Fact]
    public void Used_is_total_minus_available_not_total_minus_free()
    {
        var m = Meminfo.Parse(CapturedSamples.SystemText("meminfo.txt"));
        var r = FreeReport.From(m);
        Assert.Equal(m.MemTotal - m.MemAvailable, r.Used);
        Assert.NotEqual(m.MemTotal - m.MemFree - r.BuffCache, r.Used); // the pre-4.0 definition gives another number
    }

    [Fact]
    public void Live_free_prints_the_same_header_and_totals()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var ours = FreeReport.From(Meminfo.ForSystem()).ToText().Split('\n');
        var theirs = CapturedSamples.RunTool("free", "-k").Split('\n');
        Assert.Equal(theirs[0], ours[0]);
        Assert.Equal(theirs[1][..20], ours[1][..20]); // "Mem:" and total; the other columns move between the two reads
        Assert.Equal(theirs[2][..20], ours[2][..20]);
    }
}
