using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>How to grade: the run's limits, an instructor's hidden checks, and which slice of the class to take.</summary>
public sealed record GradeOptions(RunOptions Run)
{
    /// <summary>Extra check code per check, from <c>--hidden FILE</c> (see <see cref="HiddenChecks"/>).</summary>
    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>();

    /// <summary>Grade only the K-th of N deterministic slices of the submissions (1-based), or all when null.</summary>
    public (int K, int N)? Shard { get; init; }

    /// <summary>
    /// Runs exercise cells without the exercise screen. Only for tests that prove the verdict and the quotas hold
    /// even against code that got past the screen; never set by <c>memcourse grade</c>.
    /// </summary>
    internal bool Unscreened { get; init; }

    /// <summary>What the machine offers for sandboxing (probed once by the caller).</summary>
    public SandboxSupport Sandbox { get; init; } = SandboxSupport.Probe();

    /// <summary>
    /// Where reference runs are kept for the next grading of the same chapter on this machine (another shard, a
    /// second class), or null to run the reference every time; see <see cref="ReferenceCache"/>.
    /// </summary>
    public string? ReferenceCacheFolder { get; init; } = ReferenceCache.DefaultFolder();
}
