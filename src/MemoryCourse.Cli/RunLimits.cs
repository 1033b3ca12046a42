using System.Globalization;

namespace MemoryCourse.Cli;

/// <summary>
/// The limits <c>run</c> and <c>grade</c> give each notebook's kernel, checked before any work: a per-cell time
/// limit that is a number of seconds between a millisecond and a day (not NaN, not infinite, not so large that
/// no clock can hold it), a memory cap a kernel can start in, and a positive number of notebooks at once. A
/// limit out of range would otherwise fail every notebook, or the whole class, for the instructor's mistake.
/// </summary>
internal static class RunLimits
{
    public const double MaxTimeoutSeconds = 86_400;
    public const int MinMemoryMiB = 256;
    public const int MaxMemoryMiB = 1 << 20;
    public const int MaxParallel = 256;

    /// <summary>Null when the limits are sane; otherwise one line naming the option and its value.</summary>
    public static string? Problem(double timeoutSeconds, int memoryMiB, int parallel)
    {
        if (!double.IsFinite(timeoutSeconds) || timeoutSeconds < 0.001 || timeoutSeconds > MaxTimeoutSeconds)
            return $"--timeout {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}: the per-cell time limit must be a number of seconds from 0.001 to {MaxTimeoutSeconds:0} (a day)";
        if (memoryMiB < MinMemoryMiB || memoryMiB > MaxMemoryMiB)
            return $"--memory {memoryMiB}: the memory cap must be from {MinMemoryMiB} MiB (a kernel needs about that to start) to {MaxMemoryMiB} MiB";
        if (parallel < 1 || parallel > MaxParallel)
            return $"--parallel {parallel}: must be from 1 to {MaxParallel}";
        return null;
    }
}
