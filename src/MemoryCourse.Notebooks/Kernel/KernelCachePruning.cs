using System.Runtime.InteropServices;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// Keeps the fast-kernel cache from growing with every .NET update. A prepared kernel (about 230 MB) is compiled for
/// one runtime version (<see cref="FastKernel.Key"/>), and only a process running on that version ever chooses it; once
/// that runtime is installed nowhere on this machine (<see cref="InstalledRuntimes"/>), no engine here can run it again.
/// Such kernels (and their lock files) are removed after a new kernel has been prepared. Kernels for runtimes still
/// installed stay, whatever their tool version: another checkout of the course may pin another tool.
/// </summary>
internal static class KernelCachePruning
{
    /// <summary>The prepared kernels in <paramref name="cacheFolder"/> whose runtime is not one of <paramref name="installedRuntimes"/>.</summary>
    public static IReadOnlyList<string> Stale(string cacheFolder, IReadOnlySet<string> installedRuntimes)
    {
        if (!Directory.Exists(cacheFolder)) return [];
        return Directory.GetDirectories(cacheFolder)
            .Where(d => RuntimeOf(Path.GetFileName(d)) is { } runtime && !installedRuntimes.Contains(runtime))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // The runtime version in a prepared kernel's name for this kind of machine, as FastKernel.Key writes it
    // (dotnet-interactive-{tool}-r2r-netcore-{runtime}-{runtime identifier}); null for any other name, a half-built
    // "….partial-{pid}" folder included.
    private static string? RuntimeOf(string name)
    {
        const string Prefix = "dotnet-interactive-", Middle = "-r2r-netcore-";
        string suffix = "-" + RuntimeInformation.RuntimeIdentifier;
        int middle = name.IndexOf(Middle, StringComparison.Ordinal);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal) || middle < 0) return null;
        int start = middle + Middle.Length, end = name.Length - suffix.Length;
        return end > start ? name[start..end] : null;
    }

    /// <summary>
    /// Removes the stale kernels (<see cref="Stale"/>) with their lock files, telling <paramref name="progress"/> what went
    /// and how much room it freed. A kernel that cannot be removed (held by another user, say) is left as it is.
    /// </summary>
    public static IReadOnlyList<string> Prune(string cacheFolder, IReadOnlySet<string> installedRuntimes, Action<string> progress)
    {
        var removed = new List<string>();
        foreach (var folder in Stale(cacheFolder, installedRuntimes))
        {
            long bytes = Size(folder);
            try
            {
                Directory.Delete(folder, recursive: true);
                File.Delete(folder + ".lock");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            removed.Add(folder);
            progress($"Removed the fast kernel {Path.GetFileName(folder)} ({bytes >> 20} MiB): its .NET runtime is no longer installed.");
        }
        return removed;
    }

    /// <summary>
    /// The versions of Microsoft.NETCore.App installed on this machine (e.g. 10.0.12): beside the runtime this process
    /// runs on, and in the other places .NET is commonly installed (<c>$DOTNET_ROOT</c>, <c>~/.dotnet</c>, the
    /// distribution's and Microsoft's folders), so that a machine with two installations keeps a kernel for each.
    /// </summary>
    public static IReadOnlySet<string> InstalledRuntimes()
    {
        string runtime = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        var frameworkFolders = new List<string> { Path.GetDirectoryName(runtime)! };
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string?[] roots =
        [
            Environment.GetEnvironmentVariable("DOTNET_ROOT"), Path.Combine(home, ".dotnet"),
            "/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet", "/opt/dotnet",
        ];
        frameworkFolders.AddRange(roots.OfType<string>().Where(r => r.Length > 0).Select(r => Path.Combine(r, "shared", "Microsoft.NETCore.App")));
        return frameworkFolders.Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories).Select(Path.GetFileName).OfType<string>()
            .Append(FastKernel.RuntimeVersion())
            .ToHashSet(StringComparer.Ordinal);
    }

    private static long Size(string folder)
    {
        try { return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }
}
