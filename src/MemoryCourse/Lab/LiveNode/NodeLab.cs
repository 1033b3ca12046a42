using System.Diagnostics;

namespace MemoryCourse.Lab.LiveNode;

/// <summary>
/// Runs the course's JavaScript workloads in the learner's own <c>node</c>, with chosen V8 flags and a time
/// limit, and reads back their GC lines and memoryUsage() samples (<see cref="NodeRun"/>). This is the one
/// place the models start a process. When node is not available it says so in one line
/// (<see cref="Status"/>) and answers with the run the course captured on its reference machine, so a
/// chapter runs everywhere.
/// <para>
/// Which node: the environment variable <c>MEMCOURSE_NODE</c> (a path to the executable, or <c>none</c> to
/// behave as if node were missing, which is how tests and CI hide it), else <c>node</c> on the PATH. The
/// scripts (alloc.js, usage.js, request.js) and the captures (<c>captures/*.txt</c>) are in the lab folder,
/// data/node/lab.
/// </para>
/// </summary>
public sealed class NodeLab
{
    /// <summary>The environment variable naming the node executable, or "none".</summary>
    public const string NodeVariable = "MEMCOURSE_NODE";

    private IReadOnlyDictionary<string, string>? _captures;   // command line -> capture file, read on first use

    private readonly string _reason;   // why the captures stand in ("" when live)

    private NodeLab(string directory, string? nodePath, NodeVersions? versions, string status, string reason)
    {
        Directory = directory;
        NodePath = nodePath;
        Versions = versions;
        Status = status;
        _reason = reason;
    }

    /// <summary>The lab folder: the workloads' scripts, and their captures under <c>captures/</c>.</summary>
    public string Directory { get; }

    /// <summary>The node executable the lab runs, or null when it answers from captures.</summary>
    public string? NodePath { get; }

    /// <summary>The version of that node, or null.</summary>
    public NodeVersions? Versions { get; }

    /// <summary>One line: which node runs the workloads, or why the captures stand in.</summary>
    public string Status { get; }

    /// <summary>Whether runs are live (node found and working).</summary>
    public bool IsLive => NodePath is not null;

    /// <summary>
    /// The lab for this machine, reading <c>MEMCOURSE_NODE</c> and <c>PATH</c>. Starts node once to ask its
    /// version. <paramref name="labDirectory"/> is data/node/lab (from a chapter: "../data/node/lab").
    /// </summary>
    public static NodeLab ForThisMachine(string labDirectory) =>
        Find(labDirectory, Environment.GetEnvironmentVariable(NodeVariable), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// The lab for the given <c>MEMCOURSE_NODE</c> value and PATH: "none" hides node; a path must be an
    /// executable; otherwise the first <c>node</c> on the PATH.
    /// </summary>
    public static NodeLab Find(string labDirectory, string? nodeVariable, string? path)
    {
        string directory = Path.GetFullPath(labDirectory);
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The lab folder {directory} does not exist (it holds the workloads' scripts and captures).");
        string? candidate;
        if (string.Equals(nodeVariable?.Trim(), "none", StringComparison.OrdinalIgnoreCase))
            return CapturesOnly(directory, $"node is hidden ({NodeVariable}=none)");
        if (!string.IsNullOrWhiteSpace(nodeVariable))
        {
            candidate = nodeVariable.Trim();
            if (!File.Exists(candidate)) return CapturesOnly(directory, $"{NodeVariable}={candidate} does not exist");
        }
        else
        {
            candidate = OnPath(path);
            if (candidate is null) return CapturesOnly(directory, "node is not installed here (no node on the PATH)");
        }
        var (versions, problem) = AskVersions(candidate);
        if (versions is null) return CapturesOnly(directory, $"{candidate} did not answer as node ({problem})");
        return new NodeLab(directory, candidate, versions, $"Running the workloads live in {versions} at {candidate}.", "");
    }

    /// <summary>A lab that never starts node: every run comes from the captures. <paramref name="reason"/> starts the status line.</summary>
    public static NodeLab CapturesOnly(string labDirectory, string reason) =>
        new(Path.GetFullPath(labDirectory), null, null,
            $"{reason}: showing the runs the course captured with {NodeVersions.Calibrated} on its reference machine instead.", reason);

    /// <summary>The commands the course ships captures of.</summary>
    public IReadOnlyCollection<string> CapturedCommands => Captures.Keys.ToList();

    /// <summary>
    /// Runs a workload: live when node is here, else from the capture of the same command line. Never
    /// throws for what the program does (a crash, V8's out-of-memory abort, the time limit): those are in
    /// the result. O(output size).
    /// </summary>
    public NodeRun Run(NodeWorkload workload)
    {
        if (NodePath is null) return FromCapture(workload);
        string script = Path.Combine(Directory, workload.Script);
        if (!File.Exists(script)) throw new FileNotFoundException($"The lab has no script {workload.Script} in {Directory}.", script);

        var start = new ProcessStartInfo(NodePath)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var flag in workload.NodeFlags) start.ArgumentList.Add(flag);
        start.ArgumentList.Add(script);
        foreach (var arg in workload.Arguments) start.ArgumentList.Add(arg);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{NodePath} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = !process.WaitForExit(workload.TimeLimit);
        if (timedOut)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }   // it ended just now
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        // The output is complete when the pipes close. A child of the script that outlived it (request.js's
        // server exits when its parent does) could hold them open: wait a little, never forever.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        double wall = clock.Elapsed.TotalMilliseconds;
        string Text(Task<string> t) => t.IsCompletedSuccessfully ? t.Result : "";
        return NodeRun.Parse(workload, NodeRunSource.Live, Versions, timedOut ? null : process.ExitCode, timedOut, wall,
            Text(stdout), Text(stderr), Status);
    }

