using MemoryCourse.Notebooks.Kernel;

namespace MemoryCourse.Notebooks.Tests.Kernel;

/// <summary>A kernel is told the limits it runs under, so that a chapter's warning quotes the ones in force.</summary>
public class KernelEnvironmentTests
{
    private static readonly Dictionary<string, string> NoExtra = [];

    [Fact]
    public void The_kernel_is_told_its_memory_cap_as_given()
    {
        var env = KernelEnvironment.For(3000, managedHeapLimit: false, NoExtra);
        Assert.Equal("3000", env[KernelEnvironment.MemoryCapVariable]);
        Assert.False(env.ContainsKey(KernelEnvironment.HeapLimitVariable));
        Assert.False(env.ContainsKey("DOTNET_GCHeapHardLimit"));
    }

    [Fact]
    public void Grading_also_tells_the_kernel_its_managed_heap_limit()
    {
        var env = KernelEnvironment.For(1536, managedHeapLimit: true, NoExtra);
        Assert.Equal("1536", env[KernelEnvironment.MemoryCapVariable]);
        Assert.Equal("1024", env[KernelEnvironment.HeapLimitVariable]);
        Assert.Equal("0x" + (1024L << 20).ToString("x"), env["DOTNET_GCHeapHardLimit"]);
    }

    [Fact]
    public void Extra_variables_are_added_but_cannot_hide_the_cap()
    {
        var env = KernelEnvironment.For(2048, managedHeapLimit: false,
            new Dictionary<string, string> { ["PATH"] = "/usr/bin", [KernelEnvironment.MemoryCapVariable] = "99999" });
        Assert.Equal("/usr/bin", env["PATH"]);
        Assert.Equal("2048", env[KernelEnvironment.MemoryCapVariable]);
    }
}
