using System.Runtime.InteropServices;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// The pinned kernel made quick to start: the very same dotnet-interactive tool, with its assemblies compiled
/// ahead of time to native code (ReadyToRun) by the SDK's own compiler, crossgen2. A ReadyToRun assembly
/// still carries all of its IL and metadata; the runtime only skips compiling the methods it finds already
/// compiled (and may recompile hot ones, as it does for the framework's own assemblies), so every cell runs
/// the same code with the same results, without the runtime compiling Roslyn, F# and PowerShell anew on every
/// kernel start. The fidelity tests run their notebooks through both kernels and compare them cell by cell.
/// <para>
/// The images are prepared once per machine, tool version and runtime version, into a per-user cache
/// (<see cref="CacheFolder"/>), the first time a notebook runs; that takes a few CPU-minutes and says so
/// with progress lines. The folder appears whole or not at all (it is built beside the cache and renamed
/// into place); a process that finds another one preparing it waits for that one. Where preparation is
/// impossible (no crossgen2 pack, no feed, a read-only cache) the engine runs the plain tool and says why once.
/// </para>
/// </summary>
public static class FastKernel
{
    /// <summary>Set to <c>off</c> to always run the plain tool.</summary>
    public const string SwitchVariable = "MEMCOURSE_FAST_KERNEL";

    /// <summary>Set to a folder to keep the prepared kernels there instead of the user's cache folder.</summary>
    public const string CacheVariable = "MEMCOURSE_KERNEL_CACHE";

    /// <summary>The file a complete prepared kernel holds: what was compiled, what stayed IL and why.</summary>
    public const string ManifestName = "memcourse-ready-to-run.txt";

    private static readonly object Gate = new();
    private static Task<KernelChoice>? _prepared;

    /// <summary>True unless <see cref="SwitchVariable"/> turns the fast kernel off.</summary>
    public static bool Enabled =>
        !string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where prepared kernels are kept: <see cref="CacheVariable"/>, else <c>$XDG_CACHE_HOME/memcourse/kernels</c>,
    /// else <c>~/.cache/memcourse/kernels</c>.
    /// </summary>
    public static string CacheFolder()
    {
        if (Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured) return Path.GetFullPath(configured);
        string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "memcourse", "kernels");
    }

    /// <summary>
    /// The prepared kernel's folder name: the tool's version, the runtime that will run it and the machine's
    /// kind. Native code is compiled for one runtime and one kind of processor, so another runtime or another
    /// tool version gets a folder of its own.
    /// </summary>
    public static string Key =>
        $"dotnet-interactive-{KernelTool.Version}-r2r-netcore-{RuntimeVersion()}-{RuntimeInformation.RuntimeIdentifier}";

    /// <summary>The prepared kernel's entry assembly, or null when it is not (completely) prepared.</summary>
    public static string? FindPrepared() => FindPrepared(CacheFolder());

    internal static string? FindPrepared(string cacheFolder)
    {
        string folder = Path.Combine(cacheFolder, Key);
        string dll = Path.Combine(folder, KernelTool.EntryAssembly);
        return File.Exists(Path.Combine(folder, ManifestName)) && File.Exists(dll) ? dll : null;
    }

    /// <summary>
    /// The kernel to run: the prepared fast kernel, prepared now if it is missing (once per process, however
    /// many callers ask at once), or else the plain tool with the reason. <paramref name="progress"/> gets the
    /// progress lines of a preparation and the reason for falling back; every caller of a process gets the
    /// same answer, and only the first caller's <paramref name="progress"/> hears about it.
    /// </summary>
    public static Task<KernelChoice> ChooseAsync(Action<string>? progress)
    {
        lock (Gate)
            return _prepared ??= Task.Run(() => Choose(progress ?? (_ => { }), CacheFolder()));
    }

    /// <summary>The choice made afresh, with the prepared kernels kept in <paramref name="cacheFolder"/>.</summary>
    internal static KernelChoice Choose(Action<string> progress, string cacheFolder)
    {
        string? plain = KernelTool.FindPlain();
        if (plain is null) return new KernelChoice(null, false, KernelTool.NotInstalledMessage);
        if (!Enabled || KernelTool.Overridden) return new KernelChoice(plain, false, null);
        if (FindPrepared(cacheFolder) is { } ready) return new KernelChoice(ready, true, null);
        try
        {
            string prepared = new KernelImagePreparation(plain, Path.Combine(cacheFolder, Key), progress).Run();
            return new KernelChoice(prepared, true, null);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the plain tool is the same kernel: a failed preparation never stops a run.
            string why = e is KernelPreparationException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            string note = $"the fast kernel could not be prepared ({why}), so notebooks run in the plain dotnet-interactive tool " +
                "(the same kernel, slower to start)";
            progress(note);
            return new KernelChoice(plain, false, note);
        }
    }

    /// <summary>The version of the runtime this process (and so every kernel it starts) runs on, e.g. 10.0.12.</summary>
    public static string RuntimeVersion() =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory()));
}

/// <summary>Which kernel a run uses: the prepared fast kernel, or the plain tool (with why, when it fell back).</summary>
/// <param name="Dll">The kernel's entry assembly, or null when no kernel is installed.</param>
/// <param name="ReadyToRun">True for the prepared fast kernel.</param>
/// <param name="Note">Why the plain tool runs instead, when preparation failed; null otherwise.</param>
public sealed record KernelChoice(string? Dll, bool ReadyToRun, string? Note);

/// <summary>The fast kernel could not be prepared; the message says why in one line.</summary>
public sealed class KernelPreparationException(string message) : Exception(message);
