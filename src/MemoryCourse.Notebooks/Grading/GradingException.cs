namespace MemoryCourse.Notebooks.Grading;

/// <summary>The source cannot be graded with: the message says why.</summary>
public sealed class GradingException(string message) : Exception(message);
