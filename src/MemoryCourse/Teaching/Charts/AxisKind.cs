namespace MemoryCourse.Teaching.Charts;

/// <summary>What the values on an axis are: plain numbers, or byte counts (ticks labelled in B, KiB, MiB, GiB, ...).</summary>
public enum AxisKind
{
    /// <summary>plotly's own ticks.</summary>
    Number,
    /// <summary>Ticks at round binary sizes, labelled with their unit (see <see cref="ByteAxis"/>).</summary>
    Bytes,
}
