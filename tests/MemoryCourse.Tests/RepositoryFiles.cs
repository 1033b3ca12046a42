namespace MemoryCourse.Tests;

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

    /// <summary>Runs of the original OSTEP simulators (first line the command, then its exact output); see its README.md.</summary>
    public static string OstepExamples => InRepo("tests", "MemoryCourse.Tests", "Ostep", "Simulators", "Examples");

    /// <summary>
    /// A file or folder of the malloc-lab reference traces (shared/reference/malloclab/...), which CI clones next to
    /// the repository; the nearest shared/ beside the repository or beside one of its parent folders is used.
    /// Fails with a clear message when the reference set is missing.
    /// </summary>
    public static string MallocLab(params string[] parts)
    {
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var lab = Path.Combine(dir.FullName, "shared", "reference", "malloclab");
            if (Directory.Exists(lab))
            {
                var path = Path.Combine([lab, .. parts]);
                if (!Directory.Exists(path) && !File.Exists(path))
                    throw new FileNotFoundException($"The malloc-lab reference set at {lab} has no {Path.Combine(parts)}.", path);
                return path;
            }
        }
        throw new DirectoryNotFoundException(
            $"The malloc-lab reference traces are missing: no shared/reference/malloclab beside {Root} or its parents. " +
            "Clone the shared reference set next to the repository.");
    }
}
