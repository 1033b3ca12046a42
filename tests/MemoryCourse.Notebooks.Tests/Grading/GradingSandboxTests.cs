using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Kernel;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// The sandbox a submission runs in, tried from inside: one small notebook whose cells do what hostile code
/// would, each cell printing what it could see or do. The exercise screen refuses such code before it runs;
/// these tests show the sandbox holds even for code that got past it.
/// </summary>
public class GradingSandboxTests : IClassFixture<GradingSandboxTests.Probe>
{
    public sealed class Probe
    {
        public IReadOnlyList<CellResult> Cells { get; }
        public string RepoFile { get; } = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");

        public Probe()
        {
            if (SandboxSupport.Probe().Bubblewrap is null || KernelTool.Find() is not { } tool) { Cells = []; return; }
            var notebook = Notebooks.Of(
                ("csharp", "System.IO.Directory.GetCurrentDirectory()"),
                ("csharp", $"System.IO.File.Exists(\"{RepoFile}\")"),
                ("csharp", "System.IO.File.Exists(\"../notebooks/00-start-here.dib\") + \" \" + System.IO.File.Exists(\"setup.dib\")"),
                ("csharp", "try { new System.Net.Sockets.TcpClient().Connect(\"10.255.255.1\", 80); Console.Write(\"connected\"); } " +
                    "catch (Exception e) { Console.Write(e.GetType().Name); }"),
                ("csharp", "try { Console.Write(System.Net.Dns.GetHostAddresses(\"example.org\").Length); } " +
                    "catch (Exception e) { Console.Write(e.GetType().Name); }"),
                ("csharp", "try { System.IO.File.WriteAllText(\"/usr/evil\", \"x\"); Console.Write(\"written\"); } " +
                    "catch (Exception e) { Console.Write(e.GetType().Name); }"),
                ("csharp", "System.IO.File.ReadAllText(\"/proc/self/status\").Split('\\n').First(l => l.StartsWith(\"Uid:\"))"),
                ("csharp", """
                    int started = 0;
                    """ +
                    "\ntry { for (int i = 0; i < 2000; i++) { new System.Threading.Thread(() => System.Threading.Thread.Sleep(20000)) " +
                    "{ IsBackground = true }.Start(); started++; } }\n" +
                    """
                    catch (Exception e) { Console.Write(e.GetType().Name + " "); }
                    Console.Write($"started {started}");
                    """));
            var options = RunOptions.Default with { ContinueOnError = true, CellTimeout = TimeSpan.FromSeconds(120) };
            using var sandbox = new GradingSandbox(Notebooks.Of(("csharp", "#!import setup.dib")), RepoFile, SandboxSupport.Probe(), options);
            Cells = new NotebookExecutor(options).RunAsync(notebook, null, sandbox.Launch(tool, options)).GetAwaiter().GetResult().Cells;
        }
    }

    private readonly Probe _probe;

    public GradingSandboxTests(Probe probe) => _probe = probe;

    private string Shown(int cell) => string.Concat(_probe.Cells[cell].Outputs.Select(Notebooks.Text));

    [SandboxFact]
    public void The_kernel_runs_in_the_scratch_folder_at_a_fixed_path() =>
        Assert.Contains($"{GradingSandbox.MountPoint}/notebooks", Shown(0));

    [SandboxFact]
    public void The_repository_and_the_source_notebook_are_out_of_sight()
    {
        Assert.Contains("False", Shown(1));
        Assert.Contains("False True", Shown(2)); // only what the chapter imports is there
    }

    [SandboxFact]
    public void There_is_no_network()
    {
        Assert.Contains("SocketException", Shown(3));
        Assert.Contains("SocketException", Shown(4));
    }

    [SandboxFact]
    public void The_system_is_read_only_and_the_user_is_not_root()
    {
        Assert.Matches("UnauthorizedAccessException|IOException", Shown(5));
        Assert.Matches(@"Uid:\s+1000\s", Shown(6));
    }

    [SandboxFact(NeedsProcessLimit = true)]
    public void Threads_stop_at_the_process_limit()
    {
        // Either the cell ends having started fewer threads than it asked for, or the kernel is stopped:
        // what never happens is 2000 threads.
        var cell = _probe.Cells[7];
        if (cell.Status == CellStatus.Passed)
            Assert.InRange(int.Parse(System.Text.RegularExpressions.Regex.Match(Shown(7), @"started (\d+)").Groups[1].Value),
                1, RunOptions.Default.ProcessLimit);
        else
            Assert.NotNull(cell.Failure);
    }
}

/// <summary>A submission's own CPU share: written before its kernel starts, removed with the sandbox.</summary>
public class GradingSandboxCpuTests
{
    [CpuQuotaFact]
    public void Each_sandbox_gets_its_own_cpu_quota_of_the_cores_shared_among_the_runs_at_once()
    {
        var support = SandboxSupport.Probe();
        var options = RunOptions.Default with { Parallelism = 2 };
        string cgroup;
        using (var sandbox = new GradingSandbox(Notebooks.Of(("csharp", "1")), Path.Combine(RepoPaths.Notebooks, "00-start-here.dib"), support, options))
        {
            cgroup = sandbox.CpuCgroup!;
            long expected = GradingSandbox.CpuShareMicros(2, 100_000);
            Assert.Equal(100_000L * Math.Max(1, Environment.ProcessorCount / 2), expected);
            string quota = File.Exists(Path.Combine(cgroup, "cpu.max"))
                ? File.ReadAllText(Path.Combine(cgroup, "cpu.max")).Split(' ')[0]
                : File.ReadAllText(Path.Combine(cgroup, "cpu.cfs_quota_us")).Trim();
            Assert.Equal(expected, long.Parse(quota));
        }
        Assert.False(Directory.Exists(cgroup));
    }
}

/// <summary>A test that needs a writable cpu cgroup: skipped, with the reason, where there is none.</summary>
internal sealed class CpuQuotaFactAttribute : FactAttribute
{
    public CpuQuotaFactAttribute()
    {
        if (SandboxSupport.Probe().CpuCgroupRoot is null) Skip = "no writable cpu cgroup (cgroup v2 cpu.max or v1 /sys/fs/cgroup/cpu) on this machine";
    }
}

/// <summary>A test that needs bubblewrap and the pinned kernel: skipped, with the reason, where either is missing.</summary>
internal sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        var support = SandboxSupport.Probe();
        if (support.Bubblewrap is null) Skip = "bubblewrap is not installed (./test.sh installs it)";
        else if (KernelTool.Find() is null) Skip = KernelTool.NotInstalledMessage;
    }

    /// <summary>The test also needs the pids cgroup (a writable /sys/fs/cgroup/pids).</summary>
    public bool NeedsProcessLimit
    {
        get => false;
        set
        {
            if (value && Skip is null && SandboxSupport.Probe().PidsCgroupRoot is null) Skip = "no writable pids cgroup (/sys/fs/cgroup/pids) on this machine";
        }
    }
}
