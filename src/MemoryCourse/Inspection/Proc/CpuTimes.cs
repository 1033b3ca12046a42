namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// One <c>cpu</c> line of <c>/proc/stat</c>: time spent in each state since boot, in clock ticks
/// (USER_HZ, 100 per second on Linux). Guest time is already included in User and Nice, so
/// <see cref="Total"/> leaves it out to avoid counting it twice.
/// </summary>
public sealed record CpuTimes(string Name, long User, long Nice, long System, long Idle, long IoWait,
    long Irq, long SoftIrq, long Steal, long Guest, long GuestNice)
{
    /// <summary>All ticks of this CPU (or all CPUs for the aggregate line), guest time not double counted.</summary>
    public long Total => checked(User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal);

    /// <summary>Field-by-field difference, for rates between two samples.</summary>
    public CpuTimes Minus(CpuTimes earlier) => checked(new(Name, User - earlier.User, Nice - earlier.Nice,
        System - earlier.System, Idle - earlier.Idle, IoWait - earlier.IoWait, Irq - earlier.Irq,
        SoftIrq - earlier.SoftIrq, Steal - earlier.Steal, Guest - earlier.Guest, GuestNice - earlier.GuestNice));
}
