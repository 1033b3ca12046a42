using System.CommandLine;
using MemoryCourse.Ostep.Simulators;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse ostep SCRIPT [flags]</c>: runs a port of an OSTEP homework simulator. The flags are passed
/// through untouched, because each simulator parses them exactly as the Python script's optparse would.
/// </summary>
internal static class OstepCommand
{
    /// <summary>What <c>ostep</c> was asked to run: the simulator, and its flags exactly as given.</summary>
    public sealed record Options(IOstepSimulator Simulator, IReadOnlyList<string> Flags);

    public static Command Create(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> rawArgs)
    {
        var script = new Argument<string>("script") { Description = "Simulator: " + string.Join(", ", OstepSimulators.All.Select(s => s.Name)) };
        var rest = new Argument<string[]>("flags") { Arity = ArgumentArity.ZeroOrMore, Description = "The original script's flags (see the script's -h)." };
        script.Rule("ostep", (name, _) => OstepSimulators.Find(name) is null
            ? $"unknown simulator '{name}'. Known: {string.Join(", ", OstepSimulators.All.Select(s => s.Name))}."
            : null);
        var command = new Command("ostep", "Run an OSTEP virtual-memory homework simulator, byte-compatible with the Python original.")
        {
            script, rest,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        // Everything after the script name belongs to the script, in its original order (the parser would split
        // option-like tokens from the rest), so the flags are taken from the raw arguments.
        command.SetAction(parse => Execute(new Options(OstepSimulators.Find(parse.GetValue(script)!)!,
            rawArgs.Skip(IndexOfScript(rawArgs, parse.GetValue(script)!) + 1).ToArray()), stdout, stderr));
        return command;
    }

    /// <summary>
    /// Runs <c>ostep SCRIPT ...</c> without the command-line parser, when SCRIPT is a known simulator: the
    /// parser would answer <c>-h</c> itself, but the script's own optparse help (and error text) is what an
    /// OSTEP user expects. Returns null when the arguments are not such a call.
    /// </summary>
    public static int? TryRunDirectly(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        args.Count >= 2 && args[0] == "ostep" && OstepSimulators.Find(args[1]) is { } simulator
            ? Execute(new Options(simulator, args.Skip(2).ToArray()), stdout, stderr)
            : null;

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        var run = o.Simulator.Run(o.Flags.ToArray());
        stdout.Write(run.Stdout);
        stderr.Write(run.Stderr);
        return run.ExitCode;
    }

    private static int IndexOfScript(IReadOnlyList<string> rawArgs, string name)
    {
        for (int i = 0; i + 1 < rawArgs.Count; i++)
            if (rawArgs[i] == "ostep" && rawArgs[i + 1] == name) return i + 1;
        return rawArgs.Count - 1;
    }
}
