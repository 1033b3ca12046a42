using MemoryCourse.Notebooks.Kernel;

namespace MemoryCourse.Notebooks.Tests;

/// <summary>A test that needs the pinned kernel tool: skipped, with the reason, where it is not restored.</summary>
internal sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (KernelTool.Find() is null) Skip = KernelTool.NotInstalledMessage;
    }
}

/// <summary>A theory that needs the pinned kernel tool: skipped, with the reason, where it is not restored.</summary>
internal sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute()
    {
        if (KernelTool.Find() is null) Skip = KernelTool.NotInstalledMessage;
    }
}
