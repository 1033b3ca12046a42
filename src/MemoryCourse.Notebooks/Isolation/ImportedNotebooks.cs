using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// Notebooks that other notebooks of the same run <c>#!import</c>, such as the course's <c>setup.dib</c>,
/// which every chapter imports: they are parts of the chapters, not chapters. Each one runs inside every
/// notebook that imports it, so a run of a whole folder leaves it out (not run, not counted, not in the book).
/// A notebook named on its own is always run.
/// </summary>
public static class ImportedNotebooks
{
    /// <summary>The notebooks of <paramref name="files"/> that no other of them imports, in the order given.</summary>
    public static IReadOnlyList<string> Without(IReadOnlyList<string> files)
    {
        var importedByAnother = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string self = Path.GetFullPath(file);
            string folder = Path.GetDirectoryName(self)!;
            try
            {
                foreach (var cell in NotebookFile.Load(file).Elements.Where(e => e.KernelName is null or KernelNames.CSharp))
                    foreach (var relative in NotebookDirectives.Imports(cell.Contents))
                        if (Path.GetFullPath(Path.Combine(folder, relative)) is var target && target != self)
                            importedByAnother.Add(target);
            }
            catch (NotebookFormatException) { } // not ours to report: the run reads it again and says what is wrong
        }
        return files.Where(f => !importedByAnother.Contains(Path.GetFullPath(f))).ToList();
    }
}
