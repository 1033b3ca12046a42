using System.Globalization;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>One entry of Node's <c>os.cpus()</c>: a logical CPU's model, clock speed in MHz and its time counters.</summary>
public sealed record CpuInfo(string Model, int SpeedMHz, CpuTimes? Times);

/// <summary>
/// The <c>os</c> module's memory and CPU questions: <see cref="TotalMem"/> (<c>os.totalmem()</c>, MemTotal
/// in bytes), <see cref="FreeMem"/> (<c>os.freemem()</c>: libuv reads MemAvailable, not MemFree, so page
/// cache counts as free) and <see cref="Cpus"/> (<c>os.cpus()</c>: one entry per logical CPU, so 8 cores
/// with 2 threads each are 16). Also the cgroup limit, if any, for <c>process.constrainedMemory()</c> and
/// <c>process.availableMemory()</c>.
/// </summary>
public sealed record OsInfo(long TotalMem, long FreeMem, IReadOnlyList<CpuInfo> Cpus, CgroupMemory? Cgroup)
{
    /// <summary>Node's constrainedMemory(): the cgroup limit, or null when unconstrained (Node 20 prints 2^64 then).</summary>
    public long? ConstrainedMemory => Cgroup?.LimitBytes;

    /// <summary>Node's availableMemory(): limit minus usage under a limit, otherwise free memory.</summary>
    public long AvailableMemory => Cgroup?.RemainingBytes is long r ? Math.Min(r, FreeMem) : FreeMem;

    /// <summary>Builds the figures from /proc texts: meminfo, cpuinfo and stat.</summary>
    public static OsInfo Parse(Meminfo meminfo, string cpuinfo, KernelStat? stat, CgroupMemory? cgroup)
    {
        var cpus = new List<CpuInfo>();
        string model = "unknown";
        double mhz = 0;
        bool inProcessor = false;
        void Flush()
        {
            if (!inProcessor) return;
            var times = stat is not null && cpus.Count < stat.Cpus.Count ? stat.Cpus[cpus.Count] : null;
            cpus.Add(new CpuInfo(model, (int)Math.Floor(mhz), times));
            model = "unknown"; mhz = 0; inProcessor = false;
        }
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (key == "processor") { Flush(); inProcessor = true; }
            else if (key == "model name") model = value;
            else if (key == "cpu MHz") double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out mhz);
        }
        Flush();
        return new OsInfo(meminfo.MemTotal * 1024, meminfo.MemAvailable * 1024, cpus, cgroup);
    }

    /// <summary>
    /// This machine's figures. On Linux from /proc; elsewhere from what .NET knows (total memory the GC
    /// sees, processor count) with FreeMem unknown (-1), since only /proc gives it without native calls.
    /// </summary>
    public static OsInfo Current()
    {
        if (ProcFs.IsAvailable)
            return Parse(Meminfo.ForSystem(), ProcFs.ReadText(ProcFs.PathOf("cpuinfo")), KernelStat.ForSystem(), CgroupMemory.ForCurrentProcess());
        var cpus = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new CpuInfo("unknown", 0, null)).ToArray();
        return new OsInfo(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, -1, cpus, null);
    }
}
