using System.Globalization;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// <c>/proc/stat</c>: system-wide activity since boot. <see cref="Cpu"/> is the sum over all CPUs and
/// <see cref="Cpus"/> has one line per CPU; <see cref="Interrupts"/> is the first number of the
/// <c>intr</c> line (the total), <see cref="ContextSwitches"/> the <c>ctxt</c> line, <see cref="BootTime"/>
/// seconds since the Unix epoch, <see cref="ProcessesCreated"/> forks since boot, and
/// <see cref="ProcsRunning"/>/<see cref="ProcsBlocked"/> the current run queue and tasks in
/// uninterruptible sleep (vmstat's r and b).
/// </summary>
public sealed record KernelStat(CpuTimes Cpu, IReadOnlyList<CpuTimes> Cpus, long Interrupts, long ContextSwitches,
    long BootTime, long ProcessesCreated, long ProcsRunning, long ProcsBlocked)
{
    /// <summary>Where the figures were read (a path, or "stat"), for messages about them.</summary>
    public string Source { get; init; } = "stat";

    /// <summary>Parses /proc/stat text.</summary>
    public static KernelStat Parse(string text, string source = "stat")
    {
        CpuTimes? all = null;
        var cpus = new List<CpuTimes>();
        long intr = 0, ctxt = 0, btime = 0, processes = 0, running = 0, blocked = 0;
        int lineNumber = 0;
        foreach (var line in ProcFieldSet.Lines(text))
        {
            lineNumber++;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            long Number(int i)
            {
                if (i >= parts.Length || !long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                    throw new FormatException(
                        $"{source}:{lineNumber}: field {i} of {InputText.Quote(parts[0])} is missing or not a whole number: {InputText.Quote(line)}");
                return v;
            }
            long Optional(int i) => i < parts.Length ? Number(i) : 0;
            string key = parts[0];
            if (key.StartsWith("cpu", StringComparison.Ordinal))
            {
                // Older kernels print fewer columns (steal since 2.6.11, guest 2.6.24, guest_nice 2.6.33).
                var t = new CpuTimes(key, Number(1), Number(2), Number(3), Number(4), Optional(5), Optional(6),
                    Optional(7), Optional(8), Optional(9), Optional(10));
                if (key == "cpu") all = t; else cpus.Add(t);
            }
            else if (key == "intr") intr = Number(1);
            else if (key == "ctxt") ctxt = Number(1);
            else if (key == "btime") btime = Number(1);
            else if (key == "processes") processes = Number(1);
            else if (key == "procs_running") running = Number(1);
            else if (key == "procs_blocked") blocked = Number(1);
        }
        if (all is null) throw new FormatException($"{source}:1: no aggregate 'cpu' line");
        return new KernelStat(all, cpus, intr, ctxt, btime, processes, running, blocked) { Source = source };
    }

    /// <summary>Reads this machine's /proc/stat.</summary>
    public static KernelStat ForSystem()
    {
        string path = ProcFs.PathOf("stat");
        return Parse(ProcFs.ReadText(path), path);
    }
}
