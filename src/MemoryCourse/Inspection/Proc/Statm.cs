using System.Globalization;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// <c>/proc/PID/statm</c>: seven numbers in pages (not kB). Size is VmSize; Resident is VmRSS; Shared is
/// the resident file-backed and shared-memory pages (RssFile + RssShmem, which is what top shows as SHR);
/// Text is the program's code (VmExe); Lib is always 0 since Linux 2.6; Data is VmData + VmStk; Dirty is
/// always 0. Multiply by the page size (4096 bytes here) to compare with status.
/// </summary>
public sealed record Statm(long Size, long Resident, long Shared, long Text, long Lib, long Data, long Dirty)
{
    /// <summary>Converts a page count to kB for a given page size.</summary>
    public static long PagesToKb(long pages, int pageSizeBytes = 4096) => checked(pages * pageSizeBytes) / 1024;

    /// <summary>Parses the single statm line.</summary>
    public static Statm Parse(string text, string source = "statm")
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 7)
            throw new FormatException($"{source}:1: statm holds 7 numbers, found {parts.Length}: {InputText.Quote(text.Trim())}");
        var n = new long[7];
        for (int i = 0; i < 7; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out n[i]))
                throw new FormatException($"{source}:1: field {i + 1} is not a whole number: {InputText.Quote(parts[i])}");
        return new Statm(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }

    /// <summary>Reads the statm of a live process.</summary>
    public static Statm ForProcess(int pid)
    {
        string path = ProcFs.PathOf(pid, "statm");
        return Parse(ProcFs.ReadText(path), path);
    }
}
