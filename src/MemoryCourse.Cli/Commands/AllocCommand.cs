using MemoryCourse.Notebooks.Reports;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.MallocLab;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse alloc</c>: the chapter 04 allocators on malloc-lab traces.
/// <c>alloc replay TRACE.rep|FOLDER --allocator NAME [--json] [--runs N]</c> replays traces with the lab's
/// correctness checks and prints ops, utilization and throughput per trace, plus the lab's performance index for
/// a folder (a row as soon as its trace is done); <c>--json</c> adds every op's address and block. Every trace
/// is read and checked before the first replay, so a bad one is reported at once, naming file and line.
/// <c>alloc generate FOLDER</c> writes the course's seeded traces, all of them or none. <c>alloc list</c> names
/// the allocators.
/// </summary>
internal static class AllocCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("alloc", "Heap allocators on malloc-lab traces: replay, generate, list.");
        command.Subcommands.Add(Replay(stdout, stderr));
        command.Subcommands.Add(Generate(stdout, stderr));
        command.Subcommands.Add(List(stdout));
        return command;
    }

    private static Command Replay(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("trace") { Description = "A .rep trace file, or a folder whose *.rep files are replayed in name order." };
        var allocatorOption = new Option<string>("--allocator", "-a") { Description = "Allocator: " + string.Join(", ", AllocatorCatalog.Names), Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON, with each op's address and block." };
        var runs = new Option<int>("--runs") { Description = $"Timed runs per trace for throughput, 1 to {MaxRuns} (the lab uses 10).", DefaultValueFactory = _ => 10 };
        var command = new Command("replay", "Replay malloc-lab traces with correctness checks; report utilization, throughput and the performance index.");
        command.Arguments.Add(path);
        command.Options.Add(allocatorOption);
        command.Options.Add(json);
        command.Options.Add(runs);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(allocatorOption)!;
            if (AllocatorCatalog.TryCreate(name) is null)
            {
                stderr.WriteLine($"memcourse alloc replay: unknown allocator {InputText.Quote(name)}. Known: {string.Join(", ", AllocatorCatalog.Names)}.");
                return CliApp.Usage;
            }
            int runCount = parse.GetValue(runs);
            if (runCount < 1 || runCount > MaxRuns)
            {
                stderr.WriteLine($"memcourse alloc replay: --runs must be from 1 to {MaxRuns}, got {runCount}.");
                return CliApp.Usage;
            }
            string target = parse.GetValue(path)!;
            bool isFolder = Directory.Exists(target);
            string[] files;
            if (isFolder)
            {
                try { files = Directory.GetFiles(target, "*.rep").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray(); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"memcourse alloc replay: {target}: the folder cannot be listed: {e.Message}");
                    return CliApp.Usage;
                }
                if (files.Length == 0)
                {
                    stderr.WriteLine($"memcourse alloc replay: no .rep traces in folder {target}.");
                    return CliApp.Usage;
                }
            }
            else if (File.Exists(target)) files = [target];
            else
            {
                stderr.WriteLine($"memcourse alloc replay: {target}: no such file or folder.");
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

            bool withPlacements = parse.GetValue(json);
            var rows = new List<(ReplayResult Result, double Throughput)>();
            if (!withPlacements) WriteTableHeader(stdout, name);
            foreach (var trace in traces)
            {
                var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create(name), new ReplayOptions(RecordPlacements: withPlacements));
                double throughput = result.Correct ? TraceReplayer.MeasureThroughput(trace, () => AllocatorCatalog.Create(name), runCount) : 0;
                rows.Add((result, throughput));
                if (!withPlacements) WriteTableRow(stdout, result, throughput);
            }
            var index = PerformanceIndex.Score(rows.Select(r => (r.Result.Utilization, (long)r.Result.Ops,
                r.Throughput > 0 ? r.Result.Ops / r.Throughput : 0, r.Result.Correct)).ToArray());

            if (withPlacements) WriteJson(stdout, name, rows, isFolder ? index : null);
            else WriteTableEnd(stdout, rows, isFolder ? index : null);
            return rows.All(r => r.Result.Correct) ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }

    /// <summary>The most timed runs per trace <c>--runs</c> takes.</summary>
    public const int MaxRuns = 1000;

    private static void WriteTableHeader(TextWriter stdout, string allocator)
    {
        stdout.WriteLine($"allocator: {allocator} ({AllocatorCatalog.Describe(allocator)})");
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-22} {1,8} {2,6} {3,7} {4,12}", "trace", "ops", "valid", "util", "ops/s"));
        stdout.Flush();
    }

    // One row per trace, printed as soon as the trace is done, so a long folder shows its progress.
    private static void WriteTableRow(TextWriter stdout, ReplayResult r, double throughput)
    {
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-22} {1,8} {2,6} {3,6:0.0}% {4,12:0}", r.Trace, r.Ops, r.Correct ? "yes" : "no", 100 * r.Utilization, throughput));
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

    private static Command Generate(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("folder") { Description = "Folder to write the course's generated traces into." };
        var command = new Command("generate", "Write the course's seeded traces (binary, coalescing, random, realloc) as .rep files.");
        command.Arguments.Add(folder);
        command.SetAction(parse =>
        {
            string target = parse.GetValue(folder)!;
            if (OutputPath.CheckFolder(target, "FOLDER") is { } problem)
            {
                stderr.WriteLine($"memcourse alloc generate: {problem}");
                return CliApp.Usage;
            }
            var written = new List<string>();
            try
            {
                using var outputs = new OutputPath.Batch();
                foreach (var (file, workload, seed, blocks) in TraceGenerator.Standard)
                {
                    var trace = TraceGenerator.Generate(workload, seed, blocks, file);
                    outputs.Add(Path.Combine(target, file), trace.ToRepText());
                    written.Add($"{Path.Combine(target, file)}: {workload}, seed {seed}, {Plural.Of(trace.IdCount, "id")}, {Plural.Of(trace.Ops.Count, "op")}");
                }
                outputs.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"memcourse alloc generate: cannot write to {target}, nothing was written: {e.Message}");
                return CliApp.Usage;
            }
            foreach (var line in written) stdout.WriteLine(line);
            return CliApp.Ok;
        });
        return command;
    }

    private static Command List(TextWriter stdout)
    {
        var command = new Command("list", "List the allocators.");
        command.SetAction(_ =>
        {
            foreach (var name in AllocatorCatalog.Names) stdout.WriteLine($"{name,-11} {AllocatorCatalog.Describe(name)}");
            return CliApp.Ok;
        });
        return command;
    }
}
