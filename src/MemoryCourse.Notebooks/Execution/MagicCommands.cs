using System.Text.RegularExpressions;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>A magic command found in a C# cell, with the 1-based line of the cell it was on.</summary>
internal abstract record MagicCommand(int Line)
{
    /// <summary><c>#r "path.dll"</c>: reference an assembly, relative to the notebook's folder.</summary>
    public sealed record Reference(int Line, string Path) : MagicCommand(Line);
    /// <summary><c>#r "nuget: Name, Version"</c>: reference a package (served from the local NuGet cache).</summary>
    public sealed record NuGet(int Line, string Package, string? Version) : MagicCommand(Line);
    /// <summary><c>#!import file.dib|.cs|.csx</c>: run another file's C# in this notebook's session.</summary>
    public sealed record Import(int Line, string Path) : MagicCommand(Line);
    /// <summary><c>#!time</c>: report the cell's wall time.</summary>
    public sealed record Time(int Line) : MagicCommand(Line);
}

/// <summary>
/// Splits a C# cell into its magic commands and its code. Magic lines are replaced by empty lines, so a
/// compile error's line number is still the line of the cell the learner sees.
/// </summary>
internal static partial class MagicCommands
{
    [GeneratedRegex("""^#r\s+"(?<target>[^"]*)"\s*$""")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("""^nuget\s*:\s*(?<name>[^,\s]+)\s*(,\s*(?<version>\S+))?\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetPattern();

    public static (string Code, IReadOnlyList<MagicCommand> Commands) Split(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var commands = new List<MagicCommand>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int lineNumber = i + 1;
            if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#r\t", StringComparison.Ordinal))
            {
                var m = ReferencePattern().Match(line);
                if (!m.Success) throw new MagicCommandException(lineNumber, $"#r expects a quoted path or \"nuget:Name, Version\": {line}");
                string target = m.Groups["target"].Value;
                var nuget = NuGetPattern().Match(target);
                commands.Add(nuget.Success
                    ? new MagicCommand.NuGet(lineNumber, nuget.Groups["name"].Value, nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null)
                    : target.StartsWith("nuget", StringComparison.OrdinalIgnoreCase) && target.Contains(':')
                        ? throw new MagicCommandException(lineNumber, $"malformed package reference \"{target}\": expected \"nuget: Name, Version\"")
                        : new MagicCommand.Reference(lineNumber, target));
                lines[i] = "";
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string[] parts = line[2..].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string name = parts.Length > 0 ? parts[0] : "";
                string argument = parts.Length > 1 ? parts[1].Trim('"') : "";
                commands.Add(name switch
                {
                    "time" => new MagicCommand.Time(lineNumber),
                    "import" when argument.Length > 0 => new MagicCommand.Import(lineNumber, argument),
                    "import" => throw new MagicCommandException(lineNumber, "#!import needs a file: #!import setup.dib"),
                    _ => throw new MagicCommandException(lineNumber, $"unknown magic command '#!{name}' (this engine supports #!import, #!time, #r)"),
                });
                lines[i] = "";
            }
        }
        return (string.Join("\n", lines), commands);
    }
}

/// <summary>A magic command that cannot be carried out; <see cref="Line"/> is its line in the cell.</summary>
internal sealed class MagicCommandException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
