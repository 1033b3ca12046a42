using System.Diagnostics;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Tests.Inspection;

/// <summary>
/// Finds the captured /proc samples in data/proc (copied from real Debian 12 / kernel 6.18 machines, see
/// data/proc/README.md) and runs the real Linux tools for the live comparisons.
/// </summary>
internal static class CapturedSamples
{
    public static string Dir(string process) => RepositoryFiles.InRepo("data", "proc", process);

    public static string File(string process, string name) => Path.Combine(Dir(process), name);

    public static string Text(string process, string name) => System.IO.File.ReadAllText(File(process, name));

    public static string SystemText(string name) => System.IO.File.ReadAllText(RepositoryFiles.InRepo("data", "proc", name));

    /// <summary>The processes captured in data/proc, one folder each.</summary>
    public static readonly string[] Processes = ["node", "dotnet", "fixture"];

    /// <summary>Runs a real tool (pmap, vmstat, free) and returns its stdout; fails clearly when the tool is missing.</summary>
    public static string RunTool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"'{tool}' is not installed (procps provides pmap, vmstat, free and top; apt-get install procps): {e.Message}");
        }
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited with {p.ExitCode}: {p.StandardError.ReadToEnd()}");
        return output;
    }

    /// <summary>
    /// Runs <paramref name="inspect"/> on the pid of a child 'sleep' that has settled (its memory no longer
    /// changes), then kills the child. Reading a live process needs Linux's /proc.
    /// </summary>
    public static void WithSleepingChild(Action<int> inspect)
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        using var sleeper = StartSleeper();
        try { inspect(sleeper.Id); }
        finally { sleeper.Kill(); }
    }

    private static Process StartSleeper()
    {
        var p = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        // The exec into sleep happens after fork, and the new image faults its pages in while it starts:
        // wait until /proc shows the sleep image asleep (state S), when its memory no longer changes.
        for (int i = 0; i < 500; i++)
        {
            try
            {
                string status = System.IO.File.ReadAllText($"/proc/{p.Id}/status");
                if (status.StartsWith("Name:\tsleep\n", StringComparison.Ordinal) && status.Contains("State:\tS (sleeping)")) return p;
            }
            catch (IOException) { }
            Thread.Sleep(10);
        }
        return p;
    }
}
