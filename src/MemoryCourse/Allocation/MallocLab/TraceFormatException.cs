namespace MemoryCourse.Allocation.MallocLab;

/// <summary>A malloc-lab trace that cannot be replayed: names the file, the line and what is wrong there.</summary>
public sealed class TraceFormatException(string source, int line, string problem)
    : FormatException($"{source}:{line}: {problem}")
{
    /// <summary>The file (or name) the trace came from.</summary>
    public string SourceName { get; } = source;

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;
}
