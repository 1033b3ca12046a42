using System.Diagnostics;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// The resident memory of a process and everything it started. A kernel in a sandbox is a grandchild of
/// the process the engine started (bubblewrap stays as its parent), so the memory cap must count the tree.
/// On Linux the tree comes from <c>/proc/PID/task/TID/children</c> and each member's size from
/// <c>/proc/PID/statm</c>; elsewhere only the process itself is counted.
/// </summary>
internal static class ProcessTree
{
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>Resident bytes of the tree rooted at <paramref name="pid"/>, or null when it is gone.</summary>
    public static long? ResidentBytes(int pid)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists($"/proc/{pid}/task")) return WorkingSet(pid);
        long total = 0;
        bool any = false;
        var pending = new Stack<int>([pid]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            int p = pending.Pop();
            if (!seen.Add(p)) continue;
            try
            {
                // statm: size resident shared text lib data dt, in pages.
                var fields = File.ReadAllText($"/proc/{p}/statm").Split(' ');
                total += long.Parse(fields[1]) * PageSize;
                any = true;
                foreach (var task in Directory.EnumerateDirectories($"/proc/{p}/task"))
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        pending.Push(int.Parse(child));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        return any ? total : null;
    }

    private static long? WorkingSet(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WorkingSet64;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return null; }
    }
}
