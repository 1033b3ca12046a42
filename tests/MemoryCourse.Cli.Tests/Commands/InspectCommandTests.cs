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
        catch (System.ComponentModel.Win32Exception e) { throw new Xunit.Sdk.XunitException($"'{tool}' is not installed (apt-get install procps): {e.Message}"); }
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
}
