using FsCheck;
using FsCheck.Fluent;
using MemoryCourse.Cli.Tests.BadInput;
using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests;

/// <summary>
/// Output paths: checked before any work (one line naming the option and the path), written all together or
/// not at all. Reported: --out /proc/x.csv, --json onto a folder, --junit under /proc and assign --out onto an
/// existing file crashed with a stack trace after all the work was done, sometimes with other outputs written.
/// </summary>
public class OutputPathTests
{
    [Fact]
    public void A_file_path_that_cannot_be_written_is_named_before_any_work()
    {
        string folder = TempFolder("out");
        string file = Path.Combine(folder, "existing.csv");
        File.WriteAllText(file, "old");
        Assert.Equal("--out /proc/x.csv: /proc is the kernel's own file system; nothing can be written there", OutputPath.CheckFile("/proc/x.csv", "--out"));
        Assert.Equal("--junit /sys/kernel/x.xml: /sys is the kernel's own file system; nothing can be written there", OutputPath.CheckFile("/sys/kernel/x.xml", "--junit"));
        Assert.Equal($"--json {folder}: is a folder; give the name of a file to write", OutputPath.CheckFile(folder, "--json"));
        Assert.Equal($"--out {file}/x.csv: {file} is a file, not a folder", OutputPath.CheckFile(Path.Combine(file, "x.csv"), "--out"));
        Assert.Equal("--out: the path is empty", OutputPath.CheckFile("", "--out"));
        Assert.Equal("--out: the path contains a NUL character", OutputPath.CheckFile("a\0b", "--out"));
        Assert.Null(OutputPath.CheckFile(file, "--out"));                                     // replaced when the work is done
        Assert.Null(OutputPath.CheckFile(Path.Combine(folder, "new", "deeper", "x.csv"), "--out")); // folders made when written
        Assert.Null(OutputPath.CheckFile("/dev/null", "--out"));
        Assert.Equal("old", File.ReadAllText(file));
        Assert.Single(Directory.GetFileSystemEntries(folder)); // checking leaves nothing behind
    }

    [Fact]
    public void A_folder_path_that_is_a_file_is_named_before_any_work()
    {
        string folder = TempFolder("out");
        string file = Path.Combine(folder, "existing.dib");
        File.WriteAllText(file, "old");
        Assert.Equal($"--out {file}: is a file, not a folder; give a folder to write into", OutputPath.CheckFolder(file, "--out"));
        Assert.Equal("--out /proc/handout: /proc is the kernel's own file system; nothing can be written there", OutputPath.CheckFolder("/proc/handout", "--out"));
        Assert.Null(OutputPath.CheckFolder(Path.Combine(folder, "handout"), "--out"));
        Assert.False(Directory.Exists(Path.Combine(folder, "handout")));
    }

    [Fact]
    public void A_batch_writes_all_its_files_or_none()
    {
        string folder = TempFolder("batch");
        File.WriteAllText(Path.Combine(folder, "a.txt"), "old a");
        using (var batch = new OutputPath.Batch())
        {
            batch.Add(Path.Combine(folder, "a.txt"), "new a");
            batch.Add(Path.Combine(folder, "sub", "b.txt"), "new b");
            Assert.Equal("old a", File.ReadAllText(Path.Combine(folder, "a.txt"))); // nothing moves before Commit
            // Disposed without Commit: the work failed after the files were staged.
        }
        Assert.Equal("old a", File.ReadAllText(Path.Combine(folder, "a.txt")));
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));

        using (var batch = new OutputPath.Batch())
        {
            batch.Add(Path.Combine(folder, "a.txt"), "new a");
            batch.Add(Path.Combine(folder, "sub", "b.txt"), "new b");
            batch.Commit();
        }
        Assert.Equal("new a", File.ReadAllText(Path.Combine(folder, "a.txt")));
        Assert.Equal("new b", File.ReadAllText(Path.Combine(folder, "sub", "b.txt")));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Count(File.Exists));
    }

    [Fact]
    public void A_batch_whose_target_became_a_folder_moves_nothing()
    {
        string folder = TempFolder("batch");
        using (var batch = new OutputPath.Batch())
        {
            batch.Add(Path.Combine(folder, "a.txt"), "a");
            batch.Add(Path.Combine(folder, "b.txt"), "b");
            Directory.CreateDirectory(Path.Combine(folder, "b.txt"));
            Assert.ThrowsAny<IOException>(batch.Commit);
        }
        Assert.Equal(["b.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    // alloc generate is the command here that writes files: its FOLDER goes through the same checks.
    [Fact]
    public void Alloc_generate_refuses_an_unwritable_folder_and_writes_nothing()
    {
        string folder = TempFolder("gen");
        string file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "x");
        var places = Gen.Elements("/proc/traces", "/sys/traces", file, Path.Combine(file, "sub"), "", "/dev/null", "/proc");
        Check(places, place =>
        {
            AssertRefused(Run("alloc", "generate", place), "memcourse alloc generate: FOLDER", place);
            Assert.Equal(["a-file"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }, tests: 20);
    }

    [Fact]
    public void Alloc_generate_that_fails_while_writing_leaves_no_trace_file_behind()
    {
        string folder = TempFolder("gen");
        Directory.CreateDirectory(Path.Combine(folder, "random-gen.rep")); // a folder where the third trace goes
        var o = Run("alloc", "generate", folder);
        AssertRefused(o, "memcourse alloc generate: cannot write to " + folder + ", nothing was written");
        Assert.Equal(["random-gen.rep"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }
}
