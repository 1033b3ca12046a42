namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// Where the Linux kernel publishes process and memory figures: the <c>/proc</c> file system. Every
/// "live" reader in this folder goes through here, so a learner on macOS or Windows (no <c>/proc</c>)
/// gets one clear <see cref="ProcUnavailableException"/> that points at the captured samples in
/// <c>data/proc</c> instead of a bare "file not found".
/// </summary>
public static class ProcFs
{
    /// <summary>The mount point of the proc file system.</summary>
    public const string Root = "/proc";

    /// <summary>True when this machine has a readable <c>/proc/self/maps</c> (Linux, WSL, containers).</summary>
    public static bool IsAvailable => File.Exists(Path.Combine(Root, "self", "maps"));

    /// <summary>Path of a per-process file, e.g. <c>PathOf(42, "smaps")</c> is <c>/proc/42/smaps</c>.</summary>
    public static string PathOf(int pid, string file) => Path.Combine(Root, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), file);

    /// <summary>Path of a system-wide file such as <c>meminfo</c>, <c>vmstat</c> or <c>stat</c>.</summary>
    public static string PathOf(string file) => Path.Combine(Root, file);

    /// <summary>
    /// Reads a whole /proc file in one go. Proc files are generated when read, so reading everything at
    /// once gives the most consistent snapshot the kernel offers (it is still not atomic across files).
    /// </summary>
    public static string ReadText(string path) => ReadText(path, Root);

    // The root is a parameter only so that tests can show the message a machine without /proc gets.
    internal static string ReadText(string path, string root)
    {
        if (!File.Exists(Path.Combine(root, "self", "maps")))
            throw new ProcUnavailableException(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new ProcUnavailableException(path, "the file does not exist (has the process exited?)");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ProcUnavailableException(path, "no such process (has it exited?)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ProcUnavailableException(path, PermissionDenied(Environment.IsPrivilegedProcess));
        }
    }

    /// <summary>
    /// Why a /proc file was refused. As root the answer is not "needs root": the kernel's ptrace access check
    /// refuses it (a container without CAP_SYS_PTRACE, or Yama's ptrace_scope), so the message says that instead.
    /// </summary>
    internal static string PermissionDenied(bool runningAsRoot) => runningAsRoot
        ? "permission denied even to root here: the kernel's ptrace access check refuses it " +
          "(in a container, run it with CAP_SYS_PTRACE; or see kernel.yama.ptrace_scope)"
        : "permission denied (another user's process needs root)";

    /// <summary>Largest captured file (a folder such as <c>data/proc/node</c>) the readers accept: 256 MiB.</summary>
    public const long MaxCapturedFileBytes = 256L << 20;

    /// <summary>
    /// Reads one file of a captured sample folder, with the checks every input file gets (see
    /// <see cref="MemoryCourse.Foundation.Input.InputFile"/>): a missing file, a folder, or one beyond
    /// <see cref="MaxCapturedFileBytes"/> is an <see cref="MemoryCourse.Foundation.Input.InputFileException"/> naming it.
    /// </summary>
    public static string ReadCaptured(string path) => MemoryCourse.Foundation.Input.InputFile.ReadAllText(path, MaxCapturedFileBytes);

    /// <summary>Reads a process's command line the way ps and pmap show it: NUL-separated arguments joined by spaces.</summary>
    public static string ReadCommandLine(int pid) => CommandLine(ReadText(PathOf(pid, "cmdline")));

    /// <summary>Turns the raw contents of <c>/proc/PID/cmdline</c> (or a capture with spaces) into one line.</summary>
    public static string CommandLine(string raw) => raw.Replace('\0', ' ').TrimEnd(' ', '\n');
}

/// <summary>
/// Thrown when a /proc file cannot be read: the system has no /proc at all (macOS, Windows), the process
/// has gone, or the file belongs to another user. The message says which, and where the captured
/// samples are.
/// </summary>
public sealed class ProcUnavailableException : IOException
{
    public ProcUnavailableException(string path, string? reason = null)
        : base(reason is null
            ? $"{path}: this system has no /proc file system (it is Linux-only; macOS and Windows do not have it). " +
              "Use the captured Linux samples in data/proc instead (ProcSnapshot.FromDirectory)."
            : $"{path}: {reason}.")
    {
        Path = path;
    }

    /// <summary>The file that could not be read.</summary>
    public string Path { get; }
}
