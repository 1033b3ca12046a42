using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Isolation;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>What this machine offers a graded run: the bubblewrap sandbox, and a process/thread limit.</summary>
public sealed record SandboxSupport(string? Bubblewrap, string? PidsCgroupRoot, bool TurnedOff = false)
{
    /// <summary>Set to <c>off</c>, runs submissions without the OS sandbox: only to measure what the sandbox costs.</summary>
    public const string SwitchVariable = "MEMCOURSE_GRADING_SANDBOX";

    /// <summary>One line for the instructor about what is missing, or null when everything is there.</summary>
    public string? Warning => (Bubblewrap, PidsCgroupRoot) switch
    {
        (null, _) when TurnedOff => $"{SwitchVariable}=off: submissions run without the OS sandbox (no network, file-system and process isolation). Every other defence still applies.",
        (null, _) => "bubblewrap (Debian package 'bubblewrap') is not installed, so submissions run without the OS sandbox: no network, file-system and process isolation. Every other defence still applies.",
        (_, null) => "no writable pids cgroup (/sys/fs/cgroup/pids), so submissions run without a limit on processes and threads. Every other defence still applies.",
        _ => null,
    };

    public static SandboxSupport Probe()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "off", StringComparison.OrdinalIgnoreCase))
            return new SandboxSupport(null, null, TurnedOff: true);
        string? bwrap = new[] { "/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap" }.FirstOrDefault(File.Exists);
        string? pids = null;
        const string root = "/sys/fs/cgroup/pids";
        if (Directory.Exists(root))
        {
            string probe = Path.Combine(root, $"memcourse-probe-{Environment.ProcessId}");
            try { Directory.CreateDirectory(probe); Directory.Delete(probe); pids = root; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return new SandboxSupport(bwrap, pids);
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
public sealed partial class GradingSandbox : IDisposable
{
    /// <summary>Where the scratch folder appears inside the sandbox.</summary>
    public const string MountPoint = "/grading";

    private readonly string _scratch;
    private readonly string? _cgroup;
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
    }

    /// <summary>How to start the kernel inside this sandbox.</summary>
    public KernelLaunch Launch(string toolDll, RunOptions options)
    {
        var environment = NotebookRunner.KernelEnvironment(options);
        string dotnet = NotebookRunner.DotNetHost();
        if (_support.Bubblewrap is null)
        {
            environment["HOME"] = Path.Combine(_scratch, "home");
            environment["NUGET_PACKAGES"] = KernelTool.PackageCache();
            return new KernelLaunch(dotnet, KernelTool.Arguments(toolDll, WorkingDirectory), WorkingDirectory, environment) { OutputLimitBytes = options.OutputLimitBytes };
        }
        var args = new List<string>
        {
            "--die-with-parent", "--unshare-all", "--new-session", "--uid", "1000", "--gid", "1000", "--hostname", "grading",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--ro-bind", Path.Combine(_scratch, "etc"), "/etc",
            "--proc", "/proc", "--dev", "/dev", "--size", "268435456", "--tmpfs", "/tmp",
            "--bind", _scratch, MountPoint,
        };
        string packages = KernelTool.PackageCache();
        args.AddRange(["--ro-bind", packages, packages]);
        // The kernel may live outside the package cache (the prepared fast kernel, see FastKernel): visible, read-only.
        string toolFolder = Path.GetDirectoryName(Path.GetFullPath(toolDll))!;
        if (!toolFolder.StartsWith(Path.TrimEndingDirectorySeparator(packages) + "/", StringComparison.Ordinal)) args.AddRange(["--ro-bind", toolFolder, toolFolder]);
        string dotnetRoot = Path.GetDirectoryName(Path.GetFullPath(ResolveOnPath(dotnet)))!;
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal)) args.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
        foreach (var (from, to) in _readOnly) args.AddRange(["--ro-bind", from, MountPoint + to[_scratch.Length..]]);
        args.AddRange(["--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", $"{MountPoint}/home", "--setenv", "NUGET_PACKAGES", packages]);
        foreach (var (name, value) in environment) args.AddRange(["--setenv", name, value]);
        args.AddRange(["--chdir", WorkingDirectory, "--", "/usr/bin/prlimit", $"--cpu={(int)options.CpuLimit.TotalSeconds}", "--core=0", "--", dotnet]);
        // No RLIMIT_FSIZE: the runtime maps its JIT-compiled code through a memory file (W^X), which a file-size
        // limit breaks ("Out of memory"). Files can only be written to the scratch folder and a 256 MiB /tmp.
        args.AddRange(KernelTool.Arguments(toolDll, WorkingDirectory));
        if (_cgroup is null) return new KernelLaunch(_support.Bubblewrap, args, _scratch, new Dictionary<string, string>()) { OutputLimitBytes = options.OutputLimitBytes };
        // The shell joins the cgroup, then becomes bubblewrap: every process and thread of the kernel counts against pids.max.
        string procs = Path.Combine(_cgroup, "cgroup.procs");
        return new KernelLaunch("/bin/sh", ["-c", $"echo $$ > '{procs}' && exec \"$@\"", "sh", _support.Bubblewrap, .. args], _scratch, new Dictionary<string, string>()) { OutputLimitBytes = options.OutputLimitBytes };
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        if (_cgroup is not null)
            try { Directory.Delete(_cgroup); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
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
        File.WriteAllText(Path.Combine(etc, "passwd"), $"learner:x:1000:1000:learner:{MountPoint}/home:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
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
