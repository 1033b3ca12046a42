namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// One allocation site of V8's allocation-site pretenuring: a place in the program (here alloc.js's array
/// literal) whose young objects carry a small "memento" naming the site. Each collection counts the
/// mementos it finds behind surviving objects; when most of what the site made since the last collection
/// survives it, V8 decides to allocate the site's objects directly in old space, so that a program that
/// keeps everything it makes stops paying for copying it through new space.
/// </summary>
/// <remarks>
/// The rule is V8's PretenuringHandler::ProcessPretenuringFeedback and its DigestPretenuringFeedback and
/// MakePretenureDecision (src/heap/pretenuring-handler.cc): after every collection, a site that created at
/// least <see cref="MinMementoCount"/> mementos since the last one has found/created as its survival ratio;
/// at <see cref="PretenureRatio"/> or more it becomes <see cref="PretenureDecision.Tenure"/> when new space
/// was at its maximum size when the collection started (Heap::MaximumSizeMinorGC), else
/// <see cref="PretenureDecision.MaybeTenure"/>; below it, <see cref="PretenureDecision.DontTenure"/>. Only
/// undecided and maybe-tenure sites change, so a site that once kept too few is never pretenured. A
/// memento is left behind when a collection copies its object, so only objects surviving their first
/// collection are found.
/// </remarks>
public sealed class AllocationSite
{
    /// <summary>V8's kMinMementoCount: fewer mementos created since the last collection give no decision.</summary>
    public const int MinMementoCount = 100;

    /// <summary>V8's kScavengerPretenureRatio: the share of the site's new objects that must survive.</summary>
    public const double PretenureRatio = 0.85;

    private long _created;
    private long _found;

    /// <summary>The decision so far.</summary>
    public PretenureDecision Decision { get; private set; } = PretenureDecision.Undecided;

    /// <summary>Whether the site's objects are now allocated in old space.</summary>
    public bool Pretenured => Decision == PretenureDecision.Tenure;

    /// <summary>The site made a young object with a memento (pretenured objects carry none).</summary>
    public void RecordCreated() => _created++;

    /// <summary>A collection found the mementos of this many of the site's objects made since the previous one.</summary>
    public void RecordFound(long survivors)
    {
        if (survivors < 0) throw new ArgumentOutOfRangeException(nameof(survivors), survivors, "survivors must not be negative.");
        _found += survivors;
    }

    /// <summary>
    /// Digests the feedback at the end of a collection and clears the counts, as V8 does after every
    /// collection. <paramref name="newSpaceWasAtMaximum"/>: new space had its maximum size when the
    /// collection began. Returns whether the site has just become pretenured (V8 deoptimizes the code that
    /// allocates there).
    /// </summary>
    public bool Digest(bool newSpaceWasAtMaximum)
    {
        bool tenured = false;
        if (_created >= MinMementoCount && Decision is PretenureDecision.Undecided or PretenureDecision.MaybeTenure)
        {
            double ratio = (double)_found / _created;
            if (ratio < PretenureRatio) Decision = PretenureDecision.DontTenure;
            else if (newSpaceWasAtMaximum) { Decision = PretenureDecision.Tenure; tenured = true; }
            else Decision = PretenureDecision.MaybeTenure;
        }
        _created = 0;
        _found = 0;
        return tenured;
    }
}
