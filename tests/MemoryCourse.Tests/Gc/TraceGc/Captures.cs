using MemoryCourse.Gc.TraceGc;

namespace MemoryCourse.Tests.Gc.TraceGc;

/// <summary>Finds the captured node logs in data/trace-gc by walking up to the folder holding MemoryCourse.sln.</summary>
internal static class Captures
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException($"no MemoryCourse.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string PathOf(string file) => Path.Combine(RepoRoot, "data", "trace-gc", file);

    public static TraceGcLog Read(string file) => TraceGcReader.ReadFile(PathOf(file));
}
