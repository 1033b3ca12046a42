using System.Diagnostics;
using System.Text.Json;
using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

public class InspectCommandTests
{
    private static string RunTool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"'{tool}' is not installed (apt-get install procps): {e.Message}");
        }
        string s = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return s;
    }

    [Fact]
    public void Pmap_of_a_captured_process_prints_what_pmap_x_printed()
    {
        var (code, output, _) = Run("inspect", "--pmap", "--capture", InRepo("data", "proc", "node"));
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(InRepo("data", "proc", "node", "pmap-x.txt")), output);
    }

    [Fact]
    public void Pmap_of_a_live_child_matches_the_real_pmap_x()
    {
        Assert.True(File.Exists("/proc/self/maps"), "this test runs on Linux, where /proc exists");
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            for (int i = 0; i < 500; i++)
            {
                string st = File.ReadAllText($"/proc/{child.Id}/status");
                if (st.StartsWith("Name:\tsleep\n", StringComparison.Ordinal) && st.Contains("State:\tS")) break;
                Thread.Sleep(10);
            }
            var (code, output, _) = Run("inspect", "--pid", child.Id.ToString(), "--pmap");
            Assert.Equal(0, code);
            Assert.Equal(RunTool("pmap", "-x", child.Id.ToString()), output);
        }
        finally { child.Kill(); }
    }

    [Fact]
    public void Usage_as_json_has_nodes_memoryUsage_fields()
    {
        var (code, output, _) = Run("inspect", "--usage", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var mu = doc.RootElement.GetProperty("memoryUsage");
        foreach (var field in new[] { "rss", "heapTotal", "heapUsed", "external", "arrayBuffers" })
            Assert.True(mu.TryGetProperty(field, out _), field);
        Assert.True(mu.GetProperty("rss").GetInt64() > 0);
        Assert.Equal(Environment.ProcessorCount, doc.RootElement.GetProperty("os").GetProperty("cpus").GetInt32());
    }

    [Fact]
    public void Usage_of_a_captured_process_prints_tops_columns()
    {
        var (code, output, _) = Run("inspect", "--usage", "--capture", InRepo("data", "proc", "dotnet"));
        Assert.Equal(0, code);
        // data/proc/dotnet/top.txt: VIRT 50.1g RES 200312 SHR 38916 %MEM 0.8
        Assert.Contains("VIRT 50.1g  RES 200312  SHR 38916  %MEM 0.8", output);
    }

    [Fact]
    public void Meminfo_prints_free_k_figures_with_the_same_header()
    {
        Assert.True(File.Exists("/proc/meminfo"), "this test runs on Linux, where /proc exists");
        var (code, output, _) = Run("inspect", "--meminfo");
        Assert.Equal(0, code);
        Assert.Equal(RunTool("free", "-k").Split('\n')[0], output.Split('\n')[0]);
    }

    [Fact]
    public void Vmstat_prints_the_headers_and_one_line_per_count()
    {
        var (code, output, _) = Run("inspect", "--vmstat", "0.2", "3");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal(RunTool("vmstat").Split('\n')[1], lines[1]);
    }

    [Theory]
    [InlineData(new string[] { "inspect" }, "choose one of")]
    [InlineData(new string[] { "inspect", "--pmap", "--usage" }, "only one of")]
    [InlineData(new string[] { "inspect", "--pmap", "1", "2" }, "only go with --vmstat")]
    [InlineData(new string[] { "inspect", "--vmstat", "zero" }, "INTERVAL must be")]
    [InlineData(new string[] { "inspect", "--pmap", "--pid", "2147483646" }, "no such process")]
    public void Misuse_exits_2_with_a_message(string[] args, string message)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void A_malformed_capture_exits_2_naming_the_file_and_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "memcourse-bad-capture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var f in new[] { "status.txt", "statm.txt", "cmdline.txt" })
                File.Copy(InRepo("data", "proc", "fixture", f), Path.Combine(dir, f));
            File.WriteAllText(Path.Combine(dir, "smaps.txt"), "5604fe9cf000-5604fe9d0000 r--p 00000000 fe:00 18705  /bin/x\nSize:  4 kB\nRss: many kB\n");
            var (code, _, err) = Run("inspect", "--pmap", "--capture", dir);
            Assert.Equal(2, code);
            Assert.Contains("smaps.txt:3:", err);
        }
        finally { Directory.Delete(dir, true); }
    }

    // Reported: each of these crashed with a stack trace (TimeSpan overflow, Thread.Sleep out of range).
    [Theory]
    [InlineData("NaN")]
    [InlineData("1e300")]
    [InlineData("3000000")]
    [InlineData("Infinity")]
    [InlineData("0")]
    [InlineData("0.0001")]
    public void Vmstat_refuses_an_interval_that_is_not_a_number_of_seconds_from_a_millisecond_to_a_day(string interval)
    {
        var (code, output, err) = Run("inspect", "--vmstat", interval, "2");
        Assert.Equal((2, ""), (code, output));
        Assert.Equal($"memcourse inspect: INTERVAL must be a number of seconds from 0.001 to 86400, not '{interval}'\n", err);
    }

    // Reported: --vmstat and --meminfo ignored --pid; they describe the whole machine.
    [Theory]
    [InlineData("--vmstat")]
    [InlineData("--meminfo")]
    public void Machine_wide_views_refuse_a_pid(string mode)
    {
        var (code, output, err) = Run("inspect", mode, "--pid", "1");
        Assert.Equal((2, ""), (code, output));
        Assert.Equal($"memcourse inspect: {mode} shows the whole machine, not one process: leave out --pid\n", err);
    }

    [Fact]
    public void Vmstat_prints_each_line_as_it_is_measured()
    {
        var stdout = new LineTimes();
        int code = CliApp.Run(["inspect", "--vmstat", "0.3", "3"], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Equal(5, stdout.Times.Count);
        // The since-boot line is written before the first interval is waited for, not all lines at the end: at
        // least one interval lies between it and the next line. Only lower bounds, which a slow machine cannot break.
        Assert.True(stdout.Times[3] - stdout.Times[2] >= TimeSpan.FromSeconds(0.25), string.Join(", ", stdout.Times));
        Assert.True(stdout.Times[4] - stdout.Times[3] >= TimeSpan.FromSeconds(0.25), string.Join(", ", stdout.Times));
    }

    // A writer that notes when each line was written.
    private sealed class LineTimes : StringWriter
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        public List<TimeSpan> Times { get; } = [];
        public override void Write(string? value)
        {
            base.Write(value);
            foreach (char c in value ?? "") if (c == '\n') Times.Add(_clock.Elapsed);
        }
        public override void WriteLine(string? value) => Write(value + "\n");
    }

    // A process whose parent never collects it: sh starts a short sleep in the background and becomes a long one.
    private static (Process Parent, int Zombie) StartZombie()
    {
        var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.05 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true,
            UseShellExecute = false })!;
        int zombie = int.Parse(parent.StandardOutput.ReadLine()!);
        for (int i = 0; i < 500 && !File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z "); i++) Thread.Sleep(10);
        return (parent, zombie);
    }

    // Reported: KeyNotFoundException (no VmSize) for a zombie; pmap printed an empty table.
    [Theory]
    [InlineData("--usage")]
    [InlineData("--pmap")]
    public void A_zombie_is_named_as_one_not_shown_as_an_empty_process(string mode)
    {
        Assert.True(File.Exists("/proc/self/stat"), "this test runs on Linux, where /proc exists");
        var (parent, zombie) = StartZombie();
        try
        {
            var (code, output, err) = Run("inspect", mode, "--pid", zombie.ToString());
            Assert.Equal((2, ""), (code, output));
            Assert.Equal($"memcourse inspect: /proc/{zombie}/stat: process {zombie} (sleep) is a zombie: it has exited and its memory is gone; "
                         + "only its exit status waits for its parent.\n", err);
        }
        finally { parent.Kill(); parent.WaitForExit(); }
    }

    // Reported: KeyNotFoundException for `inspect --pid 2 --usage` on a machine where pid 2 is kthreadd.
    [Theory]
    [InlineData("--usage")]
    [InlineData("--pmap")]
    public void A_kernel_thread_is_named_as_one_having_no_user_memory(string mode)
    {
        Assert.True(File.Exists("/proc/self/stat"), "this test runs on Linux, where /proc exists");
        // Kernel threads are children of kthreadd; a container with its own pid namespace shows none.
        var kthread = Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .FirstOrDefault(pid =>
            {
                try { return (ulong.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[6]) & 0x00200000) != 0; }
                catch (IOException) { return false; }
            });
        if (kthread == 0) return;
        var (code, output, err) = Run("inspect", mode, "--pid", kthread.ToString());
        Assert.Equal((2, ""), (code, output));
        Assert.Matches($@"^memcourse inspect: /proc/{kthread}/stat: process {kthread} \(.+\) is a kernel thread: "
                       + @"it has no user address space, so it has no memory of its own to show\.\n$", err);
    }

    // Reported: 3 of 65 pmaps of a process that exits while it is read printed a cut-off or empty table with exit 0.
    // Every answer must now be a whole table, or a message saying the process went.
    [Fact]
    public void A_process_that_exits_while_it_is_read_is_never_shown_cut_off()
    {
        Assert.True(File.Exists("/proc/self/stat"), "this test runs on Linux, where /proc exists");
        int whole = 0, gone = 0;
        for (int i = 0; i < 40; i++)
        {
            using var child = Process.Start(new ProcessStartInfo("sleep", "0.0" + (i % 10)) { UseShellExecute = false })!;
            WaitUntilExecHasMapped(child, "sleep");
            var (code, output, err) = Run("inspect", "--pmap", "--pid", child.Id.ToString());
            if (code == 0)
            {
                var lines = output.TrimEnd('\n').Split('\n');
                Assert.True(lines.Length > 4 && lines[^1].StartsWith("total kB", StringComparison.Ordinal)
                    && lines.Any(l => l.EndsWith("sleep", StringComparison.Ordinal)), output);
                Assert.Equal("", err);
                whole++;
            }
            else
            {
                Assert.Equal((2, ""), (code, output));
                Assert.Matches($@"^memcourse inspect: /proc/{child.Id}(/\S*)?: .*(exited|zombie|no such process).*\n$", err);
                gone++;
            }
            child.WaitForExit();
        }
        Assert.Equal(40, whole + gone);
    }

    // A process caught inside exec shows the address space exec is still building (its new stack alone, before the
    // program is mapped): a real but passing state of a live process, not a process cut off by its exit, which is
    // what the test above is about. So it starts reading once the program is mapped, or the process is gone.
    private static void WaitUntilExecHasMapped(Process child, string program)
    {
        while (!child.HasExited)
        {
            try
            {
                if (File.ReadAllText($"/proc/{child.Id}/maps").Contains(program, StringComparison.Ordinal)) return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
            Thread.Yield();
        }
    }
}
