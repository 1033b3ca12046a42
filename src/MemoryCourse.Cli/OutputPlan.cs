namespace MemoryCourse.Cli;

/// <summary>
/// Every path one command will write, checked together before any work: each on its own (see
/// <see cref="OutputPath"/>), none the same as one of the command's inputs, and no two the same (a JSON on top
/// of the CSV, a report inside the book it is written beside under the book's own name). A folder the command
/// fills lists, when it can, the names it will write there, so that a user's own file in it (a notebook in
/// the folder the book goes to) is named and left alone, never replaced.
/// </summary>
internal sealed class OutputPlan
{
    private readonly HashSet<string> _inputs;
    private readonly List<(string Path, string Full, string Option, bool IsFolder, IReadOnlyList<string>? Names)> _outputs = [];

    /// <summary>A plan for a command that reads <paramref name="inputs"/> (files; their real paths are compared).</summary>
    public OutputPlan(IEnumerable<string> inputs) => _inputs = new HashSet<string>(inputs.Select(Real), StringComparer.Ordinal);

    /// <summary>A file the command writes when <paramref name="path"/> is given.</summary>
    public OutputPlan File(string? path, string option)
    {
        if (path is not null) _outputs.Add((path, Real(path), option, false, null));
        return this;
    }

    /// <summary>A folder the command fills with <paramref name="names"/> (relative), when <paramref name="path"/> is given.</summary>
    public OutputPlan Folder(string? path, string option, IReadOnlyList<string>? names = null)
    {
        if (path is not null) _outputs.Add((path, Real(path), option, true, names));
        return this;
    }

    /// <summary>Null when every output may be written; otherwise the first problem, one line naming the option and path.</summary>
    public string? Problem()
    {
        foreach (var o in _outputs)
        {
            string? problem = o.IsFolder ? OutputPath.CheckFolder(o.Path, o.Option) : OutputPath.CheckFile(o.Path, o.Option);
            if (problem is not null) return problem;
            if (!o.IsFolder && _inputs.Contains(o.Full))
                return $"{o.Option} {OutputPath.Shown(o.Path)}: is one of the command's inputs; writing it would destroy what is read";
            if (o.IsFolder && _inputs.Contains(o.Full))
                return $"{o.Option} {OutputPath.Shown(o.Path)}: is one of the command's inputs";
            foreach (var name in o.Names ?? [])
            {
                string target = Real(Path.Combine(o.Path, name));
                if (_inputs.Contains(target))
                    return $"{o.Option} {OutputPath.Shown(o.Path)}: would replace {OutputPath.Shown(Path.Combine(o.Path, name))}, "
                           + "one of the command's inputs; choose another folder";
            }
            if (o.IsFolder && o.Names is not null && OutputPath.CheckFolderFiles(o.Path, o.Option, o.Names) is { } taken) return taken;
        }
        for (int i = 0; i < _outputs.Count; i++)
            for (int j = 0; j < i; j++)
            {
                var (a, b) = (_outputs[j], _outputs[i]);
                if (a.Full == b.Full)
                    return $"{b.Option} {OutputPath.Shown(b.Path)}: is also where {a.Option} writes; give each output its own path";
                if ((Collides(a, b) ?? Collides(b, a)) is { } clash) return clash;
            }
        return null;
    }

    // A file output that is one of the files a folder output writes, or a folder inside another.
    private static string? Collides((string Path, string Full, string Option, bool IsFolder, IReadOnlyList<string>? Names) folder,
                                    (string Path, string Full, string Option, bool IsFolder, IReadOnlyList<string>? Names) other)
    {
        if (!folder.IsFolder) return null;
        if (other.IsFolder && (other.Full.StartsWith(folder.Full + "/", StringComparison.Ordinal)))
            return $"{other.Option} {OutputPath.Shown(other.Path)}: is inside the {folder.Option} folder {OutputPath.Shown(folder.Path)}; "
                   + "give each output its own folder";
        if (!other.IsFolder && (folder.Names ?? []).Append(OutputPath.ManifestName).Any(n => Real(Path.Combine(folder.Full, n)) == other.Full))
            return $"{other.Option} {OutputPath.Shown(other.Path)}: is one of the files {folder.Option} writes into {OutputPath.Shown(folder.Path)}; "
                   + "give it another name";
        return null;
    }

    // The full path with symbolic links on the way resolved, so a link to an input is the input.
    internal static string Real(string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return path; }
        try
        {
            string? folder = Path.GetDirectoryName(full);
            string name = Path.GetFileName(full);
            if (folder is not null) full = Path.Combine(RealFolder(folder), name);
            if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target) return Path.GetFullPath(target.FullName);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return full;
    }

    // A folder's path with every link on the way resolved, from the root down.
    private static string RealFolder(string folder)
    {
        string? parent = Path.GetDirectoryName(folder);
        if (parent is null) return folder;
        string resolvedParent = RealFolder(parent);
        string here = Path.Combine(resolvedParent, Path.GetFileName(folder));
        return Directory.Exists(here) ? new DirectoryInfo(here).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? here : here;
    }
}
