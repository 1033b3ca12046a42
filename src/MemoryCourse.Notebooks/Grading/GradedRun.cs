using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// The outcome of one graded run: the recorder's records (null when the run did not reach them), failures of
/// check cells, and where it stopped.
/// </summary>
internal sealed record GradedRun(IReadOnlyList<CheckRecord>? Records, IReadOnlyDictionary<string, string> CheckFailures,
    IReadOnlyDictionary<int, CellFailure> ExerciseFailures, GradedCell? StoppedAt, string? Failure)
{
    /// <summary>The failures of check cells, with their line in the graded cell.</summary>
    public IReadOnlyDictionary<string, CellFailure> CheckFailureLines { get; init; } = new Dictionary<string, CellFailure>();

    /// <summary>Per check, the last line of its hidden checks that began to run (the reference run marks them).</summary>
    public IReadOnlyDictionary<string, int> HiddenLineReached { get; init; } = new Dictionary<string, int>();
}
