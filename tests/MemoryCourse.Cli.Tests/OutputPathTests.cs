using FsCheck.Fluent;
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
        Assert.Equal("--junit /sys/kernel/x.xml: /sys is the kernel's own file system; nothing can be written there",
            OutputPath.CheckFile("/sys/kernel/x.xml", "--junit"));
        Assert.Equal($"--json {folder}: is a folder; give the name of a file to write", OutputPath.CheckFile(folder, "--json"));
        Assert.Equal($"--out {file}/x.csv: {file} is a file, not a folder", OutputPath.CheckFile(Path.Combine(file, "x.csv"), "--out"));
        Assert.Equal("--out: the path is empty", OutputPath.CheckFile("", "--out"));
        Assert.Equal("--out: the path contains a NUL character", OutputPath.CheckFile("a\0b", "--out"));
        Assert.Null(OutputPath.CheckFile(file, "--out"));                                     // replaced when the work is done
        Assert.Null(OutputPath.CheckFile(Path.Combine(folder, "new", "deeper", "x.csv"), "--out")); // folders made when written
        Assert.Equal("--out /dev/null: /dev holds devices, which cannot be replaced whole; give a file to write", OutputPath.CheckFile("/dev/null", "--out"));
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
        Assert.Equal("--out /proc/handout: /proc is the kernel's own file system; nothing can be written there",
            OutputPath.CheckFolder("/proc/handout", "--out"));
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

    [Fact]
    public void A_named_pipe_or_a_link_to_a_device_is_not_a_file_to_write()
    {
        string folder = TempFolder("out");
        string fifo = Path.Combine(folder, "pipe.csv");
        Assert.Equal(0, System.Diagnostics.Process.Start("mkfifo", fifo).WaitForExitAndCode());
        string link = Path.Combine(folder, "random.csv");
        File.CreateSymbolicLink(link, "/dev/urandom");
        Assert.Equal($"--out {fifo}: is a named pipe (FIFO), not a file; give the name of a file to write", OutputPath.CheckFile(fifo, "--out"));
        Assert.Equal($"--json {link}: is a device, not a file; give the name of a file to write", OutputPath.CheckFile(link, "--json"));
    }

    [Fact]
    public void A_mistyped_option_given_as_a_path_is_not_taken_for_a_file_name()
    {
        Assert.Equal("--out --ouput: looks like an option, not a path (a mistyped option?); write ./--ouput for a file of that name",
            OutputPath.CheckFile("--ouput", "--out"));
        Assert.Null(OutputPath.CheckFile(Path.Combine(TempFolder("out"), "--ouput"), "--out"));
    }

    [Fact]
    public void A_control_character_in_a_path_is_escaped_in_the_message()
    {
        Assert.Equal("--out /proc/\\x1b[2Jx\\ny.csv: /proc is the kernel's own file system; nothing can be written there",
            OutputPath.CheckFile("/proc/\u001b[2Jx\ny.csv", "--out"));
    }

    [Fact]
    public void A_folder_filled_again_keeps_only_what_the_new_run_wrote()
    {
        string folder = TempFolder("fill");
        using (var batch = new OutputPath.Batch())
        {
            batch.Fill(folder, [("index.html", "old index", null), ("a.html", "a", null), ("sub/r.json", "r", null)]);
            batch.Commit();
        }
        File.WriteAllText(Path.Combine(folder, "mine.txt"), "the user's");
        using (var batch = new OutputPath.Batch())
        {
            batch.Fill(folder, [("index.html", "new index", null), ("b.html", "b", null)]);
            batch.Commit();
        }
        Assert.Equal("new index", File.ReadAllText(Path.Combine(folder, "index.html")));
        Assert.False(File.Exists(Path.Combine(folder, "a.html")));         // a stale page does not survive
        Assert.False(File.Exists(Path.Combine(folder, "sub", "r.json")));
        Assert.Equal("the user's", File.ReadAllText(Path.Combine(folder, "mine.txt"))); // what it did not write stays
        Assert.Equal("b.html\nindex.html\n", File.ReadAllText(Path.Combine(folder, OutputPath.ManifestName)));
    }

    [Fact]
    public void A_file_in_a_folder_that_an_earlier_run_did_not_write_is_never_replaced()
    {
        string folder = TempFolder("fill");
        File.WriteAllText(Path.Combine(folder, "index.html"), "the user's own page");
        Assert.Equal($"--out {folder}: would replace {Path.Combine(folder, "index.html")}, which memcourse did not write there; "
                     + "move it away or choose another folder (nothing was written)",
            OutputPath.CheckFolderFiles(folder, "--out", ["index.html", "a.html"]));
        Assert.Null(OutputPath.CheckFolderFiles(folder, "--out", ["a.html"]));
    }

    [Fact]
    public void Two_outputs_of_one_command_on_one_file_are_refused_before_any_work()
    {
        string folder = TempFolder("plan");
        string input = Path.Combine(folder, "nb.dib");
        File.WriteAllText(input, "x");
        string csv = Path.Combine(folder, "g.csv");
        Assert.Equal($"--json {csv}: is also where --out writes; give each output its own path",
            new OutputPlan([input]).File(csv, "--out").File(csv, "--json").Problem());
        Assert.Equal($"--junit {input}: is one of the command's inputs; writing it would destroy what is read",
            new OutputPlan([input]).File(input, "--junit").Problem());
        string link = Path.Combine(folder, "link.dib");
        File.CreateSymbolicLink(link, input);
        Assert.Contains("is one of the command's inputs", new OutputPlan([input]).File(link, "--trx").Problem());
        Assert.Equal($"--junit {Path.Combine(folder, "book", "index.html")}: is one of the files --out writes into {Path.Combine(folder, "book")}; "
                     + "give it another name",
            new OutputPlan([input]).Folder(Path.Combine(folder, "book"), "--out", ["index.html"]).File(Path.Combine(folder, "book", "index.html"),
                "--junit").Problem());
        Assert.Equal($"--out {folder}: would replace {input}, one of the command's inputs; choose another folder",
            new OutputPlan([input]).Folder(folder, "--out", ["nb.dib"]).Problem());
        Assert.Null(new OutputPlan([input]).Folder(Path.Combine(folder, "book"), "--out", ["nb.html"]).File(Path.Combine(folder, "junit.xml"),
            "--junit").Problem());
    }

    // alloc generate is the command here that writes files: its FOLDER goes through the same checks.
    [Fact]
    public void Alloc_generate_refuses_an_unwritable_folder_and_writes_nothing()
    {
        string folder = TempFolder("gen");
        string file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "x");
        var places = Gen.Elements("/proc/traces", "/sys/traces", file, Path.Combine(file, "sub"), "", "/dev/null", "/proc", "/dev/shm/x");
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

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this System.Diagnostics.Process? process)
    {
        process!.WaitForExit();
        return process.ExitCode;
    }
}
