using System.CommandLine;
using MemoryCourse.Allocation.MallocLab;
using MemoryCourse.Notebooks.Reports;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse alloc generate FOLDER</c>: writes the course's seeded traces (as in <c>data/traces</c>) into FOLDER,
/// all of them or none.
/// </summary>
internal static class AllocGenerateCommand
{
    /// <summary>What <c>alloc generate</c> was asked to do.</summary>
    public sealed record Options(string Folder);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("folder") { Description = "Folder to write the course's generated traces into." };
        var command = new Command("generate", "Write the course's seeded traces (binary, coalescing, random, realloc) as .rep files.") { folder };
        command.SetAction(parse => Execute(new Options(parse.GetValue(folder)!), stdout, stderr));
        return command;
    }

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        var traces = TraceGenerator.Standard
            .Select(t => (File: t.FileName, t.Workload, t.Seed, Trace: TraceGenerator.Generate(t.Workload, t.Seed, t.Blocks, t.FileName))).ToList();
        if (new OutputPlan([]).Folder(o.Folder, "FOLDER").Problem() is { } problem)
        {
            stderr.WriteLine($"memcourse alloc generate: {problem}");
            return CliApp.Usage;
        }
        bool written = OutputPath.TryWrite(stderr, "memcourse alloc generate", outputs =>
        {
            foreach (var (file, _, _, trace) in traces) outputs.Add(Path.Combine(o.Folder, file), trace.ToRepText());
        }, into: o.Folder);
        if (!written) return CliApp.Usage;
        foreach (var (file, workload, seed, trace) in traces)
        {
            string ids = Plural.Of(trace.IdCount, "id"), ops = Plural.Of(trace.Ops.Count, "op");
            stdout.WriteLine($"{Path.Combine(o.Folder, file)}: {workload}, seed {seed}, {ids}, {ops}");
        }
        return CliApp.Ok;
    }
}
