namespace MemoryCourse.Notebooks.Documents;

/// <summary>Loads a notebook by its extension: <c>.dib</c> or <c>.ipynb</c>.</summary>
public static class NotebookFile
{
    public static bool IsNotebookPath(string path) =>
        path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    public static Notebook Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookFormatException(path, 0, "no such file");
        if (path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) return IpynbFormat.Load(path);
        if (path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase)) return DibFormat.Load(path);
        throw new NotebookFormatException(path, 0, "not a notebook: expected a .dib or .ipynb file");
    }
}
