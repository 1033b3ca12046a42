using System.CommandLine;
using MemoryCourse.Ostep.Simulators;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse ostep SCRIPT [flags]</c>: runs a port of an OSTEP homework simulator. The flags are passed
/// through untouched, because each simulator parses them exactly as the Python script's optparse would.
/// </summary>
internal static class OstepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> rawArgs)
    {
        var command = new Command("ostep", "Run an OSTEP virtual-memory homework simulator, byte-compatible with the Python original.");
        var script = new Argument<string>("script") { Description = "Simulator: " + string.Join(", ", OstepSimulators.All.Select(s => s.Name)) };
        var rest = new Argument<string[]>("flags") { Arity = ArgumentArity.ZeroOrMore, Description = "The original script's flags (see the script's -h)." };
        command.Arguments.Add(script);
        command.Arguments.Add(rest);
        command.TreatUnmatchedTokensAsErrors = false;
        script.Rule("ostep", (name, _) => OstepSimulators.Find(name) is null
            ? $"unknown simulator '{name}'. Known: {string.Join(", ", OstepSimulators.All.Select(s => s.Name))}."
            : null);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(script)!;
            var simulator = OstepSimulators.Find(name)!;
            // Everything after the script name belongs to the script, in its original order (the parser
            // would split option-like tokens from the rest), so the flags are taken from the raw arguments.
            int at = IndexOfScript(rawArgs, name);
            var run = simulator.Run(rawArgs.Skip(at + 1).ToArray());
            stdout.Write(run.Stdout);
            stderr.Write(run.Stderr);
            return run.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// Runs <c>ostep SCRIPT ...</c> without the command-line parser, when SCRIPT is a known simulator: the
    /// parser would answer <c>-h</c> itself, but the script's own optparse help (and error text) is what an
    /// OSTEP user expects. Returns null when the arguments are not such a call.
    /// </summary>
    public static int? TryRunDirectly(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count < 2 || args[0] != "ostep" || OstepSimulators.Find(args[1]) is not { } simulator) return null;
        var run = simulator.Run(args.Skip(2).ToArray());
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
