namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>How one check came out for one submission, before it becomes a gradebook row.</summary>
internal sealed record CheckOutcome(bool Passed, string Message, string? Hint = null);
