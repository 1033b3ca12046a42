using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;
using KernelInfo = Microsoft.DotNet.Interactive.KernelInfo;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>How to start a kernel process: the program, its arguments, folder and environment.</summary>
public sealed record KernelLaunch(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The most the process may write on its standard output before it is stopped.</summary>
    public long OutputLimitBytes { get; init; } = long.MaxValue;
}

/// <summary>How a command ended: the events it produced, and whether it succeeded, failed, or lost its process.</summary>
public sealed record KernelReply(IReadOnlyList<KernelEvent> Events, KernelReplyStatus Status, string? FailureMessage)
{
    public bool Succeeded => Status == KernelReplyStatus.Succeeded;
}

public enum KernelReplyStatus { Succeeded, Failed, ProcessExited }

/// <summary>
/// One running kernel: a <c>dotnet-interactive stdio</c> process spoken to the way VS Code speaks to it,
/// one JSON command envelope per line on its standard input, one event envelope per line back. Each
/// command gets a fresh root token (a random GUID, made by the command itself); only events carrying that
/// token, or a child token under it, count as that command's, so nothing else written to the process's
/// standard output can pose as a result. The process's standard error is kept (its tail holds the reason
/// when the process dies: a stack overflow, an abort).
/// </summary>
public sealed class KernelProcess : IDisposable
{
    private const int StderrKept = 64 * 1024;
    private readonly Process _process;
    private readonly KernelCommandAndEventSender _sender;
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<IReadOnlyList<KernelInfo>> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    private sealed class Pending(Action<KernelEvent>? onEvent)
    {
        public readonly List<KernelEvent> Events = [];
        public readonly TaskCompletionSource<KernelReply> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly Action<KernelEvent>? OnEvent = onEvent;
    }

    private readonly long _outputLimit;
    private long _outputBytes;

