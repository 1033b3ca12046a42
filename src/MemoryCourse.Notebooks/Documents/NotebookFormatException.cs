namespace MemoryCourse.Notebooks.Documents;

/// <summary>A notebook file that cannot be read: the message names the file, the line and what was wrong.</summary>
public sealed class NotebookFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
