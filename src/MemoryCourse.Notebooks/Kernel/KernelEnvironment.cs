using System.Globalization;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// The environment a kernel process starts with. Besides quieting the tool's first-run banner and telemetry, two
/// settings change how fast, never what: tiered PGO off, which spends less CPU on instrumenting code that a
/// short-lived notebook process never runs long enough to profit from, and a higher call count before a method is
/// recompiled with full optimisation. Grading adds a hard limit on the managed heap, so a memory bomb fails its own
/// cell with an OutOfMemoryException. The limits in force are handed to the notebook too
/// (<see cref="MemoryCapVariable"/>, <see cref="HeapLimitVariable"/>), so that a chapter that warns about memory
/// quotes the cap it runs under, not a number written into it.
/// </summary>
public static class KernelEnvironment
{
    /// <summary>The kernel's environment variable with the memory cap of its process in MiB (<c>--memory</c>).</summary>
    public const string MemoryCapVariable = "MEMCOURSE_MEMORY_CAP_MIB";

    /// <summary>The kernel's environment variable with the hard limit of its managed heap in MiB, when there is one (grading).</summary>
    public const string HeapLimitVariable = "MEMCOURSE_HEAP_LIMIT_MIB";

    /// <summary>
    /// The variables for a kernel whose process tree may grow to <paramref name="memoryCapMiB"/>, with a hard limit on
    /// its managed heap when <paramref name="managedHeapLimit"/>; <paramref name="extra"/> adds or replaces variables.
    /// </summary>
    public static Dictionary<string, string> For(int memoryCapMiB, bool managedHeapLimit, IReadOnlyDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>
        {
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_TieredPGO"] = "0",
            // A method is recompiled with full optimisation after 1000 calls instead of 30: a kernel lives for one
            // notebook, and most of what it runs (the compilers, already compiled ahead of time in the fast kernel)
            // runs too few times to repay recompiling. Measured: the course 15% less CPU, a one-cell notebook 18%.
            ["DOTNET_TC_CallCountThreshold"] = "1000",
        };
        foreach (var (name, value) in extra) env[name] = value;
        env[MemoryCapVariable] = memoryCapMiB.ToString(CultureInfo.InvariantCulture);
        if (managedHeapLimit)
        {
            long heapMiB = Math.Max(64, memoryCapMiB - 512);
            env["DOTNET_GCHeapHardLimit"] = "0x" + (heapMiB << 20).ToString("x", CultureInfo.InvariantCulture);
            env[HeapLimitVariable] = heapMiB.ToString(CultureInfo.InvariantCulture);
        }
        return env;
    }
}
