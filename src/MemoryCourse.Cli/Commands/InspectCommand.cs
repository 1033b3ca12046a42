using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ProcessUsage;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse inspect [--pid N] --pmap | --vmstat [INTERVAL COUNT] | --meminfo | --usage [--json]</c>:
/// the Linux memory tools of chapter 05 rebuilt from /proc. <c>--pmap</c> prints what <c>pmap -x</c>
/// prints; <c>--vmstat</c> what <c>vmstat INTERVAL COUNT</c> prints; <c>--meminfo</c> the <c>free -k</c>
/// figures; <c>--usage</c> Node-style memoryUsage and cpuUsage of this .NET process plus the os figures
/// (with <c>--pid</c>: top's VIRT/RES/SHR of that process). <c>--capture DIR</c> reads a captured sample
/// folder (data/proc/node...) instead of /proc, which is how it runs on macOS or Windows.
/// </summary>
internal static class InspectCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("inspect", "Inspect a process's memory from /proc: pmap -x, vmstat, free, memoryUsage.");
        var pid = new Option<int?>("--pid") { Description = "Process to inspect (default: this memcourse process)." };
        var pmap = new Option<bool>("--pmap") { Description = "Print the process's mappings as 'pmap -x PID' does." };
        var vmstat = new Option<bool>("--vmstat") { Description = "Print system samples as 'vmstat INTERVAL COUNT' does (default 1 1)." };
        var meminfo = new Option<bool>("--meminfo") { Description = "Print the machine's memory as 'free -k' derives it from /proc/meminfo." };
        var usage = new Option<bool>("--usage") { Description = "Print memoryUsage/cpuUsage of this .NET process and the os figures." };
        var json = new Option<bool>("--json") { Description = "Print the data as JSON instead of the tool's text." };
        var capture = new Option<string?>("--capture") { Description = "Read a captured sample folder (e.g. data/proc/node) instead of /proc." };
        var numbers = new Argument<string[]>("interval-count") { Arity = new ArgumentArity(0, 2), Description = "For --vmstat: INTERVAL in seconds and COUNT of lines." };
        foreach (var o in new Option[] { pid, pmap, vmstat, meminfo, usage, json, capture }) command.Options.Add(o);
        command.Arguments.Add(numbers);

        command.SetAction(parse =>
        {
            var modes = new[] { (pmap, "--pmap"), (vmstat, "--vmstat"), (meminfo, "--meminfo"), (usage, "--usage") }
                .Where(m => parse.GetValue(m.Item1)).Select(m => m.Item2).ToArray();
            if (modes.Length != 1)
            {
                stderr.WriteLine(modes.Length == 0
                    ? "memcourse inspect: choose one of --pmap, --vmstat, --meminfo, --usage."
                    : $"memcourse inspect: choose only one of {string.Join(", ", modes)}.");
                return CliApp.Usage;
            }
            var extra = parse.GetValue(numbers) ?? [];
            if (extra.Length > 0 && modes[0] != "--vmstat")
            {
                stderr.WriteLine($"memcourse inspect: INTERVAL and COUNT only go with --vmstat, not {modes[0]}.");
                return CliApp.Usage;
            }
            bool asJson = parse.GetValue(json);
            string? dir = parse.GetValue(capture);
            int? target = parse.GetValue(pid);
            try
            {
                return modes[0] switch
                {
                    "--pmap" => Pmap(stdout, target, dir, asJson),
                    "--vmstat" => Vmstat(stdout, stderr, extra, dir, asJson),
                    "--meminfo" => Free(stdout, dir, asJson),
                    _ => Usage(stdout, target, dir, asJson),
                };
            }
            catch (ProcUnavailableException e)
            {
                stderr.WriteLine($"memcourse inspect: {e.Message}");
                return CliApp.Usage;
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                stderr.WriteLine($"memcourse inspect: {e.Message}");
                return CliApp.Usage;
            }
        });
        return command;
    }

    private static int Pmap(TextWriter stdout, int? pid, string? dir, bool json)
    {
        var report = dir is not null
            ? PmapReport.FromSnapshot(ProcSnapshot.FromDirectory(dir))
            : PmapReport.ForProcess(pid ?? Environment.ProcessId);
        stdout.Write(json ? JsonSerializer.Serialize(report, Json) + "\n" : report.ToText());
        return CliApp.Ok;
    }

    private static int Vmstat(TextWriter stdout, TextWriter stderr, string[] extra, string? dir, bool json)
    {
        double interval = 1;
        int count = 1;
        if (extra.Length >= 1 && (!double.TryParse(extra[0], NumberStyles.Float, CultureInfo.InvariantCulture, out interval) || interval <= 0))
        {
            stderr.WriteLine($"memcourse inspect: INTERVAL must be a positive number of seconds, not '{extra[0]}'.");
            return CliApp.Usage;
        }
        if (extra.Length == 2 && (!int.TryParse(extra[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            stderr.WriteLine($"memcourse inspect: COUNT must be a whole number of lines (1 or more), not '{extra[1]}'.");
            return CliApp.Usage;
        }
        if (extra.Length == 1) count = 1;
        if (dir is not null)
        {
            // A capture holds the tool's own output, not the counters; show it as recorded.
            stdout.Write(File.ReadAllText(Path.Combine(dir, "vmstat-1-3.txt")));
            return CliApp.Ok;
        }
        var samples = VmstatReport.SampleLive(TimeSpan.FromSeconds(interval), count);
        stdout.Write(json ? JsonSerializer.Serialize(samples, Json) + "\n" : VmstatReport.Format(samples));
        return CliApp.Ok;
    }

    private static int Free(TextWriter stdout, string? dir, bool json)
    {
        var m = dir is not null ? Meminfo.Parse(File.ReadAllText(Path.Combine(dir, "meminfo.txt")), Path.Combine(dir, "meminfo.txt")) : Meminfo.ForSystem();
        var report = FreeReport.From(m);
        stdout.Write(json ? JsonSerializer.Serialize(report, Json) + "\n" : report.ToText());
        return CliApp.Ok;
    }

    private static int Usage(TextWriter stdout, int? pid, string? dir, bool json)
    {
        if (dir is not null || (pid is int p && p != Environment.ProcessId))
        {
            // Another process (or a capture): the kernel's view only, as top shows it.
            ProcStatus status;
            Meminfo meminfo;
            if (dir is not null)
            {
                status = ProcStatus.Parse(File.ReadAllText(Path.Combine(dir, "status.txt")), Path.Combine(dir, "status.txt"));
                string parent = Path.Combine(dir, "..", "meminfo.txt");
                meminfo = Meminfo.Parse(File.ReadAllText(File.Exists(parent) ? parent : Path.Combine(dir, "meminfo.txt")));
            }
            else
            {
                status = ProcStatus.ForProcess(pid!.Value);
                meminfo = Meminfo.ForSystem();
            }
            var top = TopFigures.From(status, meminfo);
            if (json) stdout.Write(JsonSerializer.Serialize(new { pid = status.Pid, name = status.Name, top }, Json) + "\n");
            else
            {
                var c = top.Columns();
                stdout.WriteLine($"{status.Pid} {status.Name}: VIRT {c[0]}  RES {c[1]}  SHR {c[2]}  %MEM {c[3]}  (kB, as top shows them)");
            }
            return CliApp.Ok;
        }
        var usage = MemoryUsage.Now();
        var cpu = CpuUsage.Now();
        var os = OsInfo.Current();
        if (json)
        {
            stdout.Write(JsonSerializer.Serialize(new
            {
                memoryUsage = usage, cpuUsage = cpu,
                constrainedMemory = os.ConstrainedMemory, availableMemory = os.AvailableMemory,
                os = new { totalmem = os.TotalMem, freemem = os.FreeMem, cpus = os.Cpus.Count },
            }, Json) + "\n");
            return CliApp.Ok;
        }
        stdout.WriteLine("memoryUsage: {");
        stdout.WriteLine($"  rss: {usage.Rss},");
        stdout.WriteLine($"  heapTotal: {usage.HeapTotal},");
        stdout.WriteLine($"  heapUsed: {usage.HeapUsed},");
        stdout.WriteLine($"  external: {usage.External},");
        stdout.WriteLine($"  arrayBuffers: {usage.ArrayBuffers}");
        stdout.WriteLine("}");
        stdout.WriteLine($"cpuUsage: {{ user: {cpu.User}, system: {cpu.System} }}");
        stdout.WriteLine($"constrainedMemory: {(os.ConstrainedMemory?.ToString(CultureInfo.InvariantCulture) ?? "none (no cgroup limit)")}");
        stdout.WriteLine($"availableMemory: {os.AvailableMemory}");
        stdout.WriteLine($"os.totalmem: {os.TotalMem}  os.freemem: {os.FreeMem}  os.cpus: {os.Cpus.Count} x {os.Cpus.FirstOrDefault()?.Model ?? "unknown"}");
        return CliApp.Ok;
    }
}
