namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// When new space grows. V8 checks before each scavenge (CheckNewSpaceExpansionCriteria in the GC
/// prologue): if the bytes that survived scavenges since the last expansion (promoted plus copied)
/// exceed the current semi-space size, and the maximum is not reached, the semi-space grows by the growth
/// factor. The K=10 capture's --trace-gc-nvp numbers grow exactly at scavenges 6, 12, 18 and 24 by this
/// rule. So new space only grows when objects survive: with K=0 it stays at 1 MiB.
/// </summary>
public sealed class SemiSpaceSizing
{
    private readonly HeapOptions _options;

    internal SemiSpaceSizing(HeapOptions options) => _options = options;

    /// <summary>Bytes that survived scavenges since the last growth.</summary>
    public long SurvivedSinceLastExpansion { get; private set; }

    /// <summary>The new semi-space size if it should grow now, else null.</summary>
    internal long? BeforeScavenge(long capacity)
    {
        if (capacity >= _options.MaxSemiSpaceSize || SurvivedSinceLastExpansion <= capacity) return null;
        SurvivedSinceLastExpansion = 0;
        return Math.Min(capacity * _options.SemiSpaceGrowthFactor, _options.MaxSemiSpaceSize);
    }

    internal void AfterScavenge(long promotedBytes, long copiedBytes) => SurvivedSinceLastExpansion += promotedBytes + copiedBytes;
}
