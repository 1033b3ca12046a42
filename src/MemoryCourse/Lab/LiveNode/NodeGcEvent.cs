namespace MemoryCourse.Lab.LiveNode;

/// <summary>
/// One collection of a live node run, from its <c>--trace-gc</c> or <c>--trace-gc-nvp</c> line, as a flat
/// row for a table or a chart. Sizes are of all heap objects, in MiB (the "MB" of V8's lines).
/// </summary>
/// <param name="Index">1-based number among the run's collections.</param>
/// <param name="TimeMs">Milliseconds since the node process started its heap.</param>
/// <param name="Type">"Scavenge", "Mark-Compact" or "Minor Mark-Compact".</param>
/// <param name="Reduce">A memory-reducing mark-compact ("Mark-Compact (reduce)").</param>
/// <param name="BeforeMiB">Object bytes before the collection.</param>
/// <param name="AfterMiB">Object bytes after it.</param>
/// <param name="PauseMs">The pause V8 measured.</param>
/// <param name="PromotedBytes">Bytes moved to the old generation (only --trace-gc-nvp prints it).</param>
/// <param name="Reason">Why it ran, in V8's words (--trace-gc only).</param>
/// <param name="AfterProgramEnd">It ran after alloc.js printed its RESULT line (a task V8 ran once the loop was done).</param>
public sealed record NodeGcEvent(
    int Index,
    double TimeMs,
    string Type,
    bool Reduce,
    double BeforeMiB,
    double AfterMiB,
    double PauseMs,
    long? PromotedBytes,
    string Reason,
    bool AfterProgramEnd)
{
    public bool IsScavenge => Type == "Scavenge";
    public bool IsMarkCompact => Type == "Mark-Compact";
}
