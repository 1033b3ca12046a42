using System.CommandLine;
using System.CommandLine.Parsing;

namespace MemoryCourse.Cli;

/// <summary>
/// How a command states what its options and arguments may be: as System.CommandLine validators, so every
/// command line is checked by the parser before any command's action starts. A rule's problem becomes one line,
/// <c>memcourse COMMAND: PROBLEM</c>, printed as it is (exit 2); the parser's own errors (a missing option, a
/// value that is not a number, an unknown token) keep their own wording and come first, because a rule only
/// speaks about values the parser could read.
/// </summary>
internal static class CommandRules
{
    private const string Prefix = "memcourse ";

    /// <summary>Whether <paramref name="error"/> is a rule's problem (a whole line) rather than the parser's own error.</summary>
    public static bool IsRuleProblem(ParseError error) => error.Message.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Adds a rule to <paramref name="option"/>: <paramref name="problem"/> gets its value and the command's other
    /// values, and answers null when they are fine. It runs when the option is given, or has a default.
    /// </summary>
    public static void Rule<T>(this Option<T> option, string command, Func<T, CommandResult, string?> problem) =>
        option.Validators.Add(result => Check(result, command, () => problem(result.GetValueOrDefault<T>(), (CommandResult)result.Parent!)));

    /// <summary>A rule on <paramref name="option"/>'s value alone (see <see cref="Rule{T}(Option{T}, string, Func{T, CommandResult, string?})"/>).</summary>
    public static void Rule<T>(this Option<T> option, string command, Func<T, string?> problem) => option.Rule(command, (value, _) => problem(value));

    /// <summary>A rule on the words given to <paramref name="argument"/> (it runs when at least one is given).</summary>
    public static void Rule<T>(this Argument<T> argument, string command, Func<T, CommandResult, string?> problem) =>
        argument.Validators.Add(result => Check(result, command, () => problem(result.GetValueOrDefault<T>(), (CommandResult)result.Parent!)));

    /// <summary>The message a rule adds for <paramref name="problem"/> of <paramref name="command"/>.</summary>
    public static string Line(string command, string problem) => $"{Prefix}{command}: {problem}";

    private static void Check(SymbolResult result, string command, Func<string?> problem)
    {
        string? found;
        // A value the parser cannot convert throws here; the parser reports it in its own words, so the rule is silent.
        try { found = problem(); }
        catch (InvalidOperationException) { return; }
        if (found is not null) result.AddError(Line(command, found));
    }
}
