namespace MemoryCourse.Gc.V8Workloads;

/// <summary>How far a long alloc.js run on the model has come: arrays allocated of the total, and the collections so far.</summary>
public sealed record AllocJsProgress(long Allocated, long Objects, int Scavenges, int MarkCompacts)
{
    /// <summary>Share done, 0..1.</summary>
    public double Fraction => Objects == 0 ? 1 : (double)Allocated / Objects;
}
