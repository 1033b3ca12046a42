namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// The young generation: two semi-spaces of equal size. New objects are bump-allocated into the active
/// one (V8 calls it to-space between collections; the scavenger copies survivors into the other one and
/// then the two swap). Objects copied in by the last scavenge sit at the bottom of the active space: the
/// next scavenge promotes them.
/// </summary>
public sealed class NewSpace
{
    internal NewSpace(HeapOptions options)
    {
        Active = new SemiSpace("semi-space 0", 0x1000_0000, options.MinSemiSpaceSize, options);
        Reserve = new SemiSpace("semi-space 1", 0x2000_0000, options.MinSemiSpaceSize, options);
    }

    /// <summary>The semi-space new objects go to.</summary>
    public SemiSpace Active { get; private set; }

    /// <summary>The empty semi-space the next scavenge copies into.</summary>
    public SemiSpace Reserve { get; private set; }

    /// <summary>Size of one semi-space in bytes.</summary>
    public long SemiSpaceCapacity => Active.Capacity;

    /// <summary>Bytes copied into the active space by the last scavenge (survived once, promoted next time).</summary>
    public long SurvivorBytes { get; internal set; }

    /// <summary>Bytes allocated since the last collection.</summary>
    public long FreshBytes => Active.UsedBytes - SurvivorBytes;

    internal void Flip()
    {
        (Active, Reserve) = (Reserve, Active);
        Reserve.Reset();
    }

    internal void Grow(long capacity)
    {
        Active.Resize(capacity);
        Reserve.Resize(capacity);
    }

    internal void Clear()
    {
        Active.Reset();
        Reserve.Reset();
        SurvivorBytes = 0;
    }
}
