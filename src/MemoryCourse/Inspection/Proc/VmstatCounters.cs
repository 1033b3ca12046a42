using System.Globalization;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// <c>/proc/vmstat</c>: the kernel's virtual-memory event counters since boot, one <c>name value</c>
/// pair per line (no colon, no unit). <c>pgpgin</c>/<c>pgpgout</c> count kB read from and written to
/// block devices, <c>pswpin</c>/<c>pswpout</c> pages swapped, <c>pgfault</c>/<c>pgmajfault</c> page
/// faults (major ones needed I/O). The vmstat tool turns differences of these into per-second rates.
/// </summary>
public sealed record VmstatCounters(IReadOnlyDictionary<string, long> Values)
{
    /// <summary>Where the counters were read (a path, or "vmstat"), for messages about them.</summary>
    public string Source { get; init; } = "vmstat";

    public long PgpgIn => Get("pgpgin");
    public long PgpgOut => Get("pgpgout");
    public long PswpIn => Get("pswpin");
    public long PswpOut => Get("pswpout");
    public long PgFault => Get("pgfault");
    public long PgMajFault => Get("pgmajfault");

    /// <summary>A counter by name, 0 if this kernel does not have it.</summary>
    public long Get(string name) => Values.TryGetValue(name, out long v) ? v : 0;

    /// <summary>Parses /proc/vmstat text.</summary>
    public static VmstatCounters Parse(string text, string source = "vmstat")
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (var line in ProcFieldSet.Lines(text))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Counters are unsigned in the kernel but some (nr_*) can transiently print negative per-CPU drift; accept a sign.
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                throw new FormatException($"{source}:{lineNumber}: expected 'name value', got {InputText.Quote(line)}");
            values[parts[0]] = v;
        }
        return new VmstatCounters(values) { Source = source };
    }

    /// <summary>Reads this machine's /proc/vmstat.</summary>
    public static VmstatCounters ForSystem()
    {
        string path = ProcFs.PathOf("vmstat");
        return Parse(ProcFs.ReadText(path), path);
    }
}
