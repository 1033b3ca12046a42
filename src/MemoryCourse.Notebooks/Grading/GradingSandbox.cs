using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>What this machine offers a graded run: the bubblewrap sandbox, a process/thread limit, and a CPU share.</summary>
public sealed record SandboxSupport(string? Bubblewrap, string? PidsCgroupRoot, bool TurnedOff = false)
{
    /// <summary>A cgroup hierarchy where each submission gets its own CPU quota (cgroup v2 <c>cpu.max</c>, or v1 <c>cpu.cfs_quota_us</c>), or null.</summary>
    public string? CpuCgroupRoot { get; init; }

    /// <summary>Set to <c>off</c>, runs submissions without the OS sandbox: only to measure what the sandbox costs.</summary>
    public const string SwitchVariable = "MEMCOURSE_GRADING_SANDBOX";

    /// <summary>One line for the instructor about what is missing, or null when everything is there.</summary>
    public string? Warning => (Bubblewrap, PidsCgroupRoot) switch
    {
        (null, _) when TurnedOff => $"{SwitchVariable}=off: submissions run without the OS sandbox (no network, file-system and process isolation). "
            + EveryOther,
        (null, _) => "bubblewrap (Debian package 'bubblewrap') is not installed, so submissions run without the OS sandbox: "
            + "no network, file-system and process isolation. " + EveryOther,
        (_, null) => "no writable pids cgroup (/sys/fs/cgroup/pids), so submissions run without a limit on processes and threads. " + EveryOther,
        _ when CpuCgroupRoot is null => "no writable cpu cgroup (cgroup v2 cpu.max or v1 /sys/fs/cgroup/cpu), so a submission's busy threads share "
            + "the CPU with its neighbours' (each still stops at its CPU-time limit). " + EveryOther,
        _ => null,
    };

    private const string EveryOther = "Every other defence still applies.";

