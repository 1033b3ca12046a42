namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// The memory lines of <c>/proc/PID/status</c>, in kB. <see cref="VmSize"/> is all mapped virtual memory
/// (the reservations count, <c>[vsyscall]</c> does not); <see cref="VmRss"/> is what is resident and
/// always equals <see cref="RssAnon"/> + <see cref="RssFile"/> + <see cref="RssShmem"/>; <see cref="VmHwm"/>
/// is the highest VmRSS so far; <see cref="VmData"/> is private writable memory (heap, anonymous mmaps),
/// <see cref="VmStk"/> the main thread's stack, <see cref="VmExe"/> the program's code and
/// <see cref="VmLib"/> other executable mappings (shared libraries). Every line stays available in
/// <see cref="Fields"/>.
/// </summary>
public sealed record ProcStatus(ProcFieldSet Fields)
{
    public string Name => Fields.Text("Name");
    public int Pid
    {
        get
        {
            long pid = Fields.Number("Pid");
            return pid <= int.MaxValue ? (int)pid : throw new FormatException($"{Fields.Source}: Pid {pid} is not a process id (at most {int.MaxValue})");
        }
    }
    public long VmPeak => Fields.NumberOrZero("VmPeak");
    public long VmSize => Fields.Number("VmSize");
    public long VmHwm => Fields.NumberOrZero("VmHWM");
    public long VmRss => Fields.Number("VmRSS");
    public long RssAnon => Fields.NumberOrZero("RssAnon");
    public long RssFile => Fields.NumberOrZero("RssFile");
    public long RssShmem => Fields.NumberOrZero("RssShmem");
    public long VmData => Fields.NumberOrZero("VmData");
    public long VmStk => Fields.NumberOrZero("VmStk");
    public long VmExe => Fields.NumberOrZero("VmExe");
    public long VmLib => Fields.NumberOrZero("VmLib");
    public long VmPte => Fields.NumberOrZero("VmPTE");
    public long VmSwap => Fields.NumberOrZero("VmSwap");
    public int Threads => (int)Math.Min(Fields.NumberOrZero("Threads"), int.MaxValue);

    /// <summary>False for a zombie or a kernel thread, whose status has no <c>Vm*</c> lines: they have no user memory.</summary>
    public bool HasAddressSpace => Fields.Contains("VmSize");

    /// <summary>Parses status text.</summary>
    public static ProcStatus Parse(string text, string source = "status") => new(ProcFieldSet.Parse(text, source));

    /// <summary>Reads the status of a live process.</summary>
    public static ProcStatus ForProcess(int pid)
    {
        string path = ProcFs.PathOf(pid, "status");
        return Parse(ProcFs.ReadText(path), path);
    }
}
