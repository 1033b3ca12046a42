namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// A notebook file that cannot be read: the message names the file, the line (when the problem has one: a
/// missing file has none) and what was wrong.
/// </summary>
public sealed class NotebookFormatException(string path, int line, string problem)
    : Exception(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