    private KernelProcess(Process process, long outputLimit)
    {
        _process = process;
        _outputLimit = outputLimit;
        var writer = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false)) { AutoFlush = false };
        _sender = KernelCommandAndEventSender.FromTextWriter(writer, new Uri("kernel://memcourse/"));
        _reading = Task.Run(ReadEventsAsync);
        _ = Task.Run(ReadStderrAsync);
    }

    private int _commandsSent;

    /// <summary>How many commands have been sent so far (the first one pays for the kernel's warm-up).</summary>
    public int CommandsSent => Volatile.Read(ref _commandsSent);

    /// <summary>The kernel process's id (for its resident size, and to stop it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once the process has ended.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>True when the process was stopped for writing more than its output limit.</summary>
    public bool OutputLimitExceeded { get; private set; }

    /// <summary>The last part of what the process wrote to standard error.</summary>
    public string StandardErrorTail { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts the process and waits for the kernel to say it is ready, listing its subkernels.</summary>
    public static async Task<(KernelProcess Kernel, IReadOnlyList<KernelInfo> Kernels)> StartAsync(KernelLaunch launch, TimeSpan startTimeout)
    {
        var start = new ProcessStartInfo(launch.FileName, launch.Arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in launch.Environment) start.Environment[name] = value;
        Process process;
        try { process = await ChildProcessLauncher.StartAsync(start); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new KernelStartException($"could not start {launch.FileName}: {e.Message}");
        }
        var kernel = new KernelProcess(process, launch.OutputLimitBytes);
        var ready = kernel._ready.Task;
        if (await Task.WhenAny(ready, Task.Delay(startTimeout)) != ready)
        {
            kernel.Kill();
            throw new KernelStartException($"the kernel did not become ready within {startTimeout.TotalSeconds:0} s{kernel.StderrSuffix()}");
        }
        try
        {
            return (kernel, await ready);
        }
        catch (KernelStartException)
        {
            kernel.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one command and completes when the kernel reports it succeeded or failed, or the process
    /// ended first. <paramref name="onEvent"/> sees each of the command's events as it arrives.
    /// </summary>
    public async Task<KernelReply> SendAsync(KernelCommand command, Action<KernelEvent>? onEvent = null)
    {
        string token = command.GetOrCreateToken();
        Interlocked.Increment(ref _commandsSent);
        var pending = new Pending(onEvent);
        _pending[token] = pending;
        if (_process.HasExited || _reading.IsCompleted)
        {
            _pending.TryRemove(token, out _);
            return new KernelReply([], KernelReplyStatus.ProcessExited, "the kernel process had already ended");
        }
        try
        {
            await _sender.SendAsync(command, CancellationToken.None);
        }
        catch (IOException)
        {
            // The pipe closed under us: the process is going; the reader completes the command.
        }
        return await pending.Done.Task;
    }

    /// <summary>Stops the process and everything it started.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Waits for the process to end (after <see cref="Kill"/>, or on its own).</summary>
    public async Task WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        await _reading;
    }

    public void Dispose()
    {
        Kill();
        try { _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private async Task ReadEventsAsync()
    {
        var reader = _process.StandardOutput;
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if ((_outputBytes += line.Length) > _outputLimit && !OutputLimitExceeded)
                {
                    OutputLimitExceeded = true;
                    Kill();
                }
                if (line.Length == 0 || line[0] != '{') continue;
                CommandOrEvent message;
                try { message = Serializer.DeserializeCommandOrEvent(line); }
                catch (Exception) { continue; } // not a protocol line
                if (message.Event is { } e) Route(e);
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            await Task.Run(() => { try { _process.WaitForExit(); } catch (InvalidOperationException) { } });
            string why = $"the kernel process ended{(ExitCode is { } c ? $" with exit code {c}" : "")}";
            _ready.TrySetException(new KernelStartException(why + StderrSuffix()));
            foreach (var (token, pending) in _pending)
                if (_pending.TryRemove(token, out _))
                    lock (pending.Events) pending.Done.TrySetResult(new KernelReply(pending.Events.ToList(), KernelReplyStatus.ProcessExited, why));
        }
    }

    private void Route(KernelEvent e)
    {
        if (e is KernelReady ready)
        {
            _ready.TrySetResult(ready.KernelInfos);
            return;
        }
        string? token = e.Command?.GetOrCreateToken();
        if (token is null) return;
        string root = RootToken(token);
        if (!_pending.TryGetValue(root, out var pending)) return;
        lock (pending.Events) pending.Events.Add(e);
        pending.OnEvent?.Invoke(e);
        if (token != root) return;
        KernelReplyStatus? status = e switch
        {
            CommandSucceeded => KernelReplyStatus.Succeeded,
            CommandFailed => KernelReplyStatus.Failed,
            _ => null,
        };
        if (status is null || !_pending.TryRemove(root, out _)) return;
        lock (pending.Events)
            pending.Done.TrySetResult(new KernelReply(pending.Events.ToList(), status.Value, (e as CommandFailed)?.Message));
    }

    // Child commands (a #!import's cells, a #r's restore) carry "root.1", "root.1.2": their events belong to the root's command.
    private static string RootToken(string token)
    {
        int dot = token.IndexOf('.');
        return dot < 0 ? token : token[..dot];
    }

    private async Task ReadStderrAsync()
    {
        var buffer = new char[4096];
        try
        {
            int n;
            while ((n = await _process.StandardError.ReadAsync(buffer)) > 0)
                lock (_stderr)
                {
                    _stderr.Append(buffer, 0, n);
                    if (_stderr.Length > StderrKept) _stderr.Remove(0, _stderr.Length - StderrKept); // the tail holds the reason
                }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private string StderrSuffix()
    {
        string tail = StandardErrorTail.Trim();
        return tail.Length == 0 ? "" : ": " + string.Join("\n", tail.Split('\n').TakeLast(5));
    }
}

/// <summary>The kernel process could not be started or ended before it was ready.</summary>
public sealed class KernelStartException(string message) : Exception(message);
