using System.Globalization;

namespace MemoryCourse.Charts;

/// <summary>
/// Ticks for an axis of bytes: values that are round in binary units (512 B, 1.5 KiB, 256 MiB, 1 GiB) and labels
/// that name the unit. plotly's own ticks use SI suffixes, where "1B" means a billion, not a byte, and "1k" is
/// 1000 where a page is 4096.
/// </summary>
public static class ByteAxis
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>A byte count in the largest binary unit it reaches, with up to two decimals: 0 B, 512 B, 1.5 KiB, 16 EiB.</summary>
    public static string Format(double bytes)
    {
        if (!double.IsFinite(bytes)) return bytes.ToString(CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(bytes);
        int unit = 0;
        while (unit < Units.Length - 1 && magnitude >= 1024) { magnitude /= 1024; unit++; }
        string number = magnitude.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{(bytes < 0 && number != "0" ? "−" : "")}{number} {Units[unit]}";
    }

    /// <summary>
    /// Labels for <paramref name="ticks"/>. On a linear axis all in one unit, the largest in which every tick is
    /// exact to two decimals (0, 0.5 KiB, 1 KiB, 1.5 KiB; but 1008 B, 1024 B, 1040 B); on a log axis each tick in
    /// its own unit (32 KiB, 1 MiB).
    /// </summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<double> ticks, bool log)
    {
        if (log || ticks.Count == 0) return ticks.Select(Format).ToList();
        double largest = ticks.Max(Math.Abs);
        int unit = 0;
        while (unit < Units.Length - 1 && largest >= Math.Pow(1024, unit + 1)) unit++;
        for (; unit > 0; unit--)
        {
            double size = Math.Pow(1024, unit);
            if (ticks.All(t => Math.Abs(t / size * 100 - Math.Round(t / size * 100)) < 1e-9)) break;
        }
        double scale = Math.Pow(1024, unit);
        return ticks
            .Select(t => t == 0 ? "0" : $"{(t < 0 ? "−" : "")}{(Math.Abs(t) / scale).ToString("0.##", CultureInfo.InvariantCulture)} {Units[unit]}")
            .ToList();
    }

    /// <summary>
    /// Tick values covering <paramref name="min"/>..<paramref name="max"/>. On a linear axis, every multiple of the
    /// power of two (at least 1 B) that gives four to eight intervals; on a log axis, powers of two, every 1, 2, 5
    /// or 10 doublings (10 doublings: 1 KiB, 1 MiB, 1 GiB, ...), so that there are at most about ten.
    /// </summary>
    public static IReadOnlyList<double> Ticks(double min, double max, bool log)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return [];
        if (min > max) (min, max) = (max, min);
        var ticks = new List<double>();
        if (log)
        {
            if (max <= 0) return [];
            if (min <= 0) min = max;
            int lo = (int)Math.Floor(Math.Log2(min)), hi = (int)Math.Ceiling(Math.Log2(max));
            int span = hi - lo;
            int stride = span <= 8 ? 1 : span <= 16 ? 2 : span <= 30 ? 5 : 10;
            int first = (int)Math.Floor((double)lo / stride) * stride;
            for (int e = first; e <= hi; e += stride) ticks.Add(Math.Pow(2, e));
            return ticks;
        }
        double range = max - min;
        if (range <= 0) return [min];
        double step = Math.Max(1, Math.Pow(2, Math.Ceiling(Math.Log2(range / 8))));
        for (double v = Math.Ceiling(min / step) * step; v <= max + step * 1e-9; v += step) ticks.Add(v);
        return ticks;
    }
}
