using System.Diagnostics;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Tests.Foundation.Input;

/// <summary>
/// Special files are refused before they are opened. Reported: a FIFO among the traces or captures blocked
/// forever (opening it waits for a writer), a symbolic link to /dev/urandom ran past 40 s, /dev/zero grew to 4.3 GB.
/// </summary>
public class SpecialFileTests
{
    /// <summary>A named pipe in a fresh folder (nobody ever writes to it: opening it to read would block forever).</summary>
    internal static string Fifo(string name = "pipe")
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("fifo-").FullName, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]))!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    // Run on another thread so that a regression (a blocking open) fails the test instead of hanging the suite.
    private static InputFileException Refused(string path)
    {
        var read = Task.Run(() => Assert.Throws<InputFileException>(() => InputFile.ReadAllText(path, 1 << 20)));
        Assert.True(read.Wait(TimeSpan.FromMinutes(2)), $"reading {path} never ended: a hang");
        return read.Result;
    }

    [Fact]
    public void A_named_pipe_is_refused_before_it_is_opened()
    {
        string fifo = Fifo("trace.rep");
        Assert.Equal("a named pipe (FIFO)", SpecialFile.Describe(fifo));
        Assert.Equal($"{fifo}: it is a named pipe (FIFO), not a regular file; only regular files are read", Refused(fifo).Message);
    }

    [Fact]
    public void A_device_and_a_link_to_an_endless_device_are_refused_before_reading()
    {
        string link = Path.Combine(Directory.CreateTempSubdirectory("link-").FullName, "smaps.txt");
        File.CreateSymbolicLink(link, "/dev/urandom");
        Assert.Equal($"{link}: it is a device, not a regular file; only regular files are read", Refused(link).Message);
        Assert.Equal("/dev/zero: it is a device, not a regular file; only regular files are read", Refused("/dev/zero").Message);
    }

    [Fact]
    public void Regular_files_folders_and_missing_paths_are_not_special()
    {
        string folder = Directory.CreateTempSubdirectory("plain-").FullName;
        string file = Path.Combine(folder, "a.txt");
        File.WriteAllText(file, "x");
        Assert.Null(SpecialFile.Describe(file));
        Assert.Null(SpecialFile.Describe(folder));
        Assert.Null(SpecialFile.Describe(Path.Combine(folder, "missing")));
        Assert.Null(SpecialFile.Describe("/proc/self/status")); // /proc files are regular files of size 0
    }
}
