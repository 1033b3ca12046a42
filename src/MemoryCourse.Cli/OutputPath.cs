using System.Text;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Cli;

/// <summary>
/// Where a command writes its files, checked before the work starts and written so that a failing command
/// leaves nothing half-written. Every command that writes files uses it in two steps:
/// <code>
/// // 1. Before any work: every output at once (see OutputPlan), one clear message, exit 2.
/// var plan = new OutputPlan(inputs).File(junitPath, "--junit").File(trxPath, "--trx");
/// if (plan.Problem() is { } problem) { stderr.WriteLine($"memcourse run: {problem}"); return CliApp.Usage; }
/// // 2. After the work: all files of the command at once.
/// using var outputs = new OutputPath.Batch();
/// outputs.Add(junitPath, junitXml);
/// outputs.Add(trxPath, trxXml);
/// outputs.Commit();
/// </code>
/// A check answers a path that is empty or malformed, a folder where a file is wanted (or a file where a folder
/// is wanted), a folder on the way that is a file, a place the user may not write, a device, a named pipe or a
/// socket (none of them can be replaced whole), and the kernel's own file systems (<c>/proc</c>, <c>/sys</c>,
/// <c>/dev</c>), which hold no outputs. A batch writes every file to a temporary file in its target folder first
/// and renames them over the targets only when all were written; until then, and on any failure, the targets
/// are untouched and the temporary files (and folders the batch created) are removed.
/// </summary>
internal static class OutputPath
{
    /// <summary>
    /// The file a command keeps in each folder it fills (a book, feedback, student versions): the names it wrote
    /// there, one a line. A later run replaces exactly those files, removes the ones it no longer writes (a
    /// stale page must not survive), and refuses to replace any other file in the folder.
    /// </summary>
    public const string ManifestName = ".memcourse-outputs";

    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private static readonly string[] KernelFileSystems = ["/proc", "/sys", "/dev"];

    /// <summary>
    /// Null when <paramref name="path"/> (given with <paramref name="option"/>) can be written as a file;
    /// otherwise the problem, one line starting with the option and the path.
    /// </summary>
    public static string? CheckFile(string path, string option)
    {
        if (Malformed(path, option, out string full) is { } bad) return bad;
        if (Directory.Exists(full)) return $"{option} {Shown(path)}: is a folder; give the name of a file to write";
        if (SpecialFile.Describe(full) is { } special) return $"{option} {Shown(path)}: is {special}, not a file; give the name of a file to write";
        return WritableFolder(Path.GetDirectoryName(full)!, path, option);
    }

    /// <summary>
    /// Null when <paramref name="path"/> (given with <paramref name="option"/>) can be a folder of outputs (it
    /// exists, or can be created); otherwise the problem, one line starting with the option and the path.
    /// </summary>
    public static string? CheckFolder(string path, string option)
    {
        if (Malformed(path, option, out string full) is { } bad) return bad;
        if (!Directory.Exists(full) && (File.Exists(full) || SpecialFile.Describe(full) is not null))
            return $"{option} {Shown(path)}: is a file, not a folder; give a folder to write into";
        return WritableFolder(full, path, option);
    }

    /// <summary>
    /// Null when the files <paramref name="names"/> (relative to <paramref name="folder"/>) may be written there:
    /// each is new, or was written into that folder by an earlier run (its manifest lists it). Otherwise the
    /// problem, naming the first file that belongs to someone else.
    /// </summary>
    public static string? CheckFolderFiles(string folder, string option, IEnumerable<string> names)
    {
        string full = Path.GetFullPath(folder);
        var ours = Manifest(full);
        foreach (var name in names)
        {
            string target = Path.Combine(full, name);
            if (Directory.Exists(target)) return $"{option} {Shown(folder)}: {Shown(target)} is a folder where a file goes; nothing was written";
            if ((File.Exists(target) || SpecialFile.Describe(target) is not null) && !ours.Contains(name))
                return $"{option} {Shown(folder)}: would replace {Shown(target)}, which memcourse did not write there; "
                       + "move it away or choose another folder (nothing was written)";
        }
        return null;
    }

