using MemoryCourse.Inspection.ProcessUsage;

namespace MemoryCourse.Lab.LiveNode;

/// <summary>
/// One <c>process.memoryUsage()</c> and <c>process.cpuUsage()</c> sample a lab script printed (a
/// <c>SAMPLE {...}</c> line), with the moment it was taken and what the script was doing. The MiB and
/// millisecond properties make a flat row for a table or a chart.
/// </summary>
/// <param name="Index">1-based number among the run's samples.</param>
/// <param name="TimeMs">Milliseconds since the script started.</param>
/// <param name="Label">What the script had just done.</param>
/// <param name="Memory">The five fields of memoryUsage(), in bytes.</param>
/// <param name="Cpu">cpuUsage() since the script started, in microseconds.</param>
/// <param name="Extra">Other numbers of the sample (e.g. receivedMiB).</param>
public sealed record NodeUsageSample(int Index, double TimeMs, string Label, MemoryUsage Memory, CpuUsage Cpu, IReadOnlyDictionary<string, double> Extra)
{
    private const double MiB = 1024 * 1024;

    public double RssMiB => Memory.Rss / MiB;
    public double HeapTotalMiB => Memory.HeapTotal / MiB;
    public double HeapUsedMiB => Memory.HeapUsed / MiB;
    public double ExternalMiB => Memory.External / MiB;
    public double ArrayBuffersMiB => Memory.ArrayBuffers / MiB;

    /// <summary>CPU time in user code since the start, ms.</summary>
    public double UserMs => Cpu.User / 1000.0;

    /// <summary>CPU time in the kernel since the start, ms.</summary>
    public double SystemMs => Cpu.System / 1000.0;

    /// <summary>An extra number of the sample, or null.</summary>
    public double? Get(string name) => Extra.TryGetValue(name, out double v) ? v : null;
}
