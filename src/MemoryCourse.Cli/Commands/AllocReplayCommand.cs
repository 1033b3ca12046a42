using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.MallocLab;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse alloc replay TRACE.rep|FOLDER --allocator NAME [--json] [--runs N]</c>: replays malloc-lab traces
/// with the lab's correctness checks and prints ops, utilization and throughput per trace, plus the lab's
/// performance index for a folder (a row as soon as its trace is done); <c>--json</c> adds every op's address and
/// block. Every trace is read and checked before the first replay, so a bad one is reported at once, naming file
/// and line.
/// </summary>
internal static class AllocReplayCommand
{
    private const string Name = "alloc replay";

    /// <summary>The most timed runs per trace <c>--runs</c> takes.</summary>
    public const int MaxRuns = 1000;

    /// <summary>What <c>alloc replay</c> was asked to do, as the parser read and checked it.</summary>
    public sealed record Options(string Trace, string Allocator, bool Json, int Runs);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("trace") { Description = "A .rep trace file, or a folder whose *.rep files are replayed in name order." };
        var allocator = new Option<string>("--allocator", "-a") { Description = "Allocator: " + string.Join(", ", AllocatorCatalog.Names), Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON, with each op's address and block." };
        var runs = new Option<int>("--runs")
        {
            Description = $"Timed runs per trace for throughput, 1 to {MaxRuns} (the lab uses 10).", DefaultValueFactory = _ => 10,
        };
        allocator.Rule(Name, name => AllocatorCatalog.TryCreate(name) is null
            ? $"unknown allocator {InputText.Quote(name)}. Known: {string.Join(", ", AllocatorCatalog.Names)}."
            : null);
        runs.Rule(Name, count => count is >= 1 and <= MaxRuns ? null : $"--runs must be from 1 to {MaxRuns}, got {count}.");
        var command = new Command("replay", "Replay malloc-lab traces with correctness checks; report utilization, throughput and the performance index.")
        {
            path, allocator, json, runs,
        };
        command.SetAction(parse => Execute(new Options(parse.GetValue(path)!, parse.GetValue(allocator)!, parse.GetValue(json), parse.GetValue(runs)),
            stdout, stderr));
        return command;
    }

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        bool isFolder = Directory.Exists(o.Trace);
        var (files, problem) = TraceFiles(o.Trace);
        if (problem is not null)
        {
            stderr.WriteLine($"memcourse alloc replay: {problem}");
            return CliApp.Usage;
        }
        var traces = new List<Trace>();
        foreach (var file in files)
        {
            try { traces.Add(Trace.Load(file)); }
            catch (TraceFormatException e)
            {
                stderr.WriteLine($"memcourse alloc replay: {e.Message}");
                return CliApp.Usage;
            }
        }

        var rows = new List<(ReplayResult Result, double Throughput)>();
        if (!o.Json) WriteTableHeader(stdout, o.Allocator);
        foreach (var trace in traces)
        {
            var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create(o.Allocator), new ReplayOptions(RecordPlacements: o.Json));
            double throughput = result.Correct ? TraceReplayer.MeasureThroughput(trace, () => AllocatorCatalog.Create(o.Allocator), o.Runs) : 0;
            rows.Add((result, throughput));
            if (!o.Json) WriteTableRow(stdout, result, throughput);
        }
        var index = PerformanceIndex.Score(rows.Select(r => (r.Result.Utilization, (long)r.Result.Ops,
            r.Throughput > 0 ? r.Result.Ops / r.Throughput : 0, r.Result.Correct)).ToArray());

        if (o.Json) WriteJson(stdout, o.Allocator, rows, isFolder ? index : null);
        else WriteTableEnd(stdout, rows, isFolder ? index : null);
        return rows.All(r => r.Result.Correct) ? CliApp.Ok : CliApp.Failed;
    }

    // The trace files the path names: itself, or a folder's *.rep files in name order (a folder without any is refused).
    private static (string[] Files, string? Problem) TraceFiles(string target)
    {
        if (File.Exists(target)) return ([target], null);
        if (!Directory.Exists(target)) return ([], $"{target}: no such file or folder.");
        string[] files;
        try { files = Directory.GetFiles(target, "*.rep").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], $"{target}: the folder cannot be listed: {e.Message}");
        }
        return (files, files.Length == 0 ? $"no .rep traces in folder {target}." : null);
    }

    private static void WriteTableHeader(TextWriter stdout, string allocator)
    {
        stdout.WriteLine($"allocator: {allocator} ({AllocatorCatalog.Describe(allocator)})");
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-22} {1,8} {2,6} {3,7} {4,12}", "trace", "ops", "valid", "util", "ops/s"));
        stdout.Flush();
    }

    // One row per trace, printed as soon as the trace is done, so a long folder shows its progress.
    private static void WriteTableRow(TextWriter stdout, ReplayResult r, double throughput)
    {
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-22} {1,8} {2,6} {3,6:0.0}% {4,12:0}",
            r.Trace, r.Ops, r.Correct ? "yes" : "no", 100 * r.Utilization, throughput));
        stdout.Flush();
    }
    private static void WriteTableEnd(TextWriter stdout, List<(ReplayResult Result, double Throughput)> rows, PerformanceIndex? index)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var (r, _) in rows.Where(x => !x.Result.Correct))
            stdout.WriteLine($"error: {r.Error}");
        if (index is null) return;
        stdout.WriteLine(string.Format(c, "{0,-22} {1,8} {2,6} {3,6:0.0}% {4,12:0}", "total",
            rows.Sum(x => x.Result.Ops), index.Correct ? "yes" : "no", 100 * index.Utilization, index.Throughput));
        stdout.WriteLine(index.ToString());
    }

    private static void WriteJson(TextWriter stdout, string allocator, List<(ReplayResult Result, double Throughput)> rows, PerformanceIndex? index)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("allocator", allocator);
            w.WriteStartArray("traces");
            foreach (var (r, t) in rows)
            {
                w.WriteStartObject();
                w.WriteString("trace", r.Trace);
                w.WriteNumber("ops", r.Ops);
                w.WriteBoolean("correct", r.Correct);
                if (r.Error is null) w.WriteNull("error"); else w.WriteString("error", r.Error);
                w.WriteNumber("peakLivePayload", r.PeakLivePayload);
                w.WriteNumber("heapSize", r.HeapSize);
                w.WriteNumber("utilization", r.Utilization);
                w.WriteNumber("throughput", Math.Round(t));
                w.WriteStartArray("placements");
                foreach (var p in r.Placements)
                {
                    w.WriteStartObject();
                    w.WriteNumber("index", p.Index);
                    w.WriteNumber("line", p.Line);
                    w.WriteString("op", p.Op.ToString());
                    w.WriteNumber("id", p.Id);
                    if (p.Op != 'f') w.WriteNumber("size", p.Size);
                    w.WriteNumber("address", p.Address);
                    w.WriteNumber("blockAddress", p.BlockAddress);
                    w.WriteNumber("blockSize", p.BlockSize);
                    w.WriteNumber("searchSteps", p.SearchSteps);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (index is not null)
            {
                w.WriteStartObject("performanceIndex");
                w.WriteNumber("utilization", index.Utilization);
                w.WriteNumber("throughput", Math.Round(index.Throughput));
                w.WriteNumber("points", index.Points);
                w.WriteString("line", index.ToString());
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
