using System.Globalization;
using System.Text;

namespace MemoryCourse.Lab.LiveNode;

/// <summary>
/// The file format of a captured run (data/node/lab/captures, data/node/heap-limit): header lines
/// <c># command: ...</c>, <c># node: ...</c>, <c># v8: ...</c>, <c># exit: N</c>, <c># wall-ms: N</c>
/// (and <c># timed-out: true</c> when stopped), then <c>--- stdout</c>, the run's stdout, <c>--- stderr</c>
/// and its stderr, unchanged. <c>record.sh</c> in data/node/heap-limit writes the same format.
/// </summary>
public static class NodeCapture
{
    /// <summary>The first line of every capture.</summary>
    public const string Banner = "# memcourse node lab capture";

    /// <summary>A parsed capture file.</summary>
    public sealed record Contents(string Command, NodeVersions? Versions, int? ExitCode, bool TimedOut, double WallMs, string Stdout, string Stderr);

    /// <summary>Writes a run in the capture format.</summary>
    public static string Format(NodeRun run)
    {
        var s = new StringBuilder();
        s.Append(Banner).Append('\n');
        s.Append("# command: ").Append(run.Workload.CommandLine).Append('\n');
        if (run.Versions is { } v) s.Append("# node: ").Append(v.Node).Append('\n').Append("# v8: ").Append(v.V8).Append('\n');
        if (run.ExitCode is int code) s.Append("# exit: ").Append(code.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (run.TimedOut) s.Append("# timed-out: true\n");
        s.Append("# wall-ms: ").Append(Math.Round(run.WallMs).ToString(CultureInfo.InvariantCulture)).Append('\n');
        s.Append("--- stdout\n").Append(run.Stdout);
        if (run.Stdout.Length > 0 && !run.Stdout.EndsWith('\n')) s.Append('\n');
        s.Append("--- stderr\n").Append(run.Stderr);
        return s.ToString();
    }

    /// <summary>Reads a capture; <paramref name="source"/> names it in error messages.</summary>
    public static Contents Parse(string text, string source)
    {
        text = text.Replace("\r\n", "\n");
        int stdoutMark = text.IndexOf("--- stdout\n", StringComparison.Ordinal);
        if (!text.StartsWith(Banner, StringComparison.Ordinal) || stdoutMark < 0)
            throw new FormatException($"{source}: not a lab capture (it must start with '{Banner}' and have a '--- stdout' line).");
        int stderrMark = text.IndexOf("\n--- stderr\n", stdoutMark, StringComparison.Ordinal);
        if (stderrMark < 0) throw new FormatException($"{source}: no '--- stderr' line after '--- stdout'.");
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text[..stdoutMark].Split('\n').Skip(1))
        {
            if (line.Length == 0) continue;
            int colon = line.IndexOf(':');
            if (!line.StartsWith("# ", StringComparison.Ordinal) || colon < 0)
                throw new FormatException($"{source}: header line '{line}' is not '# name: value'.");
            header[line[2..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (!header.TryGetValue("command", out var command)) throw new FormatException($"{source}: no '# command:' header.");
        NodeVersions? versions = header.TryGetValue("node", out var node) && header.TryGetValue("v8", out var v8) ? new NodeVersions(node, v8) : null;
        int? exit = header.TryGetValue("exit", out var e) ? int.Parse(e, CultureInfo.InvariantCulture) : null;
        double wall = header.TryGetValue("wall-ms", out var w) ? double.Parse(w, CultureInfo.InvariantCulture) : 0;
        bool timedOut = header.TryGetValue("timed-out", out var t) && t == "true";
        string stdout = text[(stdoutMark + "--- stdout\n".Length)..(stderrMark + 1)];
        string stderr = text[(stderrMark + "\n--- stderr\n".Length)..];
        return new Contents(command, versions, exit, timedOut, wall, stdout, stderr);
    }
}
