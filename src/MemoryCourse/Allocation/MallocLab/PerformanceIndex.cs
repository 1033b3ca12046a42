using System.Globalization;

namespace MemoryCourse.Allocation.MallocLab;

/// <summary>
/// The malloc lab's score for a set of traces (2001/2002 handout): P = 100 x (0.6 x U + 0.4 x min(1, T / 600000)),
/// where U is the mean utilization over the traces and T the throughput, total ops over total seconds. Any trace
/// with a correctness error scores 0.
/// </summary>
public sealed record PerformanceIndex(double Utilization, double Throughput, double UtilPoints, double ThroughputPoints, bool Correct)
{
    /// <summary>The lab's reference throughput: 600,000 ops per second earns the full 40 points.</summary>
    public const double ReferenceThroughput = 600_000;

    /// <summary>Weight of utilization in the index.</summary>
    public const double UtilWeight = 0.6;

    /// <summary>Total points out of 100.</summary>
    public double Points => UtilPoints + ThroughputPoints;

    /// <summary>Scores traces given as (utilization, ops, seconds, correct) per trace.</summary>
    public static PerformanceIndex Score(IReadOnlyList<(double Utilization, long Ops, double Seconds, bool Correct)> traces)
    {
        if (traces.Count == 0) return new PerformanceIndex(0, 0, 0, 0, true);
        bool correct = traces.All(t => t.Correct);
        double util = traces.Average(t => t.Utilization);
        double seconds = traces.Sum(t => t.Seconds);
        double throughput = seconds > 0 ? traces.Sum(t => t.Ops) / seconds : 0;
        if (!correct) return new PerformanceIndex(util, throughput, 0, 0, false);
        double utilPoints = 100 * UtilWeight * util;
        double thruPoints = 100 * (1 - UtilWeight) * Math.Min(1.0, throughput / ReferenceThroughput);
        return new PerformanceIndex(util, throughput, utilPoints, thruPoints, true);
    }

    /// <summary>The driver's line: <c>Perf index = %.0f (util) + %.0f (thru) = %.0f/100</c> (C rounds half to even).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Perf index = {Round(UtilPoints)} (util) + {Round(ThroughputPoints)} (thru) = {Round(Points)}/100");

    private static string Round(double x) => Math.Round(x, MidpointRounding.ToEven).ToString("0", CultureInfo.InvariantCulture);
}
