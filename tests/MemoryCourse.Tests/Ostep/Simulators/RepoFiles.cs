namespace MemoryCourse.Tests.Ostep.Simulators;

/// <summary>Files of the source tree, found from the test binary by walking up to the folder holding MemoryCourse.sln.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string ExamplesDirectory => Path.Combine(Root, "tests", "MemoryCourse.Tests", "Ostep", "Simulators", "Examples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no MemoryCourse.sln above {AppContext.BaseDirectory}");
    }
}
