namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// Every per-process memory view at one moment: maps, smaps, smaps_rollup, status, statm and the command
/// line. Taken from a live pid, or loaded from a folder of captured files (<c>maps.txt</c>,
/// <c>smaps.txt</c>, ...) such as <c>data/proc/node</c>, so the same notebook code runs on a machine
/// without /proc. The files are read one after another, so a live snapshot of a busy process can
/// disagree by a few pages between views.
/// </summary>
public sealed record ProcSnapshot(
    int Pid,
    string CommandLine,
    IReadOnlyList<MapsEntry> Maps,
    IReadOnlyList<SmapsEntry> Smaps,
    SmapsEntry? Rollup,
    ProcStatus Status,
    Statm Statm,
    string Source)
{
    /// <summary>Reads every view of a live process. smaps_rollup is optional (Linux 4.14+).</summary>
    public static ProcSnapshot Capture(int pid)
    {
        var smaps = SmapsReader.ForProcess(pid);
        SmapsEntry? rollup = File.Exists(ProcFs.PathOf(pid, "smaps_rollup")) ? SmapsReader.RollupForProcess(pid) : null;
        var status = ProcStatus.ForProcess(pid);
        string cmd = ProcFs.ReadCommandLine(pid);
        return new ProcSnapshot(pid, cmd, smaps.Select(s => s.Mapping).ToArray(), smaps, rollup, status,
            Statm.ForProcess(pid), ProcFs.PathOf(pid, ""));
    }

    /// <summary>
    /// Loads a captured snapshot from a folder holding <c>maps.txt</c>, <c>smaps.txt</c>,
    /// <c>status.txt</c>, <c>statm.txt</c>, <c>cmdline.txt</c> and optionally <c>smaps_rollup.txt</c>.
    /// </summary>
    public static ProcSnapshot FromDirectory(string directory)
    {
        string P(string name) => Path.Combine(directory, name);
        var status = ProcStatus.Parse(File.ReadAllText(P("status.txt")), P("status.txt"));
        var smaps = SmapsReader.Parse(File.ReadAllText(P("smaps.txt")), P("smaps.txt"));
        var maps = File.Exists(P("maps.txt")) ? MapsReader.Parse(File.ReadAllText(P("maps.txt")), P("maps.txt")) : smaps.Select(s => s.Mapping).ToArray();
        SmapsEntry? rollup = File.Exists(P("smaps_rollup.txt")) ? SmapsReader.ParseRollup(File.ReadAllText(P("smaps_rollup.txt")), P("smaps_rollup.txt")) : null;
        string cmd = File.Exists(P("cmdline.txt")) ? ProcFs.CommandLine(File.ReadAllText(P("cmdline.txt"))) : status.Name;
        return new ProcSnapshot(status.Pid, cmd, maps, smaps, rollup, status,
            Statm.Parse(File.ReadAllText(P("statm.txt")), P("statm.txt")), directory);
    }
}
