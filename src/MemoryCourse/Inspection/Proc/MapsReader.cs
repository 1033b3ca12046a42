namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// Reads <c>/proc/PID/maps</c>: the list of a process's virtual memory areas in address order, one per
/// line. Cheap for the kernel (no page walking), so it is the right file for "what is mapped where";
/// use <see cref="SmapsReader"/> when you also need how much of each range is resident.
/// </summary>
public static class MapsReader
{
    /// <summary>Parses maps text; <paramref name="source"/> names it in error messages.</summary>
    public static IReadOnlyList<MapsEntry> Parse(string text, string source = "maps")
    {
        var entries = new List<MapsEntry>();
        int lineNumber = 0;
        foreach (var line in ProcFieldSet.Lines(text))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            entries.Add(MapsEntry.Parse(line, source, lineNumber));
        }
        return entries;
    }

    /// <summary>Parses maps text from a reader.</summary>
    public static IReadOnlyList<MapsEntry> Read(TextReader reader, string source = "maps") => Parse(reader.ReadToEnd(), source);

    /// <summary>Reads the maps of a live process (use <see cref="Environment.ProcessId"/> for this one).</summary>
    public static IReadOnlyList<MapsEntry> ForProcess(int pid)
    {
        string path = ProcFs.PathOf(pid, "maps");
        return Parse(ProcFs.ReadText(path), path);
    }
}