    /// <summary>The names an earlier run wrote into <paramref name="folder"/> (empty when none did).</summary>
    public static HashSet<string> Manifest(string folder)
    {
        string path = Path.Combine(folder, ManifestName);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path) || SpecialFile.Describe(path) is not null || new FileInfo(path).Length > 16 << 20) return names;
        foreach (var line in File.ReadAllLines(path))
            if (SafeRelativeName(line)) names.Add(line);
        return names;
    }

    /// <summary>
    /// Stages a command's outputs with <paramref name="stage"/> and commits them all; when writing fails (the disk
    /// is full, a folder was removed meanwhile), nothing is left behind and one line says so, naming the folder
    /// <paramref name="into"/> when the outputs all go there. False then.
    /// </summary>
    public static bool TryWrite(TextWriter stderr, string command, Action<Batch> stage, string? into = null)
    {
        try
        {
            using var batch = new Batch();
            stage(batch);
            batch.Commit();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string what = into is null ? "the outputs" : $"to {Shown(into)}";
            stderr.WriteLine($"{command}: cannot write {what}, nothing was written: {Shown(e.Message.Split('\n')[0])}");
            return false;
        }
    }

    /// <summary>
    /// The files of one command, written all together or not at all: <see cref="Add"/> writes each to a
    /// temporary file beside its target, <see cref="Commit"/> renames them into place, and disposing a batch
    /// that was not committed removes what it wrote. A folder the command fills (<see cref="Fill"/>) gets its
    /// manifest, and the files an earlier run wrote there and this one does not are removed on commit.
    /// </summary>
    public sealed class Batch : IDisposable
    {
        private readonly List<(string Temp, string Target)> _staged = [];
        private readonly HashSet<string> _targets = new(StringComparer.Ordinal);
        private readonly List<string> _createdFolders = [];
        private readonly Dictionary<string, List<string>> _filled = new(StringComparer.Ordinal);
        private bool _committed;

        /// <summary>Stages <paramref name="text"/> (UTF-8, no byte-order mark) for <paramref name="path"/>.</summary>
        public void Add(string path, string text) => Stage(path, temp => File.WriteAllText(temp, text, Utf8NoBom));

        /// <summary>Stages a copy of the file <paramref name="source"/> for <paramref name="path"/>.</summary>
        public void AddCopy(string path, string source) => Stage(path, temp => File.Copy(source, temp, overwrite: true));

        /// <summary>
        /// Stages the files <paramref name="files"/> (name relative to <paramref name="folder"/>, text or a file
        /// to copy) as the whole content this command writes into <paramref name="folder"/>.
        /// </summary>
        public void Fill(string folder, IEnumerable<(string Name, string? Text, string? CopyOf)> files)
        {
            string full = Path.GetFullPath(folder);
            var names = new List<string>();
            foreach (var (name, text, copyOf) in files)
            {
                if (!SafeRelativeName(name)) throw new ArgumentException($"not a plain relative file name: {name}");
                string target = Path.Combine(full, name);
                if (copyOf is not null) AddCopy(target, copyOf);
                else Add(target, text ?? "");
                names.Add(name);
            }
            names.Sort(StringComparer.Ordinal);
            Add(Path.Combine(full, ManifestName), string.Concat(names.Select(n => n + "\n")));
            _filled[full] = names;
        }

        private void Stage(string path, Action<string> write)
        {
            string full = Path.GetFullPath(path);
            // Two outputs of one command on one file would leave one of them lost: a bug in the command's names.
            if (!_targets.Add(full)) throw new InvalidOperationException($"two outputs of one command would both be written to {full}");
            string folder = Path.GetDirectoryName(full)!;
            CreateFolder(folder);
            string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            _staged.Add((temp, full));
            write(temp);
        }

        /// <summary>
        /// Moves every staged file into place, then removes what earlier runs left in the filled folders. A target
        /// that has become a folder since it was checked stops the commit before anything moves.
        /// </summary>
        public void Commit()
        {
            foreach (var (_, target) in _staged)
                if (Directory.Exists(target)) throw new IOException($"{target} is a folder; nothing was written");
            var stale = _filled.ToDictionary(f => f.Key, f => Manifest(f.Key));
            foreach (var (temp, target) in _staged) File.Move(temp, target, overwrite: true);
            _committed = true;
            foreach (var (folder, names) in _filled)
                foreach (var old in stale[folder].Except(names))
                {
                    string file = Path.Combine(folder, old);
                    try { if (File.Exists(file) && SpecialFile.Describe(file) is null) File.Delete(file); }
                    catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
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

    /// <summary>A path as a message shows it: control characters escaped, so a name cannot forge terminal output.</summary>
    public static string Shown(string path) => InputText.Printable(path);

    // A name inside a filled folder: relative, no '..', no empty part; so a manifest cannot point outside it.
    private static bool SafeRelativeName(string name) =>
        name.Length > 0 && !Path.IsPathRooted(name) && name.IndexOf('\0') < 0 && name.IndexOf('\\') < 0
        && name.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    private static string? Malformed(string path, string option, out string full)
    {
        full = "";
        if (string.IsNullOrWhiteSpace(path)) return $"{option}: the path is empty";
        if (path.IndexOf('\0') >= 0) return $"{option}: the path contains a NUL character";
        if (path.StartsWith('-'))
            return $"{option} {Shown(path)}: looks like an option, not a path (a mistyped option?); write ./{Shown(path)} for a file of that name";
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{option} {Shown(path)}: not a valid path ({e.Message})";
        }
        foreach (var root in KernelFileSystems)
            if (full == root || full.StartsWith(root + "/", StringComparison.Ordinal))
                return root == "/dev"
                    ? $"{option} {Shown(path)}: /dev holds devices, which cannot be replaced whole; give a file to write"
                    : $"{option} {Shown(path)}: {root} is the kernel's own file system; nothing can be written there";
        return null;
    }

    // The folder (or, when it does not exist yet, the nearest folder above it) must be a folder we may write in.
    private static string? WritableFolder(string folder, string path, string option)
    {
        string? existing = folder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing) || SpecialFile.Describe(existing) is not null)
                return $"{option} {Shown(path)}: {Shown(existing)} is a file, not a folder";
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return $"{option} {Shown(path)}: no folder on this path exists";
        string probe = Path.Combine(existing, $".memcourse-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (UnauthorizedAccessException) { return $"{option} {Shown(path)}: permission denied: cannot write in {Shown(existing)}"; }
        catch (IOException e) { return $"{option} {Shown(path)}: cannot write in {Shown(existing)}: {e.Message}"; }
    }
}
