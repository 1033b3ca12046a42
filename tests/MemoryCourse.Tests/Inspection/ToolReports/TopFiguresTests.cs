using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Tests.Inspection.ToolReports;

public class TopFiguresTests
{
    [Theory]
    [InlineData("node")]
    [InlineData("dotnet")]
    [InlineData("fixture")]
    public void VIRT_RES_SHR_and_MEM_match_the_captured_top_line(string process)
    {
        var status = ProcStatus.Parse(CapturedSamples.Text(process, "status.txt"));
        var meminfo = Meminfo.Parse(CapturedSamples.SystemText("meminfo.txt"));
        var top = CapturedSamples.Text(process, "top.txt").TrimEnd('\n').Split('\n')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // top -b columns: PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND
        var cols = TopFigures.From(status, meminfo).Columns();
        Assert.Equal(top[4], cols[0]);
        Assert.Equal(top[5], cols[1]);
        Assert.Equal(top[6], cols[2]);
        Assert.Equal(top[9], cols[3]);
    }

    [Theory]
    [InlineData(999999, 6, "999999")]
    [InlineData(1048576, 6, "1024.0m")]
    public void Scaling_only_happens_when_the_number_does_not_fit(long kb, int width, string expected)
    {
        // 1048576 kB needs 7 digits; "1024.0m" has 7 characters too, so with width 6 top moves on to g.
        Assert.Equal(expected == "1024.0m" ? "1.0g" : expected, TopFigures.Scale(kb, width));
    }
}