    public static SandboxSupport Probe()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "off", StringComparison.OrdinalIgnoreCase))
            return new SandboxSupport(null, null, TurnedOff: true);
        string? bwrap = new[] { "/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap" }.FirstOrDefault(File.Exists);
        string? pids = null;
        const string PidsRoot = "/sys/fs/cgroup/pids";
        if (Directory.Exists(PidsRoot))
        {
            string probe = Path.Combine(PidsRoot, $"memcourse-probe-{Environment.ProcessId}");
            try { Directory.CreateDirectory(probe); Directory.Delete(probe); pids = PidsRoot; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return new SandboxSupport(bwrap, pids) { CpuCgroupRoot = ProbeCpu() };
    }

    // A cgroup v2 hierarchy whose children get cpu.max, else the v1 cpu controller; whichever this user may write.
    private static string? ProbeCpu()
    {
        foreach (var (root, file) in new[] { ("/sys/fs/cgroup", "cpu.max"), ("/sys/fs/cgroup/unified", "cpu.max"), ("/sys/fs/cgroup/cpu", "cpu.cfs_quota_us") })
        {
            if (!Directory.Exists(root)) continue;
            string probe = Path.Combine(root, $"memcourse-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(probe);
                bool usable = File.Exists(Path.Combine(probe, file));
                Directory.Delete(probe);
                if (usable) return root;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }
}

/// <summary>
/// The place a submission runs: a scratch folder holding only what the notebook needs (the notebooks it
/// imports, the course's built models, the course's data, an empty home with a NuGet configuration that
/// restores from the local package cache only) and, where bubblewrap is installed, an OS sandbox around the
/// kernel: no network, its own process and IPC namespaces, an unprivileged user, a read-only view of the
/// system's programs, a private /tmp, the scratch folder mounted at a fixed path (so messages are the same
/// on every run), a CPU-time limit, a size-limited /tmp, and a pids cgroup capping processes and threads. The
/// source notebook, the solutions, the hidden checks, the other submissions and the gradebook are never in
/// it. Disposing deletes the scratch folder and the cgroup.
/// </summary>
public sealed class GradingSandbox : IDisposable
{
    /// <summary>Where the scratch folder appears inside the sandbox.</summary>
    public const string MountPoint = "/grading";

    /// <summary>The size of the tmpfs a submission's scratch folder is inside the sandbox: a full disk is then its own.</summary>
    public const long ScratchBytes = 256L << 20;

    private readonly string _scratch;
    private readonly string? _cgroup;
    private readonly string? _cpuCgroup;
    private readonly List<string> _copied = [];
    private readonly SandboxSupport _support;
    private readonly List<(string Source, string Target)> _readOnly = [];

    /// <summary>The folder the kernel runs in (the notebooks' folder), as the kernel sees it.</summary>
    public string WorkingDirectory => _support.Bubblewrap is null ? Path.Combine(_scratch, "notebooks") : $"{MountPoint}/notebooks";

    /// <param name="source">The chapter being graded: its <c>#!import</c>s and <c>#r</c>s say what the scratch folder must hold.</param>
    /// <param name="sourcePath">Where the chapter lives, against which those paths resolve.</param>
    public GradingSandbox(InteractiveDocument source, string sourcePath, SandboxSupport support, RunOptions options)
    {
        _support = support;
        _scratch = Directory.CreateTempSubdirectory("memcourse-grade-").FullName;
        string sourceFolder = Path.GetDirectoryName(Path.GetFullPath(sourcePath))!;
        string notebooks = Path.Combine(_scratch, "notebooks");
        Directory.CreateDirectory(notebooks);
        Populate(source, sourceFolder, notebooks, depth: 0);
        string data = Path.GetFullPath(Path.Combine(sourceFolder, "..", "data"));
        if (Directory.Exists(data)) Mount(data, Path.Combine(_scratch, "data"));
        WriteHome();
        if (support.PidsCgroupRoot is { } root)
        {
            _cgroup = Path.Combine(root, $"memcourse-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_cgroup);
            File.WriteAllText(Path.Combine(_cgroup, "pids.max"), options.ProcessLimit.ToString());
        }
        if (support.CpuCgroupRoot is { } cpuRoot)
        {
            // Its own share of the machine: the cores divided among the submissions graded at once (at least one
            // core), so busy loops spend their own CPU time limit and not their neighbours' time.
            _cpuCgroup = Path.Combine(cpuRoot, $"memcourse-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_cpuCgroup);
            const int Period = 100_000;
            long quota = CpuShareMicros(options.Parallelism, Period);
            if (File.Exists(Path.Combine(_cpuCgroup, "cpu.max"))) File.WriteAllText(Path.Combine(_cpuCgroup, "cpu.max"), $"{quota} {Period}");
            else
            {
                File.WriteAllText(Path.Combine(_cpuCgroup, "cpu.cfs_period_us"), Period.ToString());
                File.WriteAllText(Path.Combine(_cpuCgroup, "cpu.cfs_quota_us"), quota.ToString());
            }
        }
    }

    /// <summary>The cgroup holding this submission's CPU quota, or null where the machine offers none.</summary>
    public string? CpuCgroup => _cpuCgroup;

    /// <summary>
    /// CPU time a submission may use per <paramref name="period"/> microseconds: the cores shared among
    /// <paramref name="parallelism"/> runs, at least one core.
    /// </summary>
    public static long CpuShareMicros(int parallelism, int period) => (long)period * Math.Max(1, Environment.ProcessorCount / Math.Max(1, parallelism));

    /// <summary>How to start the kernel inside this sandbox.</summary>
    public KernelLaunch Launch(string toolDll, RunOptions options)
    {
        var environment = KernelEnvironment.For(options.MemoryLimitMiB, options.ManagedHeapLimit, options.Environment);
        string dotnet = KernelTool.DotNetHost();
        if (_support.Bubblewrap is null)
        {
            environment["HOME"] = Path.Combine(_scratch, "home");
            environment["NUGET_PACKAGES"] = KernelTool.PackageCache();
            return new KernelLaunch(dotnet, KernelTool.Arguments(toolDll, WorkingDirectory), WorkingDirectory, environment)
            {
                OutputLimitBytes = options.OutputLimitBytes,
            };
        }
        var args = new List<string>
        {
            "--die-with-parent", "--unshare-all", "--new-session", "--uid", "1000", "--gid", "1000", "--hostname", "grading",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--ro-bind", Path.Combine(_scratch, "etc"), "/etc",
            "--proc", "/proc", "--dev", "/dev", "--size", "268435456", "--tmpfs", "/tmp",
            // The scratch folder is a size-limited tmpfs of its own: what the kernel writes there fills this, never the host's disk.
            "--size", ScratchBytes.ToString(), "--tmpfs", MountPoint,
            "--ro-bind", Path.Combine(_scratch, "home", ".nuget", "NuGet", "NuGet.Config"), $"{MountPoint}/home/.nuget/NuGet/NuGet.Config",
        };
        foreach (var file in _copied) args.AddRange(["--ro-bind", file, MountPoint + file[_scratch.Length..]]);
        string packages = KernelTool.PackageCache();
        args.AddRange(["--ro-bind", packages, packages]);
        // The kernel may live outside the package cache (the prepared fast kernel, see FastKernel): visible, read-only.
        string toolFolder = Path.GetDirectoryName(Path.GetFullPath(toolDll))!;
        if (!toolFolder.StartsWith(Path.TrimEndingDirectorySeparator(packages) + "/", StringComparison.Ordinal))
            args.AddRange(["--ro-bind", toolFolder, toolFolder]);
        string dotnetRoot = Path.GetDirectoryName(Path.GetFullPath(ResolveOnPath(dotnet)))!;
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal)) args.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
        foreach (var (from, to) in _readOnly) args.AddRange(["--ro-bind", from, MountPoint + to[_scratch.Length..]]);
        args.AddRange(["--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", $"{MountPoint}/home", "--setenv", "NUGET_PACKAGES", packages]);
        foreach (var (name, value) in environment) args.AddRange(["--setenv", name, value]);
        args.AddRange(["--chdir", WorkingDirectory, "--", "/usr/bin/prlimit", $"--cpu={(int)options.CpuLimit.TotalSeconds}", "--core=0", "--", dotnet]);
        // No RLIMIT_FSIZE: the runtime maps its JIT-compiled code through a memory file (W^X), which a file-size
        // limit breaks ("Out of memory"). Files can only be written to the scratch folder and a 256 MiB /tmp.
        args.AddRange(KernelTool.Arguments(toolDll, WorkingDirectory));
        var cgroups = new[] { _cgroup, _cpuCgroup }.OfType<string>().ToList();
        if (cgroups.Count == 0)
            return new KernelLaunch(_support.Bubblewrap, args, _scratch, new Dictionary<string, string>()) { OutputLimitBytes = options.OutputLimitBytes };
        // The shell joins the cgroups, then becomes bubblewrap: every process and thread of the kernel counts
        // against pids.max, and all of them together get the CPU quota.
        string join = string.Join(" && ", cgroups.Select(c => $"echo $$ > '{Path.Combine(c, "cgroup.procs")}'"));
        return new KernelLaunch("/bin/sh", ["-c", $"{join} && exec \"$@\"", "sh", _support.Bubblewrap, .. args], _scratch, new Dictionary<string, string>())
        {
            OutputLimitBytes = options.OutputLimitBytes,
        };
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        foreach (var cgroup in new[] { _cgroup, _cpuCgroup }.OfType<string>())
            try { Directory.Delete(cgroup); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    // Imported notebooks are copied (they are course material, not secrets); referenced dlls' folders are mounted read-only.
    private void Populate(InteractiveDocument notebook, string folder, string target, int depth)
    {
        if (depth > 4) return;
        foreach (var cell in notebook.Elements.Where(e => e.KernelName == KernelNames.CSharp))
        {
            foreach (string relative in NotebookDirectives.Imports(cell.Contents))
            {
                string from = Path.GetFullPath(Path.Combine(folder, relative));
                string to = Path.GetFullPath(Path.Combine(target, relative));
                if (!File.Exists(from) || !to.StartsWith(_scratch, StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
                if (!_copied.Contains(to)) _copied.Add(to);
                if (NotebookFile.IsNotebookPath(from))
                    try { Populate(NotebookFile.Load(from), Path.GetDirectoryName(from)!, Path.GetDirectoryName(to)!, depth + 1); }
                    catch (NotebookFormatException) { }
            }
            foreach (string relative in NotebookDirectives.References(cell.Contents))
            {
                if (relative.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(relative)) continue;
                string from = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, relative)))!;
                string to = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(target, relative)))!;
                if (Directory.Exists(from) && to.StartsWith(_scratch, StringComparison.Ordinal)) Mount(from, to);
            }
        }
    }

    // With bubblewrap, a read-only bind mount; without, a symbolic link (there is no isolation to keep then).
    private void Mount(string from, string to)
    {
        if (_readOnly.Any(r => r.Target == to)) return;
        Directory.CreateDirectory(_support.Bubblewrap is null ? Path.GetDirectoryName(to)! : to);
        if (_support.Bubblewrap is null) Directory.CreateSymbolicLink(to, from);
        _readOnly.Add((from, to));
    }

    private void WriteHome()
    {
        string home = Path.Combine(_scratch, "home");
        string nugetConfig = Path.Combine(home, ".nuget", "NuGet");
        Directory.CreateDirectory(nugetConfig);
        string packages = System.Security.SecurityElement.Escape(KernelTool.PackageCache());
        // #r "nuget:" restores from the local package cache only: the sandbox has no network.
        File.WriteAllText(Path.Combine(nugetConfig, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local-package-cache" value="{packages}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
            </configuration>
            """);
        // Enough of /etc for the runtime and the kernel (which asks for the user's name); nothing else of the host's.
        string etc = Path.Combine(_scratch, "etc");
        Directory.CreateDirectory(etc);
        File.WriteAllText(Path.Combine(etc, "passwd"),
            $"learner:x:1000:1000:learner:{MountPoint}/home:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        File.WriteAllText(Path.Combine(etc, "group"), "learner:x:1000:\nnogroup:x:65534:\n");
        File.WriteAllText(Path.Combine(etc, "hosts"), "127.0.0.1 localhost grading\n");
    }

    private static string ResolveOnPath(string program)
    {
        if (Path.IsPathRooted(program)) return program;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (File.Exists(Path.Combine(dir, program))) return Path.Combine(dir, program);
        return program;
    }
}
