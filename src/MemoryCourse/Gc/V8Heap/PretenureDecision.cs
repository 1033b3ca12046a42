namespace MemoryCourse.Gc.V8Heap;

/// <summary>What V8 has decided about an allocation site's objects (V8's AllocationSite::PretenureDecision).</summary>
public enum PretenureDecision
{
    /// <summary>Not enough feedback yet: objects are allocated young.</summary>
    Undecided,

    /// <summary>Too few of its objects survive a collection: young for good.</summary>
    DontTenure,

    /// <summary>Enough survive, but new space had not reached its maximum size: decided again at the next collection.</summary>
    MaybeTenure,

    /// <summary>Enough survive at new space's maximum size: its objects are allocated directly in old space.</summary>
    Tenure,
}
