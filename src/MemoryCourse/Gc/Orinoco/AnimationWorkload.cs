using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// The settings of an animated page that allocates while it draws: each frame it does
/// <see cref="FrameWorkMs"/> (± <see cref="FrameJitterMs"/>) of work, allocates
/// <see cref="BytesPerFrame"/> in objects of <see cref="ObjectSize"/> bytes, and keeps
/// <see cref="RetainedPerFrame"/> of them alive for <see cref="LifetimeFrames"/> frames (a history buffer);
/// the rest die young. The heap has a fixed semi-space of <see cref="SemiSpaceMiB"/> (node's
/// <c>--min-semi-space-size=S --max-semi-space-size=S</c>; 0 keeps V8's 1 MiB growing to 16 MiB) and an old
/// generation of at most <see cref="MaxOldSpaceSizeMiB"/>. The defaults give a few hundred KB of survivors
/// per frame: mark-compacts grow longer than a frame as the history fills up, which is what makes the
/// strategies differ.
/// </summary>
public sealed record AnimationSettings
{
    public int Frames { get; init; } = 240;
    public double FrameWorkMs { get; init; } = 9;
    public double FrameJitterMs { get; init; } = 5;
    public int BytesPerFrame { get; init; } = 256 * 1024;
    public int ObjectSize { get; init; } = 176;
    public int RetainedPerFrame { get; init; } = 2000;
    public int LifetimeFrames { get; init; } = 200;
    public int SemiSpaceMiB { get; init; } = 2;

    /// <summary>
    /// The old generation's maximum (node's <c>--max-old-space-size</c>): 128 MiB, a small heap such as a
    /// browser tab on a phone gets. V8 sets its first major-GC limit from the maximum (half of it, lowered by
    /// the scavenges' survival ratio), so in node's default 4096 MiB this animation, which keeps nearly all it
    /// allocates for a while, would run its 240 frames before the first mark-compact.
    /// </summary>
    public int MaxOldSpaceSizeMiB { get; init; } = 128;
    public int Seed { get; init; } = 1;
}

/// <summary>
/// Runs an <see cref="AnimationSettings"/> program on the V8 heap model and turns the collections it
/// needed into a <see cref="FrameWorkload"/>: each scavenge and mark-compact becomes a job due at the
/// program time it happened, with the heap model's estimated pause as its work. Incremental marking is
/// turned off in the heap so that every mark-compact shows up whole: the Orinoco scheduler decides how
/// to spread it. Deterministic for a seed.
/// </summary>
public static class AnimationWorkload
{
    /// <summary>Builds the workload; also returns the heap's own GC events for tables. Heap options, when
    /// given, replace the settings' semi-space size and old-generation maximum.</summary>
    public static (FrameWorkload Workload, IReadOnlyList<GcEvent> HeapEvents) Build(AnimationSettings? settings = null, HeapOptions? heapOptions = null)
    {
        var s = settings ?? new AnimationSettings();
        if (s.Frames <= 0) throw new ArgumentOutOfRangeException(nameof(settings), s.Frames, "Frames must be positive.");
        if (s.FrameWorkMs < 0 || s.FrameJitterMs < 0) throw new ArgumentOutOfRangeException(nameof(settings), s.FrameWorkMs,
            "FrameWorkMs and FrameJitterMs must not be negative.");
        if (s.ObjectSize <= 0) throw new ArgumentOutOfRangeException(nameof(settings), s.ObjectSize, "ObjectSize must be positive.");
        if (s.BytesPerFrame < 0) throw new ArgumentOutOfRangeException(nameof(settings), s.BytesPerFrame, "BytesPerFrame must not be negative.");
        if (s.RetainedPerFrame < 0) throw new ArgumentOutOfRangeException(nameof(settings), s.RetainedPerFrame, "RetainedPerFrame must not be negative.");
        if (s.LifetimeFrames <= 0) throw new ArgumentOutOfRangeException(nameof(settings), s.LifetimeFrames, "LifetimeFrames must be positive.");
        if (s.SemiSpaceMiB < 0) throw new ArgumentOutOfRangeException(nameof(settings), s.SemiSpaceMiB,
            "SemiSpaceMiB must not be negative (0: V8's default sizing).");

        if (s.MaxOldSpaceSizeMiB <= 0) throw new ArgumentOutOfRangeException(nameof(settings), s.MaxOldSpaceSizeMiB, "MaxOldSpaceSizeMiB must be positive.");

        var baseOptions = heapOptions ??
            (s.SemiSpaceMiB == 0 ? HeapOptions.Node20 : HeapOptions.Node20FixedSemiSpace(s.SemiSpaceMiB)).WithMaxOldSpaceSize(s.MaxOldSpaceSizeMiB);
        var options = baseOptions with { IncrementalMarking = false, RecordYoungObjects = false };
        var heap = new Heap(options);
        var random = new Random(s.Seed);
        int perFrame = s.BytesPerFrame / s.ObjectSize;
        int retained = Math.Min(s.RetainedPerFrame, perFrame);
        int keepEvery = retained == 0 ? 0 : Math.Max(1, perFrame / retained);

        var frameWork = new double[s.Frames];
        var triggers = new List<(GcKind Kind, double At, double Work)>();
        double mutator = 0;
        int seen = 0;
        for (int f = 0; f < s.Frames; f++)
        {
            double work = Math.Max(0, s.FrameWorkMs + s.FrameJitterMs * (2 * random.NextDouble() - 1));
            frameWork[f] = work;
            void Record(double at)
            {
                for (; seen < heap.Events.Count; seen++)
                    triggers.Add((heap.Events[seen].Kind, at, heap.Events[seen].PauseMs));
            }
            HeapObject? history = retained == 0 ? null : heap.Allocate(16 + 8 * retained, retained, $"frame {f} history");
            Record(mutator);
            if (history is not null) heap.Roots.Set($"history {f % s.LifetimeFrames}", history);   // drops the one from LifetimeFrames ago
            int kept = 0;
            for (int i = 0; i < perFrame; i++)
            {
                var obj = heap.Allocate(s.ObjectSize);
                Record(mutator + work * i / perFrame);
                if (history is not null && kept < retained && i % keepEvery == 0) heap.Write(history, kept++, obj);
            }
            mutator += work;
        }

        var jobs = new List<GcJob>();
        for (int j = 0; j < triggers.Count; j++)
        {
            double deadline = j + 1 < triggers.Count ? triggers[j + 1].At : mutator;
            jobs.Add(new GcJob(j + 1, triggers[j].Kind, triggers[j].At, triggers[j].Work, Math.Max(deadline, triggers[j].At)));
        }
        return (new FrameWorkload(frameWork, jobs), heap.Events);
    }
}
