namespace MemoryCourse.Inspection.ToolReports;

/// <summary>
/// One line of <c>vmstat</c>. procs: R runnable tasks, B tasks in uninterruptible sleep (usually waiting
/// for disk). memory (kB): Swpd swap in use, Free unused RAM, Buff buffers, Cache page cache + reclaimable
/// slab. swap (kB/s): Si swapped in, So swapped out. io (blocks of 1 kB per second): Bi read, Bo written.
/// system (per second): In interrupts, Cs context switches. cpu (% of time): Us user (with nice), Sy
/// kernel (with irq and softirq), Id idle, Wa waiting for I/O, St stolen by the hypervisor.
/// <see cref="Seconds"/> is the time since the first sample, for plotting.
/// </summary>
public sealed record VmstatSample(double Seconds,
    long R, long B, long Swpd, long Free, long Buff, long Cache, long Si, long So, long Bi, long Bo,
    long In, long Cs, long Us, long Sy, long Id, long Wa, long St);
