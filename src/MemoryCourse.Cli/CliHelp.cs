using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Cli;

/// <summary>
/// What <c>memcourse ... --help</c> and a misused command print, on top of System.CommandLine's own help: one
/// example per command (<see cref="Examples"/>, each one a command that runs from the repository's root), usage
/// lines written for the commands whose parsed shape would mislead (<see cref="Usages"/>), no second default
/// after a description that already states its default in words, and every parse error as one line naming the
/// command, the option and the value, with a pointer to that command's help.
/// </summary>
internal static partial class CliHelp
{
    /// <summary>One example per command, by path below the root ("" is <c>memcourse</c> itself).</summary>
    public static IReadOnlyDictionary<string, string> Examples { get; } = new Dictionary<string, string>
    {
        [""] = "memcourse alloc replay data/traces --allocator best",
        ["run"] = "memcourse run notebooks/04-heap-fragmentation.dib --junit results.xml",
        ["assign"] = "memcourse assign notebooks/07-virtual-memory-and-paging.dib --out ../class/handout",
        ["grade"] = "memcourse grade --source notebooks/07-virtual-memory-and-paging.dib submissions/ --out gradebook.csv",
        ["gradebook"] = "memcourse gradebook merge part-1.json part-2.json --out gradebook.csv",
        ["gradebook merge"] = "memcourse gradebook merge part-1.json part-2.json --out gradebook.csv",
        ["ostep"] = "memcourse ostep malloc -S 100 -n 5 -c",
        ["inspect"] = "memcourse inspect --pmap --capture data/proc/node",
        ["gc"] = "memcourse gc v8 --objects 1000000 --retain-every 10",
        ["gc v8"] = "memcourse gc v8 --objects 1000000 --retain-every 10",
        ["alloc"] = "memcourse alloc replay data/traces --allocator best",
        ["alloc replay"] = "memcourse alloc replay data/traces/random-gen.rep --allocator segregated --json",
        ["alloc generate"] = "memcourse alloc generate my-traces",
        ["alloc list"] = "memcourse alloc list",
    };

    /// <summary>
    /// Usage lines for commands whose arguments System.CommandLine cannot describe: <c>ostep</c> passes its flags
    /// to the script untouched, and <c>inspect</c>'s numbers belong to <c>--vmstat</c> only.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Usages { get; } = new Dictionary<string, string>
    {
        ["ostep"] = "memcourse ostep <script> [<flags>...]",
        ["inspect"] = "memcourse inspect (--pmap | --vmstat [INTERVAL [COUNT]] | --meminfo | --usage) [--pid N | --capture DIR] [--json]",
    };

    /// <summary>The path of a command below the root: "alloc replay" for <c>memcourse alloc replay</c>.</summary>
    public static string PathOf(Command command, Command root)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null && c != root; c = Parent(c, root)) names.Add(c.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The help System.CommandLine wrote for <paramref name="command"/>, polished as this class describes.</summary>
    public static string Polish(string help, Command command, Command root)
    {
        string path = PathOf(command, root);
        var lines = help.Replace("\r\n", "\n").Split('\n').ToList();
        var result = new List<string>();
        bool inUsage = false, skipping = false;
        foreach (var raw in lines)
        {
            string line = raw;
            if (line.Length > 0 && !line.StartsWith(' '))
            {
                inUsage = line == "Usage:";
                skipping = line == "Additional Arguments:"; // only ostep has them: its flags, already described
            }
            if (skipping) continue;
            if (inUsage && line.StartsWith("  ", StringComparison.Ordinal))
            {
                line = "  " + (Usages.TryGetValue(path, out var usage) ? usage : "memcourse" + line.Trim()[root.Name.Length..]);
            }
            line = DoubleDefault().Replace(line, "$1");
            line = SubcommandRow(line, command, root);
            result.Add(line);
        }
        while (result.Count > 0 && result[^1].Length == 0) result.RemoveAt(result.Count - 1);
        if (Examples.TryGetValue(path, out var example))
        {
            result.Add("");
            result.Add("Example:");
            result.Add("  " + example);
        }
        return string.Join('\n', result) + "\n\n";
    }

    /// <summary>
    /// Parse errors as one line: <c>memcourse inspect: --pid: 'abc' is not a whole number (see 'memcourse inspect --help')</c>.
    /// </summary>
    public static string ParseErrors(ParseResult parsed, IEnumerable<ParseError> errors, Command root)
    {
        var command = parsed.CommandResult.Command;
        string path = PathOf(command, root);
        string prefix = path.Length == 0 ? "memcourse" : "memcourse " + path;
        var messages = errors.Select(e => Rephrase(e.Message, command)).Distinct().ToList();
        // "Required command was not provided" next to "Unrecognized command 'x'" says the same thing twice.
        if (messages.Count > 1) messages.RemoveAll(m => m.StartsWith("choose a command", StringComparison.Ordinal));
        return $"{prefix}: {string.Join("; ", messages)} (see '{prefix} --help')";
    }

    private static string Rephrase(string message, Command command)
    {
        var m = CannotParse().Match(message);
        if (m.Success)
        {
            string type = m.Groups["type"].Value;
            string kind = type.Contains("Int32") ? $"a whole number from {int.MinValue} to {int.MaxValue}"
                : type.Contains("Int64") ? $"a whole number from {long.MinValue} to {long.MaxValue}"
                : type.Contains("Double") ? "a number"
                : "a valid value";
            return $"{m.Groups["name"].Value}: {InputText.Quote(m.Groups["value"].Value)} is not {kind}";
        }
        if (message == "Required command was not provided.")
            return $"choose a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        return InputText.Printable(message.TrimEnd('.'));
    }

    // "  inspect <interval-count>  Inspect ..." in a command list: the row names a command whose usage is
    // written by hand, so its arguments are left to that usage (padded to keep the columns aligned).
    private static string SubcommandRow(string line, Command command, Command root)
    {
        foreach (var sub in command.Subcommands)
        {
            if (!Usages.ContainsKey(PathOf(sub, root)) || sub.Arguments.Count == 0) continue;
            string shown = $"  {sub.Name} {string.Join(' ', sub.Arguments.Select(a => $"<{a.Name}>"))}";
            if (line.StartsWith(shown + " ", StringComparison.Ordinal))
                return "  " + sub.Name + new string(' ', shown.Length - sub.Name.Length - 2) + line[shown.Length..];
        }
        return line;
    }

    private static Command? Parent(Command command, Command root)
    {
        if (root.Subcommands.Contains(command)) return root;
        foreach (var sub in root.Subcommands)
            if (Parent(command, sub) is { } parent) return parent;
        return null;
    }

    [GeneratedRegex(@"^(.*\(default: [^)]*\).*?) \[default: [^\]]*\]$")]
    private static partial Regex DoubleDefault();

    [GeneratedRegex(
        @"^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.$",
        RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
