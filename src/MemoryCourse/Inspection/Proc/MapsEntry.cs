using System.Globalization;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// One line of <c>/proc/PID/maps</c>: a contiguous range of virtual addresses with the same permissions
/// and the same backing (a file, or nothing: anonymous memory). The kernel calls this a VMA
/// (virtual memory area). <see cref="Path"/> is empty for anonymous memory, a bracketed pseudo-name for
/// kernel-made areas (<c>[heap]</c>, <c>[stack]</c>, <c>[vdso]</c>, <c>[vvar]</c>, <c>[vsyscall]</c>,
/// <c>[anon:NAME]</c>), or a file path, which may contain spaces and may end in <c> (deleted)</c>.
/// </summary>
public sealed record MapsEntry(
    ulong Start,
    ulong End,
    string Permissions,
    ulong Offset,
    string Device,
    ulong Inode,
    string Path)
{
    /// <summary>Size of the range in bytes.</summary>
    public ulong SizeBytes => End - Start;

    /// <summary>Size of the range in kB (ranges are whole pages, so this is exact).</summary>
    public long SizeKb => (long)(SizeBytes / 1024);

    public bool CanRead => Permissions[0] == 'r';
    public bool CanWrite => Permissions[1] == 'w';
    public bool CanExecute => Permissions[2] == 'x';

    /// <summary>True for <c>MAP_SHARED</c> mappings (<c>s</c>); false for private copy-on-write ones (<c>p</c>).</summary>
    public bool IsShared => Permissions[3] == 's';

    /// <summary>
    /// True when the path ends in <c> (deleted)</c>: the file was unlinked while mapped (or is a memfd).
    /// The kernel appends the suffix with no escaping, so a file really named "x (deleted)" looks the same;
    /// nothing in maps can tell them apart.
    /// </summary>
    public bool IsDeleted => Path.EndsWith(" (deleted)", StringComparison.Ordinal);

    /// <summary>True for kernel pseudo-names in brackets such as <c>[heap]</c> or <c>[vdso]</c>.</summary>
    public bool IsPseudo => Path.StartsWith('[') && Path.EndsWith(']');

    /// <summary>True when nothing backs the range: no path, or a <c>[anon:NAME]</c> label.</summary>
    public bool IsAnonymous => Path.Length == 0 || Path.StartsWith("[anon:", StringComparison.Ordinal);

    /// <summary>The NAME of <c>[anon:NAME]</c> (set with prctl(PR_SET_VMA_ANON_NAME); needs CONFIG_ANON_VMA_NAME), else null.</summary>
    public string? AnonymousName =>
        Path.StartsWith("[anon:", StringComparison.Ordinal) && Path.EndsWith(']') ? Path[6..^1] : null;

    /// <summary>True when a file backs the range (an absolute path, possibly deleted or a memfd).</summary>
    public bool IsFile => Path.StartsWith('/');

    /// <summary>The part after the last '/', as pmap prints it; the whole path for pseudo-names.</summary>
    public string FileName => IsFile ? Path[(Path.LastIndexOf('/') + 1)..] : Path;

    /// <summary>
    /// Parses the maps line format <c>start-end perms offset dev inode [pathname]</c>. The line is split
    /// at most five times, so a pathname keeps its spaces; the padding before the pathname and the
    /// trailing space of anonymous lines (<c>00:00 0 </c>) are not part of it.
    /// </summary>
    public static MapsEntry Parse(string line, string source, int lineNumber)
    {
        if (!TryParse(line, out var entry, out string problem))
            throw new FormatException($"{source}:{lineNumber}: {problem}: {InputText.Quote(line)}");
        return entry!;
    }

    internal static bool TryParse(string line, out MapsEntry? entry, out string problem)
    {
        entry = null;
        int pos = 0;
        string? Next()
        {
            while (pos < line.Length && line[pos] == ' ') pos++;
            int begin = pos;
            while (pos < line.Length && line[pos] != ' ') pos++;
            return pos > begin ? line[begin..pos] : null;
        }
        string? range = Next(), perms = Next(), offset = Next(), dev = Next(), inode = Next();
        if (inode is null) { problem = "a maps line needs at least 5 fields (range perms offset dev inode)"; return false; }
        int dash = range!.IndexOf('-');
        if (dash <= 0
            || !ulong.TryParse(range.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong start)
            || !ulong.TryParse(range.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong end)
            || end < start)
        { problem = $"bad address range {InputText.Quote(range)}"; return false; }
        if (perms!.Length != 4 || "r-".IndexOf(perms[0]) < 0 || "w-".IndexOf(perms[1]) < 0
            || "x-".IndexOf(perms[2]) < 0 || "ps".IndexOf(perms[3]) < 0)
        { problem = $"bad permissions {InputText.Quote(perms)}"; return false; }
        if (!ulong.TryParse(offset, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong off))
        { problem = $"bad offset {InputText.Quote(offset!)}"; return false; }
        if (dev!.IndexOf(':') <= 0) { problem = $"bad device {InputText.Quote(dev)}"; return false; }
        if (!ulong.TryParse(inode, NumberStyles.None, CultureInfo.InvariantCulture, out ulong ino))
        { problem = $"bad inode {InputText.Quote(inode)}"; return false; }
        while (pos < line.Length && line[pos] == ' ') pos++;
        string path = line[pos..];
        entry = new MapsEntry(start, end, perms, off, dev, ino, path);
        problem = "";
        return true;
    }

    /// <summary>The line as the kernel would print it (address range, fields, padded pathname).</summary>
    public override string ToString() =>
        $"{Start:x}-{End:x} {Permissions} {Offset:x8} {Device} {Inode} {Path}".TrimEnd();
}
