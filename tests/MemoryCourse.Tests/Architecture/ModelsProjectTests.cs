using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Tests.Architecture;

/// <summary>
/// The models project sits at the bottom of the solution: the notebook engine, the CLI and the notebooks use
/// it, and it uses nothing but the .NET runtime. A model hands back values; printing, drawing and running
/// cells belong to whoever calls it.
/// </summary>
public class ModelsProjectTests
{
    private static readonly string ModelsAssembly = typeof(PythonRandom).Assembly.Location;

    [Fact]
    public void The_models_reference_only_the_dotnet_runtime()
    {
        using var pe = new PEReader(File.OpenRead(ModelsAssembly));
        var md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(r => md.GetString(md.GetAssemblyReference(r).Name)).Order().ToList();

        var foreign = references.Where(name => !(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib")).ToList();

        Assert.True(foreign.Count == 0,
            "The models (src/MemoryCourse) must not reference other projects or packages, but reference: " + string.Join(", ", foreign));
    }

    /// <summary>
    /// Types that may write to the console, each with its reason. Only course support that speaks to the learner
    /// belongs here, never a model.
    /// </summary>
    private static readonly Dictionary<string, string> AllowedConsoleWriters = new()
    {
        ["MemoryCourse.Teaching.Checks.Check"] =
            "an exercise's check tells the learner in one line that it passed; that line is its whole purpose",
    };

    [Fact]
    public void No_model_writes_to_the_console()
    {
        var writers = TypeUses.Read(ModelsAssembly)
            .Where(t => t.Value.Contains("System.Console") && !AllowedConsoleWriters.ContainsKey(t.Key))
            .Select(t => t.Key).Order().ToList();

        Assert.True(writers.Count == 0,
            "Models return what they found (a record, a report's text) and leave printing to the notebook or the CLI; these use System.Console: " +
            string.Join(", ", writers));
    }

    /// <summary>
    /// Writable static fields the models may keep, each with its reason. A static that changes a result would make
    /// a notebook's output depend on which cells ran before, or a test on which tests ran before.
    /// </summary>
    private static readonly Dictionary<string, string> AllowedStatics = new()
    {
        ["MemoryCourse.Allocation.MallocLab.TraceReplayer._warmedUp"] =
            "whether this process's JIT has already warmed up the replay loop: it changes how long a measurement waits, never a result",
    };

    [Fact]
    public void Models_keep_no_writable_static_fields()
    {
        var writable = (
            from type in typeof(PythonRandom).Assembly.GetTypes()
            where !type.FullName!.Contains('<') // lambda and method-group caches the compiler fills in once
            from field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            where !field.IsLiteral && !field.IsInitOnly && !field.Name.Contains('<')
            let name = $"{type.FullName}.{field.Name}"
            where !AllowedStatics.ContainsKey(name)
            orderby name
            select name).ToList();

        Assert.True(writable.Count == 0,
            "Models keep their state in instances (a heap, an allocator, a page cache), so that every run starts from its inputs; " +
            "these static fields are writable: " + string.Join(", ", writable));
    }
}
