using System.Diagnostics;

namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>
/// Node's <c>process.cpuUsage()</c>: CPU time this process has used, in microseconds, split into user
/// code and the kernel working on its behalf (system). Times add up over all threads, so with several
/// cores busy they grow faster than the wall clock. Pass an earlier value to <see cref="Since"/> to get
/// the usage in between, as Node's <c>cpuUsage(previous)</c> does.
/// </summary>
public sealed record CpuUsage(long User, long System)
{
    /// <summary>The current process's CPU time (Process.UserProcessorTime and PrivilegedProcessorTime).</summary>
    public static CpuUsage Now()
    {
        using var p = Process.GetCurrentProcess();
        return new CpuUsage(Microseconds(p.UserProcessorTime), Microseconds(p.PrivilegedProcessorTime));
    }

    /// <summary>The difference from an earlier reading.</summary>
    public CpuUsage Since(CpuUsage previous) => new(User - previous.User, System - previous.System);

    /// <summary>Total CPU time in microseconds.</summary>
    public long Total => User + System;

    private static long Microseconds(TimeSpan t) => t.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
}
