namespace MemoryCourse.Gc.Orinoco;

/// <summary>Why the main thread was doing GC work.</summary>
public enum PauseKind
{
    /// <summary>A whole collection at once (stop-the-world or parallel).</summary>
    Atomic,
    /// <summary>One incremental step.</summary>
    Step,
    /// <summary>A slice of work in the idle time at the end of a frame; the program had nothing to do.</summary>
    IdleSlice,
    /// <summary>The short pause that ends a concurrent collection.</summary>
    Final,
    /// <summary>The deadline came before the spread-out work was done: the rest in one pause.</summary>
    Forced,
    /// <summary>The deadline came before the helpers were done: the main thread waits for them
    /// (blocking, but no GC work of its own).</summary>
    Wait,
}

/// <summary>
/// One stretch of GC work on the main thread, as a row of a table or a bar on a timeline.
/// </summary>
/// <param name="Index">1-based number among the run's pauses.</param>
/// <param name="Job">The collection (<see cref="GcJob.Index"/>) the work belongs to.</param>
/// <param name="Kind">Atomic, incremental step, idle slice, final or forced.</param>
/// <param name="StartMs">Wall-clock time it started (ms since the run began).</param>
/// <param name="DurationMs">How long the main thread did GC work.</param>
/// <param name="Frame">The animation frame it fell in (0-based).</param>
public sealed record GcPause(int Index, int Job, PauseKind Kind, double StartMs, double DurationMs, int Frame)
{
    /// <summary>Whether it stopped a program that had work to do (everything except idle slices).</summary>
    public bool Blocking => Kind != PauseKind.IdleSlice;

    /// <summary>Whether the main thread did GC work in it (everything except waiting for helpers).</summary>
    public bool IsWork => Kind != PauseKind.Wait;

    /// <summary>Wall-clock time it ended.</summary>
    public double EndMs => StartMs + DurationMs;
}

/// <summary>One stretch of GC work on a helper thread.</summary>
/// <param name="Job">The collection it belongs to.</param>
/// <param name="Thread">Helper number, 1-based (the main thread is 0 and has <see cref="GcPause"/>s).</param>
/// <param name="StartMs">Wall-clock start.</param>
/// <param name="DurationMs">How long the helper worked.</param>
public sealed record HelperSlice(int Job, int Thread, double StartMs, double DurationMs);

/// <summary>
/// One animation frame: when its vsync came, when the program started and finished drawing it, the GC
/// work that stopped it, the GC work done in its idle time, and whether it missed its deadline (jank).
/// </summary>
/// <param name="Frame">0-based frame number.</param>
/// <param name="VsyncMs">When the frame was due to start: Frame x budget.</param>
/// <param name="StartMs">When the main thread started it (later than vsync if the previous frame ran late).</param>
/// <param name="MutatorMs">Program work of the frame.</param>
/// <param name="BlockingGcMs">GC work that interrupted the program during the frame.</param>
/// <param name="IdleGcMs">GC work done in the frame's idle time.</param>
/// <param name="DoneMs">When the program finished the frame's work (GC pauses included).</param>
/// <param name="DeadlineMs">When the next vsync comes: (Frame + 1) x budget.</param>
public sealed record FrameRecord(int Frame, double VsyncMs, double StartMs, double MutatorMs, double BlockingGcMs, double IdleGcMs, double DoneMs,
    double DeadlineMs)
{
    /// <summary>Whether the frame was not ready by the next vsync (a dropped, janky frame).</summary>
    public bool Missed => DoneMs > DeadlineMs + 1e-9;

    /// <summary>Time left before the deadline after the frame's work; negative when the frame was late.</summary>
    public double IdleMs => DeadlineMs - DoneMs;
}
