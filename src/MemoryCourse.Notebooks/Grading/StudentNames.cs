namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// A student's name: the submission's file name, or its folder's name when the file keeps the chapter's
/// name (submissions/alice/04-heap-fragmentation.dib is alice). Clashes get the folder added.
/// </summary>
public static class StudentNames
{
    /// <summary>The name of each submission's student, in the order given.</summary>
    public static IReadOnlyList<string> Of(string sourcePath, IReadOnlyList<string> submissions)
    {
        string sourceStem = Path.GetFileNameWithoutExtension(sourcePath);
        var names = submissions.Select(s =>
        {
            string stem = Path.GetFileNameWithoutExtension(s);
            return stem == sourceStem ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(s))) ?? stem : stem;
        }).ToList();
        for (int i = 0; i < names.Count; i++)
            if (names.Count(n => n == names[i]) > 1)
                names[i] = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(submissions[i])))}/{Path.GetFileName(submissions[i])}";
        return names;
    }
}
