namespace MemoryCourse.Notebooks.Tests;

/// <summary>Folders of the repository, found by walking up from the test binaries to MemoryCourse.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static string Fixtures => Path.Combine(Root, "tests", "MemoryCourse.Notebooks.Tests", "Fixtures");

    public static string Images => Path.Combine(Root, "images");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) return dir.FullName;
        throw new InvalidOperationException($"MemoryCourse.sln not found above {AppContext.BaseDirectory}");
    }
}
