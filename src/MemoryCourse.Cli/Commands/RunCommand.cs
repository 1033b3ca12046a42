using System.CommandLine;
using MemoryCourse.Foundation.Input;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;
using MemoryCourse.Notebooks.Reports;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse run PATH...</c>: runs notebooks (files, or every notebook in a folder), each in its own
/// process, prints a per-notebook, per-cell summary, and optionally writes the executed book
/// (<c>--out</c>) and test reports (<c>--junit</c>, <c>--trx</c>).
/// </summary>
internal static class RunCommand
{
    private const string Name = "run";

    /// <summary>What <c>run</c> was asked to do, as the parser read and checked it.</summary>
    public sealed record Options(IReadOnlyList<string> Paths, string? Book, string? JUnit, string? Trx, double TimeoutSeconds, int MemoryMiB,
        int Parallel, bool ContinueOnError, bool ChecksMustPass, IReadOnlyDictionary<string, string> Parameters, int Bench);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Notebooks (.dib, .ipynb) or folders of notebooks." };
        var outDir = new Option<string?>("--out") { Description = "Write the executed .ipynb and an HTML page per notebook, plus index.html, to this folder." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report (one test case per cell)." };
        var trx = new Option<string?>("--trx") { Description = "Write a TRX (Visual Studio) report (one test per cell)." };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell timeout in seconds.", DefaultValueFactory = _ => 60 };
        var memory = new Option<int>("--memory") { Description = "Memory cap of each notebook's process, in MiB.", DefaultValueFactory = _ => 2048 };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Notebooks to run at once (default: number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Run the remaining cells after a failing one." };
        var bench = new Option<int>("--bench")
        {
            Description = "Measure instead of report: run everything N times and print wall times and time to the first cell's result.",
        };
        var checksMustPass = new Option<bool>("--checks-must-pass")
        {
            Description = "Fail the run (exit 1) when an exercise check does not hold yet: for CI of your own solved chapters.",
        };
        var parameters = new Option<IReadOnlyDictionary<string, string>>("-p", "--parameter")
        {
            Description = "name=value for the notebook's parameters cell (repeatable).", Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false, CustomParser = Parameters,
        };
        timeout.Rule(Name, RunLimits.Timeout);
        memory.Rule(Name, RunLimits.Memory);
        parallel.Rule(Name, RunLimits.Parallel);

        var command = new Command(Name, "Run notebooks headless, each in its own process, and report every cell.")
        {
            paths, outDir, junit, trx, timeout, memory, parallel, continueOnError, checksMustPass, parameters, bench,
        };
        command.SetAction((parse, _) => ExecuteAsync(new Options(parse.GetValue(paths)!, parse.GetValue(outDir), parse.GetValue(junit),
            parse.GetValue(trx), parse.GetValue(timeout), parse.GetValue(memory), parse.GetValue(parallel), parse.GetValue(continueOnError),
            parse.GetValue(checksMustPass), parse.GetValue(parameters) ?? new Dictionary<string, string>(), parse.GetValue(bench)), stdout, stderr));
        return command;
    }

    private static async Task<int> ExecuteAsync(Options o, TextWriter stdout, TextWriter stderr)
    {
        var (files, missing) = ExpandPaths(o.Paths);
        foreach (var m in missing) stderr.WriteLine($"memcourse run: {m}");
        if (missing.Count > 0) return CliApp.Usage;
        if (files.Count == 0)
        {
            stderr.WriteLine("memcourse run: no notebooks (.dib, .ipynb) found in the given paths.");
            return CliApp.Usage;
        }
        // An unreadable notebook (a named pipe, a device, binary garbage, a broken format) or a -p it does not
        // declare is misuse: said before any notebook runs, not after the others have.
        var unusable = Unusable(files, o.Parameters);
        foreach (var u in unusable) stderr.WriteLine($"memcourse run: {u}");
        if (unusable.Count > 0) return CliApp.Usage;
        var options = new RunOptions(TimeSpan.FromSeconds(o.TimeoutSeconds), o.MemoryMiB, o.Parallel, o.ContinueOnError, o.Parameters)
        {
            Progress = stderr.WriteLine,
        };

        // Every output checked before any notebook runs: a report path that cannot be written is known now,
        // not after the class has run; the book may replace only what an earlier book wrote.
        var plan = new OutputPlan(files)
            .Folder(o.Book, "--out", BookExporter.FileNames(files))
            .File(o.JUnit, "--junit")
            .File(o.Trx, "--trx");
        if (plan.Problem() is { } problem)
        {
            stderr.WriteLine($"memcourse run: {problem}");
            return CliApp.Usage;
        }

        if (o.Bench > 0) return await Bench(files, options, o.Bench, stdout);

        var console = new ConsoleReport(stdout);
        var runs = await NotebookRunner.RunAllAsync(files, options, console.NotebookFinished);
        console.Summary(runs);

        // All outputs together or none: staged beside their targets, renamed into place at the end.
        if (!OutputPath.TryWrite(stderr, "memcourse run", outputs =>
        {
            if (o.Book is not null) outputs.Fill(o.Book, BookExporter.Files(runs).Select(f => (f.Name, f.Text, f.CopyOf)));
            if (o.JUnit is not null) outputs.Add(o.JUnit, JUnitReport.Render(runs, o.ChecksMustPass));
            if (o.Trx is not null) outputs.Add(o.Trx, TrxReport.Render(runs, DateTimeOffset.UtcNow, o.ChecksMustPass));
        })) return CliApp.Usage;
        if (o.Book is not null) stdout.WriteLine($"Executed book: {Path.Combine(Path.GetFullPath(o.Book), "index.html")}");

        if (runs.Any(r => r.LoadError is not null)) return CliApp.Usage;
        if (o.ChecksMustPass && runs.Sum(r => r.ChecksNotYet.Count()) is > 0 and var notYet)
        {
            stdout.WriteLine($"--checks-must-pass: {Plural.Of(notYet, "check")} not passed yet.");
            return CliApp.Failed;
        }
        return runs.All(r => r.Passed) ? CliApp.Ok : CliApp.Failed;
    }

    // Wall time per notebook and for the whole set, and time from a notebook's start to its first C# cell's
    // result, over several runs: the numbers the engine's speed is judged by.
    private static async Task<int> Bench(IReadOnlyList<string> files, RunOptions options, int times, TextWriter stdout)
    {
        var totals = new List<double>();
        var perNotebook = files.ToDictionary(f => Path.GetFileName(f), _ => new List<(double Wall, double First)>());
        bool allPassed = true;
        for (int i = 0; i < times; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var runs = await NotebookRunner.RunAllAsync(files, options);
            totals.Add(clock.Elapsed.TotalSeconds);
            foreach (var run in runs)
            {
                perNotebook[run.Name].Add((run.Duration.TotalSeconds, run.TimeToFirstResult?.TotalSeconds ?? double.NaN));
                allPassed &= run.Passed;
            }
        }
        static string Stats(IEnumerable<double> xs) { var l = xs.ToList(); return $"{l.Average(),7:0.00} s (min {l.Min():0.00}, max {l.Max():0.00})"; }
        stdout.WriteLine($"{times} runs, {files.Count} notebooks, parallel {options.Parallelism}");
        stdout.WriteLine($"{"notebook",-34} {"wall time",-32} first cell's result");
        foreach (var (name, samples) in perNotebook)
            stdout.WriteLine($"{name,-34} {Stats(samples.Select(s => s.Wall)),-32} {Stats(samples.Select(s => s.First))}");
        stdout.WriteLine($"{"whole run",-34} {Stats(totals)}");
        return allPassed ? CliApp.Ok : CliApp.Failed;
    }

    /// <summary>Why each notebook cannot run as asked: unreadable, or a parameter it does not declare or cannot take.</summary>
    private static List<string> Unusable(IEnumerable<string> files, IReadOnlyDictionary<string, string> parameters)
    {
        var problems = new List<string>();
        foreach (var file in files)
        {
            try { problems.AddRange(NotebookParameters.Validate(NotebookFile.Load(file), file, parameters)); }
            catch (NotebookFormatException e) { problems.Add(e.Message); }
        }
        return problems;
    }

    // -p name=value, each name once: which of two values would win is no answer to give, the user meant one of them.
    private static IReadOnlyDictionary<string, string> Parameters(System.CommandLine.Parsing.ArgumentResult result)
    {
        var parsed = new Dictionary<string, string>();
        foreach (var p in result.Tokens.Select(t => t.Value))
        {
            int eq = p.IndexOf('=');
            if (eq <= 0)
            {
                result.AddError(CommandRules.Line(Name, $"-p expects name=value, got {InputText.Quote(p)}."));
                return parsed;
            }
            string name = p[..eq].Trim();
            if (parsed.TryGetValue(name, out var earlier))
            {
                result.AddError(CommandRules.Line(Name,
                    $"-p {name} is given twice ({InputText.Quote(earlier)} and {InputText.Quote(p[(eq + 1)..])}); give each parameter once."));
                return parsed;
            }
            parsed[name] = p[(eq + 1)..];
        }
        return parsed;
    }

    /// <summary>
    /// Files as given, folders expanded to their notebooks (sorted, not recursive into bin/obj), less those the
    /// others #!import (setup.dib).
    /// </summary>
    private static (List<string> Files, List<string> Problems) ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var notebooks = Directory.GetFiles(path).Where(NotebookFile.IsNotebookPath).OrderBy(f => f, StringComparer.Ordinal).ToList();
                files.AddRange(ImportedNotebooks.Without(notebooks));
            }
            else if (File.Exists(path)) files.Add(path);
            else problems.Add($"no such file or folder: {path}");
        }
        return (files, problems);
    }
}
