using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Isolation;

/// <summary>A kernel is told the limits it runs under, so that a chapter's warning quotes the ones in force.</summary>
public class KernelEnvironmentTests
{
    [Fact]
    public void The_kernel_is_told_its_memory_cap_as_given()
    {
        var env = NotebookRunner.KernelEnvironment(RunOptions.Default with { MemoryLimitMiB = 3000 });
        Assert.Equal("3000", env[NotebookRunner.MemoryCapVariable]);
        Assert.False(env.ContainsKey(NotebookRunner.HeapLimitVariable));
        Assert.Equal("2048", NotebookRunner.KernelEnvironment(RunOptions.Default)[NotebookRunner.MemoryCapVariable]);
    }

    [Fact]
    public void Grading_also_tells_the_kernel_its_managed_heap_limit()
    {
        var env = NotebookRunner.KernelEnvironment(RunOptions.Default with { MemoryLimitMiB = 1536, ManagedHeapLimit = true });
        Assert.Equal("1536", env[NotebookRunner.MemoryCapVariable]);
        Assert.Equal("1024", env[NotebookRunner.HeapLimitVariable]);
        Assert.Equal("0x" + (1024L << 20).ToString("x"), env["DOTNET_GCHeapHardLimit"]);
    }
}
