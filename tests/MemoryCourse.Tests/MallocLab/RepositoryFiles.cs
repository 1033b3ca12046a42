namespace MemoryCourse.Tests.MallocLab;

/// <summary>Finds files of the repository (and the reference set cloned beside it) from a test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding MemoryCourse.sln, found by walking up from the test assembly.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No folder holding MemoryCourse.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// A folder of the malloc-lab reference traces (shared/reference/malloclab/...), which CI clones next to the
    /// repository. Fails with a clear message when the reference set is missing.
    /// </summary>
    public static string MallocLab(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([Root, "..", "shared", "reference", "malloclab", .. parts]));
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new DirectoryNotFoundException(
                $"The malloc-lab reference traces are missing: expected {path}. Clone the shared reference set next to the repository.");
        return path;
    }
}
