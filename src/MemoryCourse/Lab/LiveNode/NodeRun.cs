using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MemoryCourse.Foundation.Input;
using MemoryCourse.Gc.TraceGc;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Inspection.ProcessUsage;

namespace MemoryCourse.Lab.LiveNode;

/// <summary>
/// What one run of a lab workload gave: where it came from (live or a shipped capture), the node and V8
/// versions, the exit code, its collections (from --trace-gc or --trace-gc-nvp), its memoryUsage()
/// samples, how far it got and, when V8 killed it, V8's out-of-memory verdict. <see cref="Parse"/> reads
/// the raw stdout and stderr, the same way for live runs and captures.
/// </summary>
public sealed partial record NodeRun(
    NodeWorkload Workload,
    NodeRunSource Source,
    NodeVersions? Versions,
    int? ExitCode,
    bool TimedOut,
    double WallMs,
    string Stdout,
    string Stderr,
    string Note)
{
    /// <summary>Every collection, in order (those after alloc.js's RESULT line are marked).</summary>
    public IReadOnlyList<NodeGcEvent> Gc { get; init; } = [];

    /// <summary>The memoryUsage()/cpuUsage() samples the script printed.</summary>
    public IReadOnlyList<NodeUsageSample> Samples { get; init; } = [];

    /// <summary>The last "PROGRESS i" the script wrote: it had reached array i. Null when it wrote none.</summary>
    public long? Progress { get; init; }

    /// <summary>The words after "FATAL ERROR: " up to " Allocation failed", or another fatal line V8 printed; null when none.</summary>
    public string? FatalError { get; init; }

    /// <summary>V8's out-of-memory verdict, when the fatal error is one.</summary>
    public OutOfMemoryVerdict? Verdict { get; init; }

    /// <summary>alloc.js's RESULT JSON, when it got that far.</summary>
    public string? ResultJson { get; init; }

    /// <summary>Whether there is output at all (live or captured).</summary>
    public bool HasOutput => Source != NodeRunSource.Missing;

    /// <summary>Whether the program finished normally (exit code 0).</summary>
    public bool Completed => ExitCode == 0 && !TimedOut;

    /// <summary>Whether V8 stopped it for lack of heap ("JavaScript heap out of memory").</summary>
    public bool OutOfMemory => Stderr.Contains("JavaScript heap out of memory", StringComparison.Ordinal) || Verdict is not null;

    /// <summary>Scavenges while the program ran (not counting those after its RESULT line).</summary>
    public int Scavenges => Gc.Count(e => e.IsScavenge && !e.AfterProgramEnd);

    /// <summary>Mark-compacts while the program ran.</summary>
    public int MarkCompacts => Gc.Count(e => e.IsMarkCompact && !e.AfterProgramEnd);

    /// <summary>Bytes promoted while the program ran (only --trace-gc-nvp prints them; null otherwise).</summary>
    public long? PromotedBytes => Gc.Count == 0 || Gc.Any(e => e.PromotedBytes is null)
        ? null
        : Gc.Where(e => !e.AfterProgramEnd).Sum(e => e.PromotedBytes!.Value);

    /// <summary>One line: what ran where, how it ended.</summary>
    public string Summary => Source switch
    {
        NodeRunSource.Missing => Note,
        _ => $"{(Source == NodeRunSource.Live ? "live" : "captured")}: {Versions?.ToString() ?? "node"} " +
             $"ran `{Workload.CommandLine}` in {WallMs / 1000:0.0} s; " +
             (TimedOut ? $"stopped after the {Workload.TimeLimit.TotalSeconds:0} s time limit" :
              OutOfMemory ? $"V8 killed it: {FatalError} (exit {ExitCode})" :
              ExitCode == 0 ? "it finished (exit 0)" : $"it failed (exit {ExitCode}{(FatalError is null ? "" : ": " + FatalError)})") +
             (Gc.Count > 0 ? $"; {Scavenges} scavenges, {MarkCompacts} mark-compacts" : ""),
    };

    [GeneratedRegex(@"FATAL ERROR: (.+?) Allocation failed")]
    private static partial Regex FatalAllocation();

    [GeneratedRegex(@"^#\s*(Fatal .+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex FatalOther();

    [GeneratedRegex(@"^PROGRESS (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    /// <summary>
    /// Reads a run's raw output: GC lines from stdout (V8 writes them there), SAMPLE and RESULT lines from
    /// stdout, PROGRESS and FATAL ERROR lines from stderr. A GC line that does not parse is an error naming
    /// the line (<see cref="TraceGcFormatException"/>).
    /// </summary>
    public static NodeRun Parse(NodeWorkload workload, NodeRunSource source, NodeVersions? versions, int? exitCode, bool timedOut,
        double wallMs, string stdout, string stderr, string note)
    {
        var log = TraceGcReader.Parse(stdout, workload.CommandLine);
        var lines = stdout.Split('\n');
        int resultLine = Array.FindIndex(lines, l => l.StartsWith("RESULT ", StringComparison.Ordinal)) + 1;   // 1-based, 0 = none
        bool After(int line) => resultLine > 0 && line > resultLine;

        var gc = new List<NodeGcEvent>();
        foreach (var e in log.Events)
            gc.Add(new NodeGcEvent(gc.Count + 1, e.TimeMs, e.Type, e.Reduce, e.BeforeMiB, e.AfterMiB, e.PauseMs, null,
                e.CollectorReason.Length > 0 ? $"{e.Reason}; {e.CollectorReason}" : e.Reason, After(e.Line)));
        foreach (var e in log.NvpEvents)
            gc.Add(new NodeGcEvent(gc.Count + 1, e.TimeMs,
                e.Collector switch { "s" => "Scavenge", "mc" => "Mark-Compact", "ms" => "Minor Mark-Compact", var c => c },
                e.Values.GetValueOrDefault("reduce_memory") == "1", e.Number("total_size_before") / (1024 * 1024), e.Number("total_size_after") / (1024 * 1024),
                e.Number("pause"), (long)e.Number("promoted"), "", After(e.Line)));

        string? fatal = FatalAllocation().Match(stderr) is { Success: true } m ? m.Groups[1].Value
            : FatalOther().Match(stderr) is { Success: true } o ? o.Groups[1].Value : null;
        long? progress = ProgressLine().Matches(stderr)
            .Select(p => long.TryParse(p.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long i) ? i
                : throw new FormatException($"{workload.CommandLine}: stderr: PROGRESS {InputText.Quote(p.Groups[1].Value)} " +
                    "is not a count of 63 bits or fewer (not alloc.js's output)"))
            .Cast<long?>().LastOrDefault();

        return new NodeRun(workload, source, versions, exitCode, timedOut, wallMs, stdout, stderr, note)
        {
            Gc = gc,
            Samples = ReadSamples(lines, workload.CommandLine),
            Progress = progress,
            FatalError = fatal,
            Verdict = fatal is null ? null : HeapOutOfMemory.VerdictOf(fatal),
            ResultJson = log.ResultJson,
        };
    }

    /// <summary>The largest byte or microsecond count a SAMPLE line may give: 2^53, where a JavaScript number stops being exact.</summary>
    public const long MaxCount = 1L << 53;

    private static List<NodeUsageSample> ReadSamples(string[] lines, string source)
    {
        var samples = new List<NodeUsageSample>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("SAMPLE ", StringComparison.Ordinal)) continue;
            try
            {
                using var doc = JsonDocument.Parse(lines[i][7..]);
                var j = doc.RootElement;
                var mu = j.GetProperty("memoryUsage");
                // Bytes and microseconds are counts: negative or beyond 2^53 (where node's numbers stop being exact) is damage.
                long Count(JsonElement e, string name) => e.GetProperty(name).GetInt64() is var v and >= 0 and <= MaxCount ? v
                    : throw new FormatException($"{name} {e.GetProperty(name).GetRawText()} is not a count from 0 to 2^53");
                var memory = new MemoryUsage(Count(mu, "rss"), Count(mu, "heapTotal"), Count(mu, "heapUsed"), Count(mu, "external"), Count(mu, "arrayBuffers"));
                var cpu = j.TryGetProperty("cpuUsage", out var c) ? new CpuUsage(Count(c, "user"), Count(c, "system")) : new CpuUsage(0, 0);
                double t = j.GetProperty("t").GetDouble();
                if (!double.IsFinite(t) || t < 0 || t > TraceGcReader.MaxMs)
                    throw new FormatException($"t {t} is not a time in ms from 0 to {TraceGcReader.MaxMs:0}");
                var extra = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var p in j.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Name != "t") extra[p.Name] = p.Value.GetDouble();
                samples.Add(new NodeUsageSample(samples.Count + 1, t,
                    j.TryGetProperty("label", out var l) ? l.GetString() ?? "" : "", memory, cpu, extra));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{source}: stdout line {i + 1}: a SAMPLE line needs t, label and memoryUsage " +
                    $"{{rss, heapTotal, heapUsed, external, arrayBuffers}}: {e.Message}", e);
            }
        }
        return samples;
    }
}
