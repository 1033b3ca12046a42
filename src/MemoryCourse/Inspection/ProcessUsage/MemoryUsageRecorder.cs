using System.Diagnostics;

namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>One labelled measurement: seconds since the recorder started, Node-style fields and .NET's raw figures.</summary>
public sealed record MemoryUsageSample(double Seconds, string Label, MemoryUsage Usage, DotnetMemoryFigures Dotnet)
{
    public double RssMiB => MemoryUsage.MiB(Usage.Rss);
    public double HeapTotalMiB => MemoryUsage.MiB(Usage.HeapTotal);
    public double HeapUsedMiB => MemoryUsage.MiB(Usage.HeapUsed);
    public double ArrayBuffersMiB => MemoryUsage.MiB(Usage.ArrayBuffers);
    public double CommittedMiB => MemoryUsage.MiB(Dotnet.TotalCommittedBytes);
}

/// <summary>
/// Records memoryUsage samples over time, each with a label ("allocated", "after GC"...), so a notebook
/// can plot rss against the managed heap step by step (chapter 08's 500 MB story). Not thread-safe:
/// record from one thread.
/// </summary>
public sealed class MemoryUsageRecorder
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<MemoryUsageSample> _samples = new();

    /// <summary>Samples so far, oldest first.</summary>
    public IReadOnlyList<MemoryUsageSample> Samples => _samples;

    /// <summary>Takes a sample now and returns it.</summary>
    public MemoryUsageSample Record(string label)
    {
        var figures = DotnetMemoryFigures.Capture();
        var sample = new MemoryUsageSample(_clock.Elapsed.TotalSeconds, label, MemoryUsage.From(figures), figures);
        _samples.Add(sample);
        return sample;
    }

    /// <summary>Takes <paramref name="count"/> samples <paramref name="interval"/> apart (blocks meanwhile), e.g. to watch memory settle after a GC.</summary>
    public IReadOnlyList<MemoryUsageSample> RecordEvery(TimeSpan interval, int count, string label)
    {
        var taken = new List<MemoryUsageSample>();
        for (int i = 0; i < count; i++)
        {
            if (i > 0) Thread.Sleep(interval);
            taken.Add(Record($"{label} #{i + 1}"));
        }
        return taken;
    }
}
