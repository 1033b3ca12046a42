using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse gc v8 --objects N --object-size BYTES --retain-every K [--semi-space MIB]
/// [--max-old-space-size MIB] [--progress-every P] [--json]</c>: runs the alloc.js workload on the V8 heap model and prints the
/// scavenges, mark-compacts, promoted bytes and every GC event (type, time, heap before and after,
/// estimated pause), as text or JSON. When the old generation cannot grow past
/// <c>--max-old-space-size</c> (node 20's default, 4096 MiB, unless given), the run stops as node would:
/// V8's verdict and message after the events up to it (JSON: <c>outOfMemory</c>), exit code 1. Sizes the
/// model cannot hold are refused at once (exit 2); runs longer than a few seconds report progress on stderr.
/// </summary>
internal static class GcV8Command
{
    private const string Name = "gc v8";

    /// <summary>What <c>gc v8</c> was asked to run: the workload and the heap the parser built and checked for it.</summary>
    public sealed record Options(long Objects, int ObjectSize, int RetainEvery, HeapOptions Heap, bool Json, long ProgressEvery = 0);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var objects = new Option<long>("--objects") { Description = "Number of arrays allocated (N).", Required = true };
        var objectSize = new Option<int>("--object-size")
        {
            Description = "Bytes per array (176 for 16 small integers in V8 11.3).", DefaultValueFactory = _ => 176,
        };
        var retainEvery = new Option<int>("--retain-every") { Description = "Keep every K-th array alive (0 keeps none).", DefaultValueFactory = _ => 0 };
        var semiSpace = new Option<int?>("--semi-space") { Description = "Fix the semi-space at this many MiB (default: V8's 1 MiB growing to 16 MiB)." };
        var maxOldSpace = new Option<long?>("--max-old-space-size")
        {
            Description = "The old generation's maximum in MiB, as node's flag (default 4096: node 20 on a 64-bit machine with 16 GB of RAM or more).",
        };
        var progressEvery = new Option<long>("--progress-every")
        {
            Description = "Write alloc.js's PROGRESS report every P arrays, as data/node/lab/alloc.js's third argument does (0: none). "
                + "node's runtime allocates in old space for the report now and then, which can start marking near a small limit.",
            DefaultValueFactory = _ => 0,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        objects.Rule(Name, n => n < 0 ? $"--objects must not be negative, got {n}." : null);
        objectSize.Rule(Name, size => size <= 0 ? $"--object-size must be positive, got {size}." : null);
        retainEvery.Rule(Name, k => k < 0 ? $"--retain-every must not be negative, got {k}." : null);
        semiSpace.Rule(Name, semi => semi is <= 0 ? $"--semi-space must be at least 1 MiB, got {semi}." : null);
        progressEvery.Rule(Name, p => p < 0 ? $"--progress-every must not be negative, got {p}." : null);
        // The heap the sizes make, and whether the workload fits the model: checked once every size alone is sane. The rule
        // sits on the last option with a default, so that the parser has the defaults of the options before it in hand.
        retainEvery.Rule(Name, (k, command) => HeapProblem(command.GetValue(objects), command.GetValue(objectSize), k,
            command.GetValue(semiSpace), command.GetValue(maxOldSpace)));

        var v8 = new Command("v8", "Run alloc.js (N arrays, keep every K-th) on the V8 heap model, calibrated against node v20.")
        {
            objects, objectSize, retainEvery, semiSpace, maxOldSpace, progressEvery, json,
        };
        v8.SetAction(parse => Execute(new Options(parse.GetValue(objects), parse.GetValue(objectSize), parse.GetValue(retainEvery),
            Heap(parse.GetValue(semiSpace), parse.GetValue(maxOldSpace)), parse.GetValue(json), parse.GetValue(progressEvery)), stdout, stderr));
        return v8;
    }

    private static HeapOptions Heap(int? semiSpace, long? maxOldSpace)
    {
        var options = semiSpace is int mib ? HeapOptions.Node20FixedSemiSpace(mib) : HeapOptions.Node20;
        return maxOldSpace is long limit ? options.WithMaxOldSpaceSize(limit) : options;
    }