    private NodeRun FromCapture(NodeWorkload workload)
    {
        if (!Captures.TryGetValue(workload.CommandLine, out var file))
            return new NodeRun(workload, NodeRunSource.Missing, null, null, false, 0, "", "",
                $"{char.ToUpperInvariant(_reason[0])}{_reason[1..]}, and the course ships no capture of `{workload.CommandLine}` " +
                $"(it has {Captures.Count}: the chapters' own settings). Run it on a machine with node to see it.");
        var c = NodeCapture.Parse(File.ReadAllText(file), file);
        return NodeRun.Parse(workload, NodeRunSource.Capture, c.Versions, c.ExitCode, c.TimedOut, c.WallMs, c.Stdout, c.Stderr, Status);
    }

    private IReadOnlyDictionary<string, string> Captures => _captures ??= ReadCaptureIndex();

    private IReadOnlyDictionary<string, string> ReadCaptureIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        string folder = Path.Combine(Directory, "captures");
        if (!System.IO.Directory.Exists(folder)) return index;
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            for (string? line = reader.ReadLine(); line is not null && line.StartsWith('#'); line = reader.ReadLine())
                if (line.StartsWith("# command: ", StringComparison.Ordinal)) { index.TryAdd(line["# command: ".Length..].Trim(), file); break; }
        }
        return index;
    }

    private static string? OnPath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        string[] names = OperatingSystem.IsWindows() ? ["node.exe"] : ["node"];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                string candidate = Path.Combine(dir.Trim('"'), name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    private static (NodeVersions? Versions, string Problem) AskVersions(string node)
    {
        try
        {
            var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-p", "process.version + ' ' + process.versions.v8" }) start.ArgumentList.Add(a);
            using var p = Process.Start(start);
            if (p is null) return (null, "it did not start");
            var output = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return (null, "it did not answer within 20 s");
            }
            var parts = output.Result.Trim().Split(' ');
            return p.ExitCode == 0 && parts.Length == 2 && parts[0].StartsWith('v')
                ? (new NodeVersions(parts[0], parts[1]), "")
                : (null, $"exit {p.ExitCode}, output '{output.Result.Trim()}'");
        }
        catch (System.Runtime.InteropServices.ExternalException e) { return (null, e.Message); }   // not executable
    }
}
