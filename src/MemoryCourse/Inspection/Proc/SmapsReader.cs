using System.Text.RegularExpressions;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// Reads <c>/proc/PID/smaps</c> and <c>/proc/PID/smaps_rollup</c>. Reading smaps makes the kernel walk
/// every page table of the process, so on a large process it costs milliseconds, not microseconds;
/// smaps_rollup does the same walk but prints one summed block. Handles the format's traps: the
/// <c>VmFlags:</c> line is a list of two-letter flags (with a trailing space), <c>THPeligible</c> and
/// <c>ProtectionKey</c> have no unit, header lines are maps lines (pathnames with spaces included).
/// </summary>
public static partial class SmapsReader
{
    // A header starts with "hex-hex " and a 4-character permission field; field lines start with "Name:".
    [GeneratedRegex(@"^[0-9a-f]+-[0-9a-f]+ [r-][w-][x-][ps] ")]
    private static partial Regex HeaderPattern();

    /// <summary>Parses smaps text into one entry per mapping, in address order.</summary>
    public static IReadOnlyList<SmapsEntry> Parse(string text, string source = "smaps")
    {
        var result = new List<SmapsEntry>();
        MapsEntry? current = null;
        var fields = new List<ProcField>();
        var flags = new List<string>();
        int lineNumber = 0;

        void Flush()
        {
            if (current is null) return;
            var set = new ProcFieldSet($"{source} ({current.Start:x})", fields);
            // smaps_rollup blocks have no Size line, so only Rss is required.
            if (!set.Contains("Rss"))
                throw new FormatException($"{source}:{lineNumber}: mapping at {current.Start:x} has no Rss line");
            result.Add(new SmapsEntry(current, set, flags.ToArray()));
            fields = new List<ProcField>();
            flags.Clear();
        }

        foreach (var line in ProcFieldSet.Lines(text))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (HeaderPattern().IsMatch(line))
            {
                Flush();
                current = MapsEntry.Parse(line, source, lineNumber);
                continue;
            }
            if (current is null)
                throw new FormatException($"{source}:{lineNumber}: field line before any mapping header: {InputText.Quote(line)}");
            if (line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                flags.AddRange(line[8..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            fields.Add(ProcField.Parse(line, source, lineNumber));
        }
        Flush();
        return result;
    }

    /// <summary>Parses smaps text from a reader.</summary>
    public static IReadOnlyList<SmapsEntry> Read(TextReader reader, string source = "smaps") => Parse(reader.ReadToEnd(), source);

    /// <summary>Reads the smaps of a live process.</summary>
    public static IReadOnlyList<SmapsEntry> ForProcess(int pid)
    {
        string path = ProcFs.PathOf(pid, "smaps");
        return Parse(ProcFs.ReadText(path), path);
    }

    /// <summary>Parses smaps_rollup text: exactly one block of sums.</summary>
    public static SmapsEntry ParseRollup(string text, string source = "smaps_rollup")
    {
        var entries = Parse(text, source);
        if (entries.Count != 1)
            throw new FormatException($"{source}:1: smaps_rollup must hold exactly one block, found {entries.Count}");
        return entries[0];
    }

    /// <summary>Reads the smaps_rollup of a live process (Linux 4.14 or later).</summary>
    public static SmapsEntry RollupForProcess(int pid)
    {
        string path = ProcFs.PathOf(pid, "smaps_rollup");
        return ParseRollup(ProcFs.ReadText(path), path);
    }
}
