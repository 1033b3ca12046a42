namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// One check call as a grader sees it: which check cell it belongs to, what kind of comparison, what it
/// checks, and the two values as JSON (or, for <c>True</c>, the condition's value), with the tolerance of
/// a <c>Near</c>. <see cref="Problem"/> is set when a value could not be written down (too large, cyclic).
/// </summary>
public sealed record CheckRecord(string Check, string Kind, string What, string? Hint, string? Expected, string? Actual, double Tolerance, string? Problem);
