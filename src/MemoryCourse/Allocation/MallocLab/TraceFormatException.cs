namespace MemoryCourse.Allocation.MallocLab;

/// <summary>
/// A malloc-lab trace that cannot be replayed: names the file, the line and what is wrong there
/// (<c>FILE:LINE: PROBLEM</c>), or only the file when the problem is the whole file (line 0: it cannot be read).
/// </summary>
public sealed class TraceFormatException(string source, int line, string problem)
    : FormatException(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
{
    /// <summary>The file (or name) the trace came from.</summary>
    public string SourceName { get; } = source;

    /// <summary>1-based line of the problem; 0 when it concerns the whole file.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;
}
