using System.Globalization;

namespace MemoryCourse.Cli;

/// <summary>
/// The limits <c>run</c> and <c>grade</c> give each notebook's kernel, checked before any work: a per-cell time
/// limit that is a number of seconds between a millisecond and a day (not NaN, not infinite, not so large that
/// no clock can hold it), a memory cap a kernel can start in, and a positive number of notebooks at once. A
/// limit out of range would otherwise fail every notebook, or the whole class, for the instructor's mistake.
/// Each check answers null when the value is sane, otherwise one line naming the option and its value.
/// </summary>
internal static class RunLimits
{
    public const double MaxTimeoutSeconds = 86_400;
    public const int MinMemoryMiB = 256;
    public const int MaxMemoryMiB = 1 << 20;
    public const int MaxParallel = 256;

    /// <summary>The per-cell time limit, <c>--timeout</c>.</summary>
    public static string? Timeout(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0.001 && seconds <= MaxTimeoutSeconds ? null
            : $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)}: the per-cell time limit must be a number of seconds "
              + $"from 0.001 to {MaxTimeoutSeconds:0} (a day)";

    /// <summary>The kernel's memory cap, <c>--memory</c>.</summary>
    public static string? Memory(int mib) =>
        mib is >= MinMemoryMiB and <= MaxMemoryMiB ? null
            : $"--memory {mib}: the memory cap must be from {MinMemoryMiB} MiB (a kernel needs about that to start) to {MaxMemoryMiB} MiB";

    /// <summary>How many notebooks run at once, <c>--parallel</c>.</summary>
    public static string? Parallel(int count) => count is >= 1 and <= MaxParallel ? null : $"--parallel {count}: must be from 1 to {MaxParallel}";
}
