using MemoryCourse.Gc.TraceGc;

namespace MemoryCourse.Tests.Gc;

/// <summary>The captured node <c>--trace-gc</c> logs in data/trace-gc, which the Gc tests calibrate against.</summary>
internal static class Captures
{
    public static string PathOf(string file) => RepositoryFiles.InRepo("data", "trace-gc", file);

    public static TraceGcLog Read(string file) => TraceGcReader.ReadFile(PathOf(file));
}
