using System.Collections.Concurrent;
using System.Diagnostics;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// Starts kernel processes so that they die with the process that started them. A kernel whose parent
/// vanished (a test host killed on a timeout, a <c>kill -9</c>) would otherwise live on, and the kernel,
/// once its standard input closes, spins on a core. On Linux each child is started through
/// <c>setpriv --pdeathsig KILL</c>, and from one dedicated thread that lives as long as this process:
/// the kernel's parent-death signal fires when the <i>thread</i> that forked it ends, so a pool thread
/// (which retires when idle) must not be the one that starts it.
/// </summary>
internal static class ChildProcessLauncher
{
    private const string SetPriv = "/usr/bin/setpriv";
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Done)> Queue = [];
    private static readonly Lazy<Thread> Starter = new(() =>
    {
        var thread = new Thread(() =>
        {
            foreach (var (start, done) in Queue.GetConsumingEnumerable())
            {
                try { done.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}")); }
                catch (Exception e) { done.SetException(e); }
            }
        }) { IsBackground = true, Name = "kernel process starter" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts <paramref name="start"/>, tied to this process's life where the system allows it.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        if (OperatingSystem.IsLinux() && File.Exists(SetPriv))
        {
            var args = start.ArgumentList.ToList();
            start.ArgumentList.Clear();
            foreach (var a in (string[])["--pdeathsig", "KILL", "--", start.FileName, .. args]) start.ArgumentList.Add(a);
            start.FileName = SetPriv;
        }
        var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Starter.Value;
        Queue.Add((start, done));
        return done.Task;
    }
}
