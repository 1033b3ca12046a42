using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Where a chapter's graded runs get their kernels: every run a fresh kernel in a fresh sandbox, never one
/// that ran anything before. What this saves is the waiting: once a run's kernel is up, the next run's kernel
/// (and sandbox) starts, so that while one submission runs, the next one's kernel is already on its way, and
/// a submission finds it ready. At most one kernel waits ahead, and only while more runs are to come.
/// </summary>
internal sealed class SandboxedKernels(InteractiveDocument source, string sourcePath, GradeOptions options, Func<bool> moreToCome)
    : IAsyncDisposable
{
    private readonly object _gate = new();
    private SandboxedKernel? _ahead;
    private bool _closed;

    /// <summary>The options every graded run has: the run's limits, errors do not stop the run, a managed heap limit.</summary>
    public RunOptions Run { get; } = options.Run with { ContinueOnError = true, ManagedHeapLimit = true, Parameters = GradingParameters.Of(source) };

    /// <summary>A fresh sandboxed kernel for one run (the one started ahead, when there is one); the caller disposes it.</summary>
    public SandboxedKernel Take()
    {
        SandboxedKernel taken;
        lock (_gate)
        {
            taken = _ahead ?? Begin();
            _ahead = null;
        }
        _ = taken.Start.Ready.ContinueWith(_ => StartAhead(), TaskScheduler.Default);
        return taken;
    }

    private void StartAhead()
    {
        lock (_gate)
        {
            if (_ahead is not null || _closed || !moreToCome()) return;
            // A sandbox that cannot be made now is the next run's problem, reported in its own row by its own Take.
            try { _ahead = Begin(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or GradingException) { }
        }
    }

    private SandboxedKernel Begin()
    {
        string tool = options.Run.KernelDll ?? KernelTool.Find() ?? throw new GradingException(KernelTool.NotInstalledMessage);
        var sandbox = new GradingSandbox(source, sourcePath, options.Sandbox, Run);
        try { return new SandboxedKernel(sandbox, KernelStart.Begin(sandbox.Launch(tool, Run), NotebookExecutor.StartTimeout)); }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>Stops the kernel waiting ahead, if any; no other starts after this.</summary>
    public async ValueTask DisposeAsync()
    {
        SandboxedKernel? left;
        lock (_gate)
        {
            _closed = true;
            left = _ahead;
            _ahead = null;
        }
        if (left is not null) await left.DisposeAsync();
    }
}
