namespace MemoryCourse.Gc.TraceGc;

/// <summary>
/// One line of a real <c>node --trace-gc</c> log (V8 11.3 format). Sizes are in MiB as V8 prints them
/// ("MB" in the log means 2^20 bytes): object bytes before and after, with committed heap in brackets.
/// Mark-compact lines also carry how much incremental marking happened before the pause.
/// </summary>
public sealed record TraceGcEvent(
    int Line,
    int Pid,
    string Isolate,
    double TimeMs,
    string Type,
    bool Reduce,
    double BeforeMiB,
    double BeforeCommittedMiB,
    double AfterMiB,
    double AfterCommittedMiB,
    double PauseMs,
    double ExternalMs,
    IncrementalMarkingDetail? Incremental,
    double AverageMu,
    double CurrentMu,
    string Reason,
    string CollectorReason)
{
    public bool IsScavenge => Type == "Scavenge";
    public bool IsMarkCompact => Type == "Mark-Compact";
}

/// <summary>The "(+ 1.7 ms in 18 steps since start of marking, biggest step 0.2 ms, walltime since start of marking 9 ms)" part.</summary>
public sealed record IncrementalMarkingDetail(double StepsMs, int Steps, double BiggestStepMs, double WalltimeMs);

/// <summary>
/// One line of a <c>--trace-gc-nvp</c> log: name=value pairs. <see cref="Collector"/> is "s" (scavenge)
/// or "mc" (mark-compact). Scavenge lines spell the survival rate <c>new_space_survive_rate_</c> (with a
/// trailing underscore), mark-compact lines without.
/// </summary>
public sealed record TraceGcNvpEvent(int Line, double TimeMs, string Collector, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>A numeric value ("21.8%" reads as 21.8); throws naming the key and line when absent or not a finite number.</summary>
    public double Number(string key)
    {
        if (!Values.TryGetValue(key, out var raw))
            throw new TraceGcFormatException($"line {Line}: no '{key}=' in this --trace-gc-nvp line.");
        // Bytes and times alike stay within 2^64 (a byte count of a 64-bit machine); beyond is damage, not a figure.
        return double.TryParse(raw.TrimEnd('%'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value) && Math.Abs(value) <= 18446744073709551616.0
            ? value
            : throw new TraceGcFormatException($"line {Line}: '{key}={MemoryCourse.Foundation.Input.InputText.Quote(raw)[1..^1]}' is not a finite number " +
            $"within 2^64.");
    }
}

/// <summary>A --trace-gc or --trace-gc-nvp log: its GC events, the alloc.js RESULT line if any.</summary>
public sealed record TraceGcLog(string Source, IReadOnlyList<TraceGcEvent> Events, IReadOnlyList<TraceGcNvpEvent> NvpEvents, string? ResultJson)
{
    public int Scavenges => Events.Count(e => e.IsScavenge) + NvpEvents.Count(e => e.Collector == "s");
    public int MarkCompacts => Events.Count(e => e.IsMarkCompact) + NvpEvents.Count(e => e.Collector == "mc");
}

/// <summary>A trace-gc line that looks like a GC line but does not parse; the message names file, line and text.</summary>
public sealed class TraceGcFormatException : FormatException
{
    public TraceGcFormatException(string message) : base(message) { }
}
