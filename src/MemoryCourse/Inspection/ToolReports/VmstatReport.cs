using System.Diagnostics;
using System.Text;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.ToolReports;

/// <summary>
/// Rebuilds <c>vmstat INTERVAL COUNT</c> from /proc/stat, /proc/vmstat and /proc/meminfo. The first line
/// is an average since boot; every later line covers one interval. A trap worth knowing: procps divides
/// the first line's counters by the total CPU ticks of all CPUs (not by the uptime), so on a machine with
/// N CPUs the first line's bi, bo, in and cs are 1/N of the real per-second average since boot. Later lines
/// divide by the interval's real length.
/// </summary>
public static class VmstatReport
{
    /// <summary>Clock ticks per second in /proc/stat (USER_HZ, fixed at 100 on Linux).</summary>
    public const int TicksPerSecond = 100;

    public const string Header1 = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----";
    public const string Header2 = " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st";

    /// <summary>
    /// vmstat's first line: averages since boot. Counters too large to turn into rates in 64 bits are a
    /// <see cref="FormatException"/> naming the files.
    /// </summary>
    public static VmstatSample SinceBoot(KernelStat stat, VmstatCounters vm, Meminfo mem, int pageSizeKb = 4)
    {
        try { return SinceBootChecked(stat, vm, mem, pageSizeKb); }
        catch (OverflowException) { throw TooLarge(stat.Source, vm.Source, mem.Fields.Source); }
    }

    private static FormatException TooLarge(params string[] sources) =>
        new($"{string.Join(", ", sources.Distinct())}: counters too large to turn into rates (beyond 64 bits)");

    private static VmstatSample SinceBootChecked(KernelStat stat, VmstatCounters vm, Meminfo mem, int pageSizeKb)
    {
        long div = Math.Max(1, stat.Cpu.Total);
        long Rate(long count) => checked(count * TicksPerSecond + div / 2) / div;
        var (us, sy, id, wa, st) = Percentages(stat.Cpu);
        return new VmstatSample(0, stat.ProcsRunning, stat.ProcsBlocked,
            mem.SwapTotal - mem.SwapFree, mem.MemFree, mem.Buffers, checked(mem.Cached + mem.SReclaimable),
            Rate(checked(vm.PswpIn * pageSizeKb)), Rate(checked(vm.PswpOut * pageSizeKb)), Rate(vm.PgpgIn), Rate(vm.PgpgOut),
            Rate(stat.Interrupts), Rate(stat.ContextSwitches), us, sy, id, wa, st);
    }

    /// <summary>A later line: what happened between two readings <paramref name="seconds"/> apart.</summary>
    public static VmstatSample Between(KernelStat before, VmstatCounters vmBefore, KernelStat after, VmstatCounters vmAfter,
        Meminfo memAfter, double seconds, double at = 0, int pageSizeKb = 4)
    {
        if (seconds <= 0) throw new ArgumentOutOfRangeException(nameof(seconds), "the interval must be positive");
        try { return BetweenChecked(before, vmBefore, after, vmAfter, memAfter, seconds, at, pageSizeKb); }
        catch (OverflowException) { throw TooLarge(after.Source, vmAfter.Source, memAfter.Fields.Source); }
    }

    private static VmstatSample BetweenChecked(KernelStat before, VmstatCounters vmBefore, KernelStat after, VmstatCounters vmAfter,
        Meminfo memAfter, double seconds, double at, int pageSizeKb)
    {
        checked
        {
            long Rate(long delta) => (long)Math.Round(delta / seconds, MidpointRounding.AwayFromZero);
            var (us, sy, id, wa, st) = Percentages(after.Cpu.Minus(before.Cpu));
            return new VmstatSample(at, after.ProcsRunning, after.ProcsBlocked,
                memAfter.SwapTotal - memAfter.SwapFree, memAfter.MemFree, memAfter.Buffers, checked(memAfter.Cached + memAfter.SReclaimable),
                Rate(checked((vmAfter.PswpIn - vmBefore.PswpIn) * pageSizeKb)), Rate(checked((vmAfter.PswpOut - vmBefore.PswpOut) * pageSizeKb)),
                Rate(vmAfter.PgpgIn - vmBefore.PgpgIn), Rate(vmAfter.PgpgOut - vmBefore.PgpgOut),
                Rate(after.Interrupts - before.Interrupts), Rate(after.ContextSwitches - before.ContextSwitches),
                us, sy, id, wa, st);
        }
    }

    /// <summary>CPU shares in whole percent, rounded half up as vmstat does; user includes nice, system includes irq and softirq.</summary>
    public static (long Us, long Sy, long Id, long Wa, long St) Percentages(CpuTimes t)
    {
        long div = Math.Max(1, t.Total);
        long P(long ticks) => checked(100 * ticks + div / 2) / div;
        return (P(t.User + t.Nice), P(t.System + t.Irq + t.SoftIrq), P(t.Idle), P(t.IoWait), P(t.Steal));
    }

    /// <summary>One data line in vmstat's column widths (a number wider than its column pushes the rest right).</summary>
    public static string FormatLine(VmstatSample s) =>
        $"{s.R,2} {s.B,2} {s.Swpd,6} {s.Free,6} {s.Buff,6} {s.Cache,6} {s.Si,4} {s.So,4} {s.Bi,5} {s.Bo,5} " +
        $"{s.In,4} {s.Cs,4} {s.Us,2} {s.Sy,2} {s.Id,2} {s.Wa,2} {s.St,2}";

    /// <summary>The two header lines and one line per sample, as vmstat prints them.</summary>
    public static string Format(IEnumerable<VmstatSample> samples)
    {
        var sb = new StringBuilder().Append(Header1).Append('\n').Append(Header2).Append('\n');
        foreach (var s in samples) sb.Append(FormatLine(s)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Shortest interval <see cref="Sample"/> takes: 1 ms (a sleep is not finer).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Longest interval <see cref="Sample"/> takes: one day.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>
    /// Samples this machine like <c>vmstat INTERVAL COUNT</c>: the since-boot line, then COUNT-1 interval
    /// lines, each handed out as soon as it is measured (so a caller can print it, as vmstat does). Takes
    /// (COUNT-1) x INTERVAL in all. Uses a stopwatch for the real interval length, because a sleep can
    /// overshoot. The interval must lie between <see cref="MinInterval"/> and <see cref="MaxInterval"/>.
    /// </summary>
    public static IEnumerable<VmstatSample> Sample(TimeSpan interval, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1");
        if (interval < MinInterval || interval > MaxInterval)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"the interval must be between {MinInterval} and {MaxInterval}");
        return Run();

        IEnumerable<VmstatSample> Run()
        {
            var stat = KernelStat.ForSystem();
            var vm = VmstatCounters.ForSystem();
            yield return SinceBoot(stat, vm, Meminfo.ForSystem(), Environment.SystemPageSize / 1024);
            var clock = Stopwatch.StartNew();
            double last = 0;
            for (int i = 1; i < count; i++)
            {
                Thread.Sleep(interval);
                var stat2 = KernelStat.ForSystem();
                var vm2 = VmstatCounters.ForSystem();
                double now = clock.Elapsed.TotalSeconds;
                yield return Between(stat, vm, stat2, vm2, Meminfo.ForSystem(), now - last, now, Environment.SystemPageSize / 1024);
                (stat, vm, last) = (stat2, vm2, now);
            }
        }
    }

    /// <summary>All of <see cref="Sample"/>'s lines at once, after (COUNT-1) x INTERVAL.</summary>
    public static IReadOnlyList<VmstatSample> SampleLive(TimeSpan interval, int count) => Sample(interval, count).ToList();
}
