using MemoryCourse.Notebooks.Kernel;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>A fresh kernel on its way up inside its own fresh sandbox: one graded run's, and no one else's.</summary>
internal sealed class SandboxedKernel(GradingSandbox sandbox, KernelStart start) : IAsyncDisposable
{
    public GradingSandbox Sandbox { get; } = sandbox;

    public KernelStart Start { get; } = start;

    /// <summary>
    /// Stops the kernel if no run took it (once it is up: a half-started process is not left behind), then
    /// deletes the sandbox's scratch folder and cgroups. A run that took the kernel has stopped it already.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try { (await Start.TakeAsync().ConfigureAwait(false)).Dispose(); }
        catch (InvalidOperationException) { } // a run took it, and stopped it when it ended
        catch (KernelStartException) { } // it never came up: nothing to stop
        Sandbox.Dispose();
    }
}