    private static string? HeapProblem(long n, int size, int k, int? semi, long? maxOldSpace)
    {
        if (n < 0 || size <= 0 || k < 0 || semi is <= 0) return null; // said by the rule of that option
        HeapOptions options;
        try { options = Heap(semi, maxOldSpace); }
        catch (HeapException e) { return e.Message; }
        if (size > options.LargeObjectThreshold)
            return $"--object-size {size} is above the large-object threshold ({options.LargeObjectThreshold} bytes); alloc.js arrays are small objects.";
        return AllocJsWorkload.SizeProblem(n, size, k, options) is { } problem ? $"--objects {n} --retain-every {k}: {problem}" : null;
    }

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        AllocJsRun run;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new SynchronousProgress(p =>
        {
            if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(2)) return;
            lastReport = clock.Elapsed;
            double perSecond = p.Allocated / clock.Elapsed.TotalSeconds;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memcourse gc v8: {p.Allocated:N0} of {p.Objects:N0} arrays ({p.Fraction:P0}), {p.Scavenges} scavenges, "
                + $"{p.MarkCompacts} mark-compacts, {clock.Elapsed.TotalSeconds:0} s; about {Remaining((p.Objects - p.Allocated) / perSecond)} left"));
        });
        try { run = AllocJsWorkload.Run(o.Objects, o.ObjectSize, o.RetainEvery, o.Heap, progress, reportEvery: o.ProgressEvery); }
        catch (HeapException e)
        {
            stderr.WriteLine($"memcourse gc v8: {e.Message}");
            return CliApp.Usage;
        }
        if (o.Json) WriteJson(stdout, run);
        else WriteText(stdout, run);
        if (run.OutOfMemory is { } oom)
        {
            stderr.WriteLine(oom.Message);
            return CliApp.Failed;
        }
        return CliApp.Ok;
    }

    private static string MiB(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Remaining(double seconds) =>
        double.IsFinite(seconds) && seconds < 3600 * 24 * 365
            ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture)
            : "more than a year";

    /// <summary>Reports on the model's thread, at once (Progress&lt;T&gt; would post to a thread pool).</summary>
    private sealed class SynchronousProgress(Action<AllocJsProgress> report) : IProgress<AllocJsProgress>
    {
        public void Report(AllocJsProgress value) => report(value);
    }

    private static void WriteText(TextWriter o, AllocJsRun run)
    {
        o.WriteLine($"alloc.js on the V8 model: {run.Objects} objects of {run.ObjectSize} B, retain every {run.RetainEvery} ({run.Retained} kept), "
            + $"semi-space {MiB(run.SemiSpaceMin)}..{MiB(run.SemiSpaceMax)} MiB, --max-old-space-size={run.MaxOldSpaceSizeMiB}"
            + (run.ReportEvery > 0 ? $", a progress report every {run.ReportEvery} arrays" : ""));
        o.WriteLine($"scavenges: {run.Scavenges}");
        o.WriteLine($"mark-compacts: {run.MarkCompacts}");
        o.WriteLine($"promoted bytes: {run.PromotedBytes}");
        o.WriteLine($"simulated time: {run.SimulatedMs.ToString("F1", CultureInfo.InvariantCulture)} ms");
        o.WriteLine("events (as --trace-gc prints them: MiB of objects, committed in brackets):");
        foreach (var e in run.Events)
        {
            string type = e.Kind == GcKind.Scavenge ? "Scavenge" : "Mark-Compact";
            string reduce = e.ReducesMemory ? " (reduce)" : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Index,6} {e.StartMs,9:F1} ms: {type}{reduce} {MiB(e.Before.TotalBytes)} ({MiB(e.Before.CommittedBytes)}) -> "
                + $"{MiB(e.After.TotalBytes)} ({MiB(e.After.CommittedBytes)}) MB, {e.PauseMs:F2} ms, promoted {e.PromotedBytes} B, "
                + $"survived {e.SurvivedBytes} B (average mu = {e.AverageMu:F3}, current mu = {e.CurrentMu:F3}); {e.Reason}"));
        }
        if (run.OutOfMemory is { } oom)
        {
            o.WriteLine($"out of memory after {run.Allocated} of {run.Objects} arrays: old generation {MiB(oom.OldGenerationBytes)} MiB of objects "
                + $"on {MiB(oom.OldGenerationCapacity)} MiB of pages, limit {MiB(oom.MaxOldGenerationSize)} MiB");
            o.WriteLine(oom.Message);
        }
    }

    private static void WriteJson(TextWriter o, AllocJsRun run)
    {
        var doc = new
        {
            objects = run.Objects, objectSize = run.ObjectSize, retainEvery = run.RetainEvery, retained = run.Retained,
            semiSpaceMin = run.SemiSpaceMin, semiSpaceMax = run.SemiSpaceMax,
            scavenges = run.Scavenges, markCompacts = run.MarkCompacts, promotedBytes = run.PromotedBytes,
            simulatedMs = run.SimulatedMs,
            maxOldSpaceSize = run.MaxOldSpaceSizeMiB, progressEvery = run.ReportEvery, allocated = run.Allocated,
            outOfMemory = run.OutOfMemory is { } oom ? new
            {
                verdict = oom.Verdict switch
                {
                    OutOfMemoryVerdict.ReachedHeapLimit => "reached-heap-limit",
                    OutOfMemoryVerdict.IneffectiveMarkCompacts => "ineffective-mark-compacts",
                    _ => "allocation-failed-after-last-resort",
                },
                reason = oom.Reason, message = oom.Message, allocated = run.Allocated,
                oldGenerationBytes = oom.OldGenerationBytes, oldGenerationCapacity = oom.OldGenerationCapacity,
                maxOldGenerationSize = oom.MaxOldGenerationSize,
            } : null,
            events = run.Events.Select(e => new
            {
                index = e.Index, type = e.Kind == GcKind.Scavenge ? "scavenge" : "mark-compact", startMs = e.StartMs,
                before = e.Before, after = e.After, pauseMs = e.PauseMs,
                promotedBytes = e.PromotedBytes, survivedBytes = e.SurvivedBytes, reason = e.Reason,
                incrementalSteps = e.IncrementalSteps, reduce = e.ReducesMemory, averageMu = e.AverageMu, currentMu = e.CurrentMu,
            }),
        };
        o.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    }
}
