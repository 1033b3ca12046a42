namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// The spaces of a V8 heap that the course models. New space is the young generation (two semi-spaces);
/// old space, code space and large-object space together form the old generation, which only a
/// mark-compact collects.
/// </summary>
public enum SpaceKind
{
    /// <summary>The young generation: objects are bump-allocated here and copied by the scavenger.</summary>
    NewSpace,
    /// <summary>Objects that survived two scavenges, on pages with free lists.</summary>
    OldSpace,
    /// <summary>Compiled code; collected like old space but kept apart from data.</summary>
    CodeSpace,
    /// <summary>Objects above the large-object threshold, one per page, never moved.</summary>
    LargeObjectSpace,
}
