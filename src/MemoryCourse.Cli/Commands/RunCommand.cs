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
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Notebooks (.dib, .ipynb) or folders of notebooks." };
        var outDir = new Option<string?>("--out") { Description = "Write the executed .ipynb and an HTML page per notebook, plus index.html, to this folder." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report (one test case per cell)." };
        var trx = new Option<string?>("--trx") { Description = "Write a TRX (Visual Studio) report (one test per cell)." };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell timeout in seconds.", DefaultValueFactory = _ => 60 };
        var memory = new Option<int>("--memory") { Description = "Memory cap of each notebook's process, in MiB.", DefaultValueFactory = _ => 2048 };
        var parallel = new Option<int>("--parallel") { Description = "Notebooks to run at once (default: number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Run the remaining cells after a failing one." };
        var bench = new Option<int>("--bench") { Description = "Measure instead of report: run everything N times and print wall times and time to the first cell's result." };
        var checksMustPass = new Option<bool>("--checks-must-pass") { Description = "Fail the run (exit 1) when an exercise check does not hold yet: for CI of your own solved chapters." };
        var parameters = new Option<string[]>("-p", "--parameter") { Description = "name=value for the notebook's parameters cell (repeatable).", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

        var command = new Command("run", "Run notebooks headless, each in its own process, and report every cell.")
        {
            paths, outDir, junit, trx, timeout, memory, parallel, continueOnError, checksMustPass, parameters, bench,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var (files, missing) = ExpandPaths(parse.GetValue(paths)!);
            foreach (var m in missing) stderr.WriteLine($"memcourse run: {m}");
            if (missing.Count > 0) return CliApp.Usage;
            if (files.Count == 0)
            {
                stderr.WriteLine("memcourse run: no notebooks (.dib, .ipynb) found in the given paths.");
                return CliApp.Usage;
            }
            var parsedParameters = new Dictionary<string, string>();
            foreach (var p in parse.GetValue(parameters) ?? [])
            {
                int eq = p.IndexOf('=');
                if (eq <= 0)
                {
                    stderr.WriteLine($"memcourse run: -p expects name=value, got {InputText.Quote(p)}.");
                    return CliApp.Usage;
                }
                string name = p[..eq].Trim();
                if (parsedParameters.TryGetValue(name, out var earlier))
                {
                    // Which one would win is no answer to give: the user meant one of them.
                    stderr.WriteLine($"memcourse run: -p {name} is given twice ({InputText.Quote(earlier)} and {InputText.Quote(p[(eq + 1)..])}); give each parameter once.");
                    return CliApp.Usage;
                }
                parsedParameters[name] = p[(eq + 1)..];
            }
            double seconds = parse.GetValue(timeout);
            int parallelism = parse.GetValue(parallel);
            int memoryMiB = parse.GetValue(memory);
            if (RunLimits.Problem(seconds, memoryMiB, parallelism) is { } limit)
            {
                stderr.WriteLine($"memcourse run: {limit}");
                return CliApp.Usage;
            }
            // An unreadable notebook (a named pipe, a device, binary garbage, a broken format) or a -p it does not
            // declare is misuse: said before any notebook runs, not after the others have.
            var unusable = Unusable(files, parsedParameters);
            foreach (var u in unusable) stderr.WriteLine($"memcourse run: {u}");
            if (unusable.Count > 0) return CliApp.Usage;
            var options = new RunOptions(TimeSpan.FromSeconds(seconds), memoryMiB, parallelism, parse.GetValue(continueOnError), parsedParameters) { Progress = stderr.WriteLine };

            // Every output checked before any notebook runs: a report path that cannot be written is known now,
            // not after the class has run; the book may replace only what an earlier book wrote.
            string? bookDir = parse.GetValue(outDir), junitPath = parse.GetValue(junit), trxPath = parse.GetValue(trx);
            var plan = new OutputPlan(files)
                .Folder(bookDir, "--out", BookExporter.FileNames(files))
                .File(junitPath, "--junit")
                .File(trxPath, "--trx");
            if (plan.Problem() is { } problem)
            {
                stderr.WriteLine($"memcourse run: {problem}");
                return CliApp.Usage;
            }

            if (parse.GetValue(bench) is > 0 and var times)
                return await Bench(files, options, times, stdout);

            bool mustPass = parse.GetValue(checksMustPass);
            var console = new ConsoleReport(stdout);
            var runs = await NotebookRunner.RunAllAsync(files, options, console.NotebookFinished);
            console.Summary(runs);

            // All outputs together or none: staged beside their targets, renamed into place at the end.
            if (!OutputPath.TryWrite(stderr, "memcourse run", outputs =>
            {
                if (bookDir is not null) outputs.Fill(bookDir, BookExporter.Files(runs).Select(f => (f.Name, f.Text, f.CopyOf)));
                if (junitPath is not null) outputs.Add(junitPath, JUnitReport.Render(runs, mustPass));
                if (trxPath is not null) outputs.Add(trxPath, TrxReport.Render(runs, DateTimeOffset.UtcNow, mustPass));
            })) return CliApp.Usage;
            if (bookDir is not null) stdout.WriteLine($"Executed book: {Path.Combine(Path.GetFullPath(bookDir), "index.html")}");

            if (runs.Any(r => r.LoadError is not null)) return CliApp.Usage;
            if (mustPass && runs.Sum(r => r.ChecksNotYet.Count()) is > 0 and var notYet)
            {
                stdout.WriteLine($"--checks-must-pass: {Plural.Of(notYet, "check")} not passed yet.");
                return CliApp.Failed;
            }
            return runs.All(r => r.Passed) ? CliApp.Ok : CliApp.Failed;
        });
        return command;
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
            try
            {
                problems.AddRange(NotebookParameters.Validate(NotebookFile.Load(file), file, parameters));
            }
            catch (NotebookFormatException e)
            {
                problems.Add(e.Message);
            }
        }
        return problems;
    }

        /// <summary>Files as given, folders expanded to their notebooks (sorted, not recursive into bin/obj), less those the others #!import (setup.dib).</summary>
    internal static (List<string> Files, List<string> Problems) ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(ImportedNotebooks.Without(Directory.GetFiles(path).Where(NotebookFile.IsNotebookPath).OrderBy(f => f, StringComparer.Ordinal).ToList()));
            else if (File.Exists(path))
                files.Add(path);
            else
                problems.Add($"no such file or folder: {path}");
        }
        return (files, problems);
    }
}
