using System.Diagnostics;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Tests.Inspection.Proc;

public class ProcessStatTests
{
    [Fact]
    public void The_stat_line_gives_command_state_flags_and_start_time_even_with_brackets_in_the_command()
    {
        var stat = ProcessStat.Parse("4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 2 0 0 20 0 1 0 987654 1000 50\n", "stat");

        Assert.Equal(new ProcessStat(4242, "my (odd) name", 'S', 4194560, 987654), stat);
        Assert.False(stat.IsZombie);
        Assert.False(stat.IsKernelThread);
        Assert.True(ProcessStat.Parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 2 0 0", "stat").IsKernelThread);
        Assert.True(ProcessStat.Parse("9 (sleep) Z 8 8 8 0 -1 4227084 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0", "stat").IsZombie);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 S 1")]
    [InlineData("x (a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19")]
    [InlineData("1 (a) S 1 2 3 4")]
    [InlineData("1 (a) S 1 2 3 4 5 flags 7 8 9 10 11 12 13 14 15 16 17 18 19")]
    public void A_malformed_stat_line_is_a_format_error_naming_the_source(string text)
    {
        Assert.StartsWith("/proc/1/stat:1: ", Assert.Throws<FormatException>(() => ProcessStat.Parse(text, "/proc/1/stat")).Message);
    }

    [Fact]
    public void A_process_that_exits_during_the_read_is_reported_not_returned()
    {
        Assert.True(File.Exists("/proc/self/stat"), "this test runs on Linux, where /proc exists");
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var e = Assert.Throws<ProcUnavailableException>(() => ProcessStat.ReadWhileRunning(child.Id, () =>
        {
            string smaps = File.ReadAllText($"/proc/{child.Id}/smaps");
            child.Kill();
            child.WaitForExit();
            return smaps;
        }));
        Assert.Contains($"process {child.Id} (sleep) exited while its memory was being read", e.Message);
    }

    [Fact]
    public void A_running_process_is_read_normally()
    {
        Assert.True(File.Exists("/proc/self/stat"), "this test runs on Linux, where /proc exists");
        Assert.Equal(42, ProcessStat.ReadWhileRunning(Environment.ProcessId, () => 42));
    }
}
