namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// A kernel process on its way up, started perhaps well before the notebook that will use it: while one
/// notebook (or one graded submission) runs, the next one's kernel can already start, so its start-up costs
/// no waiting. The kernel is still fresh and the notebook's own: it is started with that notebook's folder,
/// environment and limits, and nothing is sent to it before the notebook's first cell. Whoever takes it owns
/// it; one never taken is stopped when this is disposed.
/// </summary>
public sealed class KernelStart : IDisposable
{
    private readonly Task<KernelProcess> _kernel;
    private int _taken;

    private KernelStart(KernelLaunch launch, Task<KernelProcess> kernel)
    {
        Launch = launch;
        _kernel = kernel;
    }

    /// <summary>How the kernel is being started.</summary>
    public KernelLaunch Launch { get; }

    /// <summary>Completes when the kernel is ready, or failed to start (never throws).</summary>
    public Task Ready => _kernel.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Starts the kernel now (the process starts at once; readiness comes later).</summary>
    public static KernelStart Begin(KernelLaunch launch, TimeSpan startTimeout) =>
        new(launch, StartAsync(launch, startTimeout));

    private static async Task<KernelProcess> StartAsync(KernelLaunch launch, TimeSpan startTimeout) =>
        (await KernelProcess.StartAsync(launch, startTimeout).ConfigureAwait(false)).Kernel;

    /// <summary>The ready kernel, now owned by the caller; throws <see cref="KernelStartException"/> when it could not start. Only once.</summary>
    public Task<KernelProcess> TakeAsync()
    {
        if (Interlocked.Exchange(ref _taken, 1) != 0) throw new InvalidOperationException("this kernel was already taken");
        return _kernel;
    }

    /// <summary>Stops the kernel unless it was taken.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _taken, 1) != 0) return;
        _kernel.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); }, TaskScheduler.Default);
    }
}
