using System.Globalization;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// The first fields of <c>/proc/PID/stat</c> that say what a process is, not what it uses: its command name
/// (in brackets, may hold spaces and brackets itself), its state letter (<c>R</c> running, <c>S</c> sleeping,
/// <c>Z</c> zombie: exited, waiting for its parent to collect the exit status), its kernel flags (bit
/// <see cref="KernelThreadFlag"/> marks a kernel thread, which has no user address space) and its start time
/// in clock ticks after boot, which together with the pid names one process even when pids are reused.
/// A zombie and a kernel thread have empty maps and smaps and no <c>Vm*</c> lines in status, so every
/// per-process view checks <see cref="EnsureHasAddressSpace"/> first, and <see cref="ReadWhileRunning{T}"/>
/// makes sure a process did not exit (leaving a cut-off or empty file) while it was being read.
/// </summary>
public sealed record ProcessStat(int Pid, string Command, char State, ulong Flags, ulong StartTime)
{
    /// <summary>PF_KTHREAD in the kernel's task flags.</summary>
    public const ulong KernelThreadFlag = 0x00200000;

    /// <summary>True for a process that has exited and not yet been collected by its parent (state Z, or X while it goes).</summary>
    public bool IsZombie => State is 'Z' or 'X' or 'x';

    /// <summary>True for a kernel thread (kthreadd and its children): no user memory at all.</summary>
    public bool IsKernelThread => (Flags & KernelThreadFlag) != 0;

    /// <summary>Parses the one line of <c>/proc/PID/stat</c>.</summary>
    public static ProcessStat Parse(string text, string source = "stat")
    {
        string line = text.TrimEnd('\n');
        int open = line.IndexOf(" (", StringComparison.Ordinal);
        int close = line.LastIndexOf(") ", StringComparison.Ordinal);
        if (open <= 0 || close < open)
            throw new FormatException($"{source}:1: expected 'PID (COMMAND) STATE ...'");
        if (!int.TryParse(line[..open], NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            throw new FormatException($"{source}:1: the pid is not a whole number");
        var rest = line[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state), so field N is rest[N - 3]: flags is field 9, starttime field 22.
        if (rest.Length < 20 || rest[0].Length != 1
            || !ulong.TryParse(rest[6], NumberStyles.None, CultureInfo.InvariantCulture, out ulong flags)
            || !ulong.TryParse(rest[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start))
            throw new FormatException($"{source}:1: the state, flags (field 9) or start time (field 22) is missing or malformed");
        return new ProcessStat(pid, line[(open + 2)..close], rest[0][0], flags, start);
    }

    /// <summary>Reads the stat line of a live process.</summary>
    public static ProcessStat ForProcess(int pid)
    {
        string path = ProcFs.PathOf(pid, "stat");
        return Parse(ProcFs.ReadText(path), path);
    }

    /// <summary>Throws a <see cref="ProcUnavailableException"/> saying why when the process has no user memory to show.</summary>
    public void EnsureHasAddressSpace()
    {
        if (IsZombie)
            throw new ProcUnavailableException(ProcFs.PathOf(Pid, "stat"),
                $"process {Pid} ({Command}) is a zombie: it has exited and its memory is gone; only its exit status waits for its parent");
        if (IsKernelThread)
            throw new ProcUnavailableException(ProcFs.PathOf(Pid, "stat"),
                $"process {Pid} ({Command}) is a kernel thread: it has no user address space, so it has no memory of its own to show");
    }

    /// <summary>
    /// Runs <paramref name="read"/> (which reads some of the process's files) and checks afterwards that the same
    /// process is still there and has not become a zombie: a process that exits while its smaps is being read
    /// leaves a cut-off or empty file, which must not be reported as its memory. Throws a
    /// <see cref="ProcUnavailableException"/> in that case, and when the process has no address space to begin with.
    /// </summary>
    public static T ReadWhileRunning<T>(int pid, Func<T> read)
    {
        var before = ForProcess(pid);
        before.EnsureHasAddressSpace();
        var result = read();
        ProcessStat? after;
        try { after = ForProcess(pid); }
        catch (ProcUnavailableException) { after = null; }
        if (after is null || after.StartTime != before.StartTime || after.IsZombie)
            throw new ProcUnavailableException(ProcFs.PathOf(pid, ""),
                $"process {pid} ({before.Command}) exited while its memory was being read; what was read would be incomplete, so nothing is shown");
        return result;
    }
}
