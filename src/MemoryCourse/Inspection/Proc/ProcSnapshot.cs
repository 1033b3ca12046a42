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
    /// <summary>
    /// Reads every view of a live process. smaps_rollup is optional (Linux 4.14+). A zombie, a kernel thread, or
    /// a process that exits during the reads is a <see cref="ProcUnavailableException"/> (see <see cref="ProcessStat"/>).
    /// </summary>
    public static ProcSnapshot Capture(int pid) => ProcessStat.ReadWhileRunning(pid, () =>
    {
        var smaps = SmapsReader.ForProcess(pid);
        SmapsEntry? rollup = File.Exists(ProcFs.PathOf(pid, "smaps_rollup")) ? SmapsReader.RollupForProcess(pid) : null;
        var status = ProcStatus.ForProcess(pid);
        string cmd = ProcFs.ReadCommandLine(pid);
        return new ProcSnapshot(pid, cmd, smaps.Select(s => s.Mapping).ToArray(), smaps, rollup, status,
            Statm.ForProcess(pid), ProcFs.PathOf(pid, ""));
    });

    /// <summary>
    /// Loads a captured snapshot from a folder holding <c>maps.txt</c>, <c>smaps.txt</c>,
    /// <c>status.txt</c>, <c>statm.txt</c>, <c>cmdline.txt</c> and optionally <c>smaps_rollup.txt</c>. A file that
    /// cannot be read is an <see cref="MemoryCourse.Foundation.Input.InputFileException"/>, one that does not parse a
    /// <see cref="FormatException"/>; both name the file.
    /// </summary>
    public static ProcSnapshot FromDirectory(string directory)
    {
        string P(string name) => Path.Combine(directory, name);
        bool Has(string name) => File.Exists(P(name)) || Directory.Exists(P(name));
        var status = ProcStatus.Parse(ProcFs.ReadCaptured(P("status.txt")), P("status.txt"));
        var smaps = SmapsReader.Parse(ProcFs.ReadCaptured(P("smaps.txt")), P("smaps.txt"));
        var maps = Has("maps.txt") ? MapsReader.Parse(ProcFs.ReadCaptured(P("maps.txt")), P("maps.txt")) : smaps.Select(s => s.Mapping).ToArray();
        SmapsEntry? rollup = Has("smaps_rollup.txt") ? SmapsReader.ParseRollup(ProcFs.ReadCaptured(P("smaps_rollup.txt")), P("smaps_rollup.txt")) : null;
        string cmd = Has("cmdline.txt") ? ProcFs.CommandLine(ProcFs.ReadCaptured(P("cmdline.txt"))) : status.Name;
        return new ProcSnapshot(status.Pid, cmd, maps, smaps, rollup, status,
            Statm.Parse(ProcFs.ReadCaptured(P("statm.txt")), P("statm.txt")), directory);
    }
}
