using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using MemoryCourse.Foundation.Input;
using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ProcessUsage;
using MemoryCourse.Inspection.ToolReports;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse inspect (--pmap | --vmstat [INTERVAL [COUNT]] | --meminfo | --usage) [--pid N | --capture DIR] [--json]</c>:
/// the Linux memory tools of chapter 05 rebuilt from /proc. <c>--pmap</c> prints what <c>pmap -x</c>
/// prints; <c>--vmstat</c> what <c>vmstat INTERVAL COUNT</c> prints, a line at a time; <c>--meminfo</c> the
/// <c>free -k</c> figures; <c>--usage</c> Node-style memoryUsage and cpuUsage of this .NET process plus the os
/// figures (with <c>--pid</c>: top's VIRT/RES/SHR of that process). <c>--vmstat</c> and <c>--meminfo</c> are
/// about the whole machine, so they refuse <c>--pid</c>. <c>--capture DIR</c> reads a captured sample folder
/// (data/proc/node...) instead of /proc, which is how it runs on macOS or Windows. Every option is checked
/// before anything is read; a process that is a zombie, a kernel thread, or exits while it is read is named as
/// such, never shown as an empty or cut-off table.
/// </summary>
internal static class InspectCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private const string Name = "inspect";

    /// <summary>What <c>inspect</c> was asked to show, as the parser read and checked it: one mode and what it reads.</summary>
    public sealed record Options(string Mode, TimeSpan Interval, int Count, string? Capture, int? Pid, bool Json);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(Name, "Inspect a process's memory from /proc: pmap -x, vmstat, free, memoryUsage.");
        var pid = new Option<int?>("--pid") { Description = "Process to inspect with --pmap or --usage (default: this memcourse process)." };
        // Its default makes the parser check the mode rule below even when no mode is given.
        var pmap = new Option<bool>("--pmap") { Description = "Print the process's mappings as 'pmap -x PID' does.", DefaultValueFactory = _ => false };
        var vmstat = new Option<bool>("--vmstat")
        {
            Description = "Print the machine's samples as 'vmstat INTERVAL COUNT' does (default 1 1), a line at a time.",
        };
        var meminfo = new Option<bool>("--meminfo") { Description = "Print the machine's memory as 'free -k' derives it from /proc/meminfo." };
        var usage = new Option<bool>("--usage")
        {
            Description = "Print memoryUsage/cpuUsage of this .NET process and the os figures (with --pid: top's columns).",
        };
        var json = new Option<bool>("--json") { Description = "Print the data as JSON instead of the tool's text." };
        var capture = new Option<string?>("--capture") { Description = "Read a captured sample folder (e.g. data/proc/node) instead of /proc." };
        var numbers = new Argument<string[]>("interval-count")
        {
            Arity = new ArgumentArity(0, 2), Description = "With --vmstat only: INTERVAL in seconds (0.001 to 86400) and COUNT of lines.",
        };
        foreach (var o in new Option[] { pid, pmap, vmstat, meminfo, usage, json, capture }) command.Options.Add(o);
        command.Arguments.Add(numbers);
        var modes = new[] { (pmap, "--pmap"), (vmstat, "--vmstat"), (meminfo, "--meminfo"), (usage, "--usage") };
        string[] Chosen(CommandResult c) => modes.Where(m => c.GetValue(m.Item1)).Select(m => m.Item2).ToArray();
        // Every combination and value, before anything is read.
        pmap.Rule(Name, (_, c) => Chosen(c) is var chosen && chosen.Length != 1
            ? chosen.Length == 0 ? "choose one of --pmap, --vmstat, --meminfo, --usage" : $"choose only one of {string.Join(", ", chosen)}"
            : Check(chosen[0], c.GetValue(numbers) ?? [], c.GetValue(capture), c.GetValue(pid), c.GetValue(json)));

        command.SetAction(parse =>
        {
            string mode = modes.First(m => parse.GetValue(m.Item1)).Item2;
            VmstatArguments(parse.GetValue(numbers) ?? [], out var interval, out int count);
            var o = new Options(mode, interval, count, parse.GetValue(capture), parse.GetValue(pid), parse.GetValue(json));
            return Execute(o, stdout, stderr);
        });
        return command;
    }

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        // The capture folder is looked for now, when the command runs, not while the command line is parsed.
        if (o.Capture is { } dir && File.Exists(dir))
            return Misuse(stderr, $"--capture {dir}: is a file; give the folder that holds status.txt, smaps.txt, ...");
        if (o.Capture is { } missing && !Directory.Exists(missing)) return Misuse(stderr, $"--capture {missing}: there is no such folder");
        try
        {
            return o.Mode switch
            {
                "--pmap" => Pmap(stdout, o.Pid, o.Capture, o.Json),
                "--vmstat" => Vmstat(stdout, o.Interval, o.Count, o.Capture, o.Json),
                "--meminfo" => Free(stdout, o.Capture, o.Json),
                _ => Usage(stdout, o.Pid, o.Capture, o.Json),
            };
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            // ProcUnavailableException and InputFileException are IOExceptions: "PATH: what is wrong".
            return Misuse(stderr, OneLine(e.Message));
        }
        catch (OverflowException)
        {
            return Misuse(stderr, $"{o.Capture ?? ProcFs.Root}: the figures add up to more than a 64-bit number holds");
        }
    }

    private static int Misuse(TextWriter stderr, string message)
    {
        stderr.WriteLine($"memcourse inspect: {message}");
        return CliApp.Usage;
    }

    private static string OneLine(string message) => message.Replace("\r", "").Replace('\n', ' ');

    private static string? Check(string mode, string[] extra, string? dir, int? pid, bool json)
    {
        // The parser hands an unknown option such as -x to INTERVAL COUNT, which take any word.
        foreach (var word in extra)
            if (word.StartsWith('-') && !double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return $"unknown option {InputText.Quote(word)}";
        if (extra.Length > 0 && mode != "--vmstat")
            return $"INTERVAL and COUNT only go with --vmstat, not {mode} (got {string.Join(" ", extra.Select(w => InputText.Quote(w)))})";
        if (pid is not null && mode is "--vmstat" or "--meminfo")
            return $"{mode} shows the whole machine, not one process: leave out --pid";
        if (pid is <= 0)
            return $"--pid must be a process id (1 or more), not {pid}";
        if (pid is not null && dir is not null)
            return "--pid and --capture both say which process to read: give one of them";
        if (dir is not null)
        {
            if (mode == "--vmstat" && extra.Length > 0)
                return "INTERVAL and COUNT do not go with --capture: the capture holds one recorded run of 'vmstat 1 3'";
            if (mode == "--vmstat" && json)
                return "--json does not go with --vmstat --capture: the capture holds vmstat's printed text, not its counters";
        }
        if (mode == "--vmstat" && dir is null) return VmstatArguments(extra, out _, out _);
        return null;
    }

    private static string? VmstatArguments(string[] extra, out TimeSpan interval, out int count)
    {
        interval = TimeSpan.FromSeconds(1);
        count = 1;
        double min = VmstatReport.MinInterval.TotalSeconds, max = VmstatReport.MaxInterval.TotalSeconds;
        if (extra.Length >= 1)
        {
            if (!double.TryParse(extra[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= min && seconds <= max))
            {
                var c = CultureInfo.InvariantCulture;
                return $"INTERVAL must be a number of seconds from {min.ToString(c)} to {max.ToString(c)}, not {InputText.Quote(extra[0])}";
            }
            interval = TimeSpan.FromSeconds(seconds);
        }
        if (extra.Length == 2 && (!int.TryParse(extra[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
            return $"COUNT must be a whole number of lines from 1 to {int.MaxValue}, not {InputText.Quote(extra[1])}";
        return null;
    }

    private static int Pmap(TextWriter stdout, int? pid, string? dir, bool json)
    {
        var report = dir is not null
            ? PmapReport.FromSnapshot(ProcSnapshot.FromDirectory(dir))
            : PmapReport.ForProcess(pid ?? Environment.ProcessId);
        string text = json ? JsonSerializer.Serialize(report, Json) + "\n" : report.ToText();
        stdout.Write(text);
        return CliApp.Ok;
    }

    private static int Vmstat(TextWriter stdout, TimeSpan interval, int count, string? dir, bool json)
    {
        if (dir is not null)
        {
            // A capture holds the tool's own output, not the counters; show it as recorded.
            stdout.Write(ProcFs.ReadCaptured(Path.Combine(dir, "vmstat-1-3.txt")));
            return CliApp.Ok;
        }
        // Each line is printed when it is measured, as vmstat does: a long run shows its progress.
        if (!json)
        {
            stdout.Write(VmstatReport.Header1 + "\n" + VmstatReport.Header2 + "\n");
            stdout.Flush();
        }
        bool first = true;
        foreach (var sample in VmstatReport.Sample(interval, count))
        {
            if (json)
            {
                string item = JsonSerializer.Serialize(sample, Json).Replace("\n", "\n  ");
                stdout.Write((first ? "[\n  " : ",\n  ") + item);
            }
            else stdout.Write(VmstatReport.FormatLine(sample) + "\n");
            stdout.Flush();
            first = false;
        }
        if (json) stdout.Write("\n]\n");
        return CliApp.Ok;
    }

    private static int Free(TextWriter stdout, string? dir, bool json)
    {
        var m = dir is not null ? ReadMeminfo(Path.Combine(dir, "meminfo.txt")) : Meminfo.ForSystem();
        var report = FreeReport.From(m);
        stdout.Write(json ? JsonSerializer.Serialize(report, Json) + "\n" : report.ToText());
        return CliApp.Ok;
    }

    private static Meminfo ReadMeminfo(string path) => Meminfo.Parse(ProcFs.ReadCaptured(path), path);

    private static int Usage(TextWriter stdout, int? pid, string? dir, bool json)
    {
        if (dir is not null || (pid is int p && p != Environment.ProcessId))
        {
            // Another process (or a capture): the kernel's view only, as top shows it.
            ProcStatus status;
            Meminfo meminfo;
            if (dir is not null)
            {
                string statusPath = Path.Combine(dir, "status.txt");
                status = ProcStatus.Parse(ProcFs.ReadCaptured(statusPath), statusPath);
                string parent = Path.Combine(dir, "..", "meminfo.txt");
                meminfo = ReadMeminfo(File.Exists(parent) ? parent : Path.Combine(dir, "meminfo.txt"));
            }
            else
            {
                status = ProcessStat.ReadWhileRunning(pid!.Value, () => ProcStatus.ForProcess(pid.Value));
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
