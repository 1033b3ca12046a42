using System.Globalization;

namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>
/// The memory limit a control group (cgroup) puts on this process, as containers and systemd set it.
/// Node's <c>process.constrainedMemory()</c> returns the limit, and <c>process.availableMemory()</c>
/// returns limit minus current usage when there is one, else the system's free memory. cgroup v2 writes
/// <c>max</c> for "no limit"; cgroup v1 writes a huge number (9223372036854771712, LONG_MAX rounded down
/// to a page), which is treated as no limit too. <see cref="LimitBytes"/> is null when unconstrained.
/// </summary>
public sealed record CgroupMemory(int Version, string Directory, long? LimitBytes, long? UsageBytes)
{
    /// <summary>v1 values at or above this mean "unlimited" (the kernel's sentinel is close to 2^63).</summary>
    public const long UnlimitedThreshold = 1L << 62;

    /// <summary>Limit minus usage when both are known, else null.</summary>
    public long? RemainingBytes => LimitBytes is long l && UsageBytes is long u ? Math.Max(0, l - u) : null;

    /// <summary>
    /// Finds the memory cgroup of the process described by <paramref name="procSelfCgroup"/> (the text of
    /// /proc/self/cgroup) and reads its limit and usage through <paramref name="readFile"/>, which returns a
    /// file's text or null when it does not exist. Returns null when no memory controller is found.
    /// </summary>
    public static CgroupMemory? Detect(string procSelfCgroup, Func<string, string?> readFile, string root = "/sys/fs/cgroup")
    {
        string? v1Path = null, v2Path = null;
        int lineNumber = 0;
        foreach (var line in procSelfCgroup.Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
                throw new FormatException($"/proc/self/cgroup:{lineNumber}: expected 'id:controllers:path', got '{line}'");
            if (parts[0] == "0" && parts[1] == "") v2Path = parts[2];
            else if (parts[1].Split(',').Contains("memory")) v1Path = parts[2];
        }
        if (v1Path is not null)
        {
            // Inside a container the path is relative to the host, but the container sees its own cgroup at the mount root.
            foreach (var dir in Candidates(Path.Combine(root, "memory"), v1Path))
            {
                string? limit = readFile(Path.Combine(dir, "memory.limit_in_bytes"));
                if (limit is null) continue;
                long? l = ParseValue(limit, dir + "/memory.limit_in_bytes");
                if (l >= UnlimitedThreshold) l = null;
                return new CgroupMemory(1, dir, l, ParseValue(readFile(Path.Combine(dir, "memory.usage_in_bytes")), dir + "/memory.usage_in_bytes"));
            }
        }
        if (v2Path is not null)
        {
            foreach (var dir in Candidates(root, v2Path).Concat(Candidates(Path.Combine(root, "unified"), v2Path)))
            {
                string? max = readFile(Path.Combine(dir, "memory.max"));
                if (max is null) continue;
                return new CgroupMemory(2, dir, ParseValue(max, dir + "/memory.max"),
                    ParseValue(readFile(Path.Combine(dir, "memory.current")), dir + "/memory.current"));
            }
        }
        return null;
    }

    /// <summary>Detects this process's memory cgroup on Linux; null elsewhere or when there is none.</summary>
    public static CgroupMemory? ForCurrentProcess()
    {
        if (!File.Exists("/proc/self/cgroup")) return null;
        return Detect(File.ReadAllText("/proc/self/cgroup"), p => File.Exists(p) ? File.ReadAllText(p) : null);
    }

    private static IEnumerable<string> Candidates(string mount, string path)
    {
        string trimmed = path.Trim('/');
        if (trimmed.Length > 0) yield return Path.Combine(mount, trimmed);
        yield return mount;
    }

    private static long? ParseValue(string? text, string source)
    {
        if (text is null) return null;
        string t = text.Trim();
        if (t == "max") return null;
        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new FormatException($"{source}:1: expected a number of bytes or 'max', got '{t}'");
    }
}
