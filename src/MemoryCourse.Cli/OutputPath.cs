using System.Text;

namespace MemoryCourse.Cli;

/// <summary>
/// Where a command writes its files, checked before the work starts and written so that a failing command
/// leaves nothing half-written. Every command that writes files uses it in two steps:
/// <code>
/// // 1. Before any work: one clear message, exit 2.
/// if (OutputPath.CheckFile(path, "--junit") is { } problem) { stderr.WriteLine($"memcourse run: {problem}"); return CliApp.Usage; }
/// // 2. After the work: all files of the command at once.
/// using var outputs = new OutputPath.Batch();
/// outputs.Add(junitPath, junitXml);
/// outputs.Add(trxPath, trxXml);
/// outputs.Commit();   // or OutputPath.WriteFile(path, text) for a single file
/// </code>
/// A check answers a path that is empty or malformed, a folder where a file is wanted (or a file where a folder
/// is wanted), a folder on the way that is a file, a place the user may not write, and the kernel's own file
/// systems (<c>/proc</c>, <c>/sys</c>), which hold no outputs. A batch writes every file to a temporary file in
/// its target folder first and renames them over the targets only when all were written; until then, and on
/// any failure, the targets are untouched and the temporary files (and folders the batch created) are removed.
/// A device under <c>/dev</c> (<c>/dev/stdout</c>, <c>/dev/null</c>) is written to directly, never replaced.
/// </summary>
internal static class OutputPath
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private static readonly string[] KernelFileSystems = ["/proc", "/sys"];

    /// <summary>
    /// Null when <paramref name="path"/> (given with <paramref name="option"/>) can be written as a file;
    /// otherwise the problem, one line starting with the option and the path.
    /// </summary>
    public static string? CheckFile(string path, string option)
    {
        if (Malformed(path, option, out string full) is { } bad) return bad;
        if (IsDevice(full)) return File.Exists(full) ? null : $"{option} {path}: there is no such device";
        if (Directory.Exists(full)) return $"{option} {path}: is a folder; give the name of a file to write";
        return WritableFolder(Path.GetDirectoryName(full)!, path, option);
    }

    /// <summary>
    /// Null when <paramref name="path"/> (given with <paramref name="option"/>) can be a folder of outputs (it
    /// exists, or can be created); otherwise the problem, one line starting with the option and the path.
    /// </summary>
    public static string? CheckFolder(string path, string option)
    {
        if (Malformed(path, option, out string full) is { } bad) return bad;
        if (IsDevice(full) || File.Exists(full)) return $"{option} {path}: is a file, not a folder; give a folder to write into";
        return WritableFolder(full, path, option);
    }

    /// <summary>Writes one file atomically (see <see cref="Batch"/>).</summary>
    public static void WriteFile(string path, string text)
    {
        using var batch = new Batch();
        batch.Add(path, text);
        batch.Commit();
    }

    /// <summary>
    /// The files of one command, written all together or not at all: <see cref="Add"/> writes each to a
    /// temporary file beside its target, <see cref="Commit"/> renames them into place, and disposing a batch
    /// that was not committed removes what it wrote.
    /// </summary>
    public sealed class Batch : IDisposable
    {
        private readonly List<(string Temp, string Target)> _staged = [];
        private readonly List<(string Device, string Text)> _devices = [];
        private readonly List<string> _createdFolders = [];
        private bool _committed;

        /// <summary>Stages <paramref name="text"/> (UTF-8, no byte-order mark) for <paramref name="path"/>.</summary>
        public void Add(string path, string text)
        {
            string full = Path.GetFullPath(path);
            if (IsDevice(full))
            {
                _devices.Add((full, text));
                return;
            }
            string folder = Path.GetDirectoryName(full)!;
            CreateFolder(folder);
            string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            _staged.Add((temp, full));
            File.WriteAllText(temp, text, Utf8NoBom);
        }

        /// <summary>
        /// Moves every staged file into place, then writes the devices. A target that has become a folder since it
        /// was checked stops the commit before anything moves.
        /// </summary>
        public void Commit()
        {
            foreach (var (_, target) in _staged)
                if (Directory.Exists(target)) throw new IOException($"{target} is a folder; nothing was written");
            foreach (var (temp, target) in _staged) File.Move(temp, target, overwrite: true);
            _committed = true;
            foreach (var (device, text) in _devices) File.WriteAllText(device, text, Utf8NoBom);
        }

        /// <summary>Removes temporary files left behind and, if nothing was committed, the folders this batch created.</summary>
        public void Dispose()
        {
            foreach (var (temp, _) in _staged)
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (_committed) return;
            foreach (var folder in Enumerable.Reverse(_createdFolders))
                try { if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder); }
                catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private void CreateFolder(string folder)
        {
            var missing = new List<string>();
            for (string? f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f)) missing.Add(f);
            missing.Reverse();
            foreach (var f in missing)
            {
                Directory.CreateDirectory(f);
                _createdFolders.Add(f);
            }
        }
    }

    private static string? Malformed(string path, string option, out string full)
    {
        full = "";
        if (string.IsNullOrWhiteSpace(path)) return $"{option}: the path is empty";
        if (path.IndexOf('\0') >= 0) return $"{option}: the path contains a NUL character";
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{option} {path}: not a valid path ({e.Message})";
        }
        foreach (var root in KernelFileSystems)
            if (full == root || full.StartsWith(root + "/", StringComparison.Ordinal))
                return $"{option} {path}: {root} is the kernel's own file system; nothing can be written there";
        return null;
    }

    private static bool IsDevice(string full) => full.StartsWith("/dev/", StringComparison.Ordinal) && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS());

    // The folder (or, when it does not exist yet, the nearest folder above it) must be a folder we may write in.
    private static string? WritableFolder(string folder, string path, string option)
    {
        string? existing = folder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"{option} {path}: {existing} is a file, not a folder";
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return $"{option} {path}: no folder on this path exists";
        string probe = Path.Combine(existing, $".memcourse-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (UnauthorizedAccessException) { return $"{option} {path}: permission denied: cannot write in {existing}"; }
        catch (IOException e) { return $"{option} {path}: cannot write in {existing}: {e.Message}"; }
    }
}
