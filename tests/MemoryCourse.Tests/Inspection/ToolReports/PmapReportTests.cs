using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Tests.Inspection.ToolReports;

public class PmapReportTests
{
    [Theory]
    [InlineData("node")]
    [InlineData("dotnet")]
    [InlineData("fixture")]
    public void Report_from_captured_smaps_is_byte_for_byte_the_real_pmap_output(string process)
    {
        var snapshot = ProcSnapshot.FromDirectory(CapturedSamples.Dir(process));
        string expected = CapturedSamples.Text(process, "pmap-x.txt");
        string actual = PmapReport.FromSnapshot(snapshot).ToText();
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
            Assert.True(expectedLines[i] == actualLines[i], $"{process} line {i + 1}:\n  pmap: '{expectedLines[i]}'\n  ours: '{actualLines[i]}'");
        Assert.Equal(expected, actual);
    }

    [Theory, CapturedProcesses]
    public void Total_Kbytes_is_VmSize_plus_the_vsyscall_page(string process)
    {
        var snapshot = ProcSnapshot.FromDirectory(CapturedSamples.Dir(process));
        var report = PmapReport.FromSnapshot(snapshot);
        Assert.Equal(snapshot.Status.VmSize + 4, report.TotalKbytes);
        Assert.Equal(snapshot.Status.VmRss, report.TotalRss);
    }

    [Fact]
    public void Full_paths_option_prints_the_whole_pathname_with_its_spaces()
    {
        var snapshot = ProcSnapshot.FromDirectory(CapturedSamples.Dir("fixture"));
        var row = PmapReport.FromSnapshot(snapshot, fullPaths: true).Rows.Single(r => r.Address == 0x7fd992aff000);
        Assert.Equal("/srv/memref/linux/file with spaces.bin", row.Mapping);
        Assert.Equal("rw-s-", row.Mode);
    }

    [Fact]
    public void Report_of_a_live_child_process_matches_the_real_pmap_x() => CapturedSamples.WithSleepingChild(pid =>
    {
        string ours = PmapReport.ForProcess(pid).ToText();
        string theirs = CapturedSamples.RunTool("pmap", "-x", pid.ToString());
        Assert.Equal(theirs, ours);
    });
}
