using System.Globalization;
using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ProcessUsage;

namespace MemoryCourse.Tests.Inspection.ProcessUsage;

public class CpuUsageTests
{
    // utime and stime are fields 14 and 15 of /proc/self/stat, in ticks of 1/100 s.
    private static (long User, long System) StatTimes()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(rest[11], CultureInfo.InvariantCulture) * 10_000, long.Parse(rest[12], CultureInfo.InvariantCulture) * 10_000);
    }

    [Fact]
    public void Cpu_usage_is_the_kernels_user_and_system_time_in_microseconds()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var before = StatTimes();
        var usage = CpuUsage.Now();
        var after = StatTimes();
        // .NET reads getrusage (microseconds); /proc/self/stat rounds down to whole ticks of 10 ms.
        Assert.InRange(usage.User, before.User, after.User + 10_000);
        Assert.InRange(usage.System, before.System, after.System + 10_000);
    }

    [Fact]
    public void Usage_since_an_earlier_reading_is_never_negative()
    {
        var first = CpuUsage.Now();
        double x = 0;
        for (int i = 0; i < 5_000_000; i++) x += Math.Sqrt(i);
        var delta = CpuUsage.Now().Since(first);
        Assert.True(delta.User >= 0 && delta.System >= 0, $"{delta} (x={x})");
    }
}
