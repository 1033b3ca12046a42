using FsCheck.Fluent;
using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Tests.Inspection.Proc;

public class MapsReaderTests
{
    [Theory, CapturedProcesses]
    public void Captured_maps_have_one_entry_per_pmap_row(string process)
    {
        var maps = MapsReader.Parse(CapturedSamples.Text(process, "maps.txt"), process);
        int pmapRows = CapturedSamples.Text(process, "pmap-x.txt").Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[0-9a-f]{16} "));
        Assert.Equal(pmapRows, maps.Count);
    }

    [Fact]
    public void Maps_line_with_spaces_in_the_path_keeps_the_whole_path()
    {
        var maps = MapsReader.Parse(CapturedSamples.Text("fixture", "maps.txt"));
        var entry = Assert.Single(maps, m => m.Start == 0x7fd992aff000);
        Assert.Equal("/srv/memref/linux/file with spaces.bin", entry.Path);
        Assert.Equal("file with spaces.bin", entry.FileName);
        Assert.True(entry.IsShared);
        Assert.False(entry.IsDeleted);
        Assert.Equal(1024, entry.SizeKb);
    }

    [Fact]
    public void Deleted_files_and_memfds_keep_their_suffix_and_are_flagged()
    {
        var maps = MapsReader.Parse(CapturedSamples.Text("fixture", "maps.txt"));
        var deleted = maps.Single(m => m.Start == 0x7fd9929ff000);
        Assert.Equal("/srv/memref/linux/to-be-deleted.bin (deleted)", deleted.Path);
        Assert.True(deleted.IsDeleted);
        var memfd = maps.Single(m => m.Start == 0x7fd9928ff000);
        Assert.Equal("/memfd:memref demo (deleted)", memfd.Path);
        Assert.True(memfd.IsDeleted && memfd.IsFile);
    }

    [Fact]
    public void Anonymous_lines_end_in_a_trailing_space_that_is_not_a_path()
    {
        string text = CapturedSamples.Text("fixture", "maps.txt");
        string rawLine = text.Split('\n').Single(l => l.StartsWith("7fd98c600000-", StringComparison.Ordinal));
        Assert.EndsWith("00:00 0 ", rawLine); // the trap itself, as captured
        var entry = MapsReader.Parse(text).Single(m => m.Start == 0x7fd98c600000);
        Assert.Equal("", entry.Path);
        Assert.True(entry.IsAnonymous);
        Assert.Equal(32768, entry.SizeKb); // fixture.py: an untouched 32 MiB reservation
    }

    [Fact]
    public void Vsyscall_sits_at_the_top_of_the_address_space_and_is_a_pseudo_name()
    {
        var last = MapsReader.Parse(CapturedSamples.Text("node", "maps.txt"))[^1];
        Assert.Equal(0xffffffffff600000UL, last.Start);
        Assert.Equal("[vsyscall]", last.Path);
        Assert.True(last.IsPseudo);
        Assert.Equal("--xp", last.Permissions);
    }

    [Fact]
    public void Named_anonymous_mappings_expose_their_name()
    {
        // CONFIG_ANON_VMA_NAME was off on the capture machine (prctl returned EINVAL, fixture.out), so this
        // line is written in the kernel's documented format: [anon:NAME] after the inode field.
        var e = MapsReader.Parse("7f0000000000-7f0000100000 rw-p 00000000 00:00 0                          [anon:memref named]\n")[0];
        Assert.True(e.IsAnonymous);
        Assert.Equal("memref named", e.AnonymousName);
    }

    [Theory, CapturedProcesses]
    public void Private_writable_mappings_other_than_the_stack_add_up_to_VmData(string process)
    {
        // status VmData counts private writable areas except the stack: a property the kernel guarantees.
        var maps = MapsReader.Parse(CapturedSamples.Text(process, "maps.txt"));
        var status = ProcStatus.Parse(CapturedSamples.Text(process, "status.txt"));
        long data = maps.Where(m => m.CanWrite && !m.IsShared && m.Path != "[stack]").Sum(m => m.SizeKb);
        Assert.Equal(status.VmData, data);
        Assert.Equal(status.VmStk, maps.Single(m => m.Path == "[stack]").SizeKb);
        // VmSize leaves out [vsyscall], which is not a VMA of the process.
        Assert.Equal(status.VmSize, maps.Where(m => m.Path != "[vsyscall]").Sum(m => m.SizeKb));
    }

    [Fact]
    public void Any_path_survives_a_round_trip_through_the_maps_format()
    {
        var pathChars = Gen.Elements("ab /.-_()[]: x0".ToCharArray());
        var paths = Gen.ArrayOf(pathChars).Select(cs => "/" + new string(cs).TrimEnd());
        Prop.ForAll(Arb.From(paths), Arb.From(Gen.Choose(1, 40)), (path, padding) =>
        {
            string line = "7fd992aff000-7fd992bff000 rw-s 00000000 fe:00 11675743" + new string(' ', padding) + path;
            var e = MapsReader.Parse(line)[0];
            return e.Path == path && e.Inode == 11675743 && e.SizeKb == 1024;
        }).CheckOnSeed();
    }

    [Theory]
    [InlineData("7fd992aff000 rw-s 00000000 fe:00 1 /x", "bad address range")]
    [InlineData("7fd992aff000-7fd992bff000 rwzp 00000000 fe:00 1 /x", "bad permissions")]
    [InlineData("7fd992aff000-7fd992bff000 rw-p 00000000 fe:00", "at least 5 fields")]
    [InlineData("7fd992aff000-7fd992bff000 rw-p 00000000 fe:00 x1 /x", "bad inode")]
    public void A_malformed_line_is_a_FormatException_naming_file_and_line(string bad, string problem)
    {
        string text = "5604fe9cf000-5604fe9d0000 r--p 00000000 fe:00 18705  /bin/x\n" + bad + "\n";
        var e = Assert.Throws<FormatException>(() => MapsReader.Parse(text, "/proc/42/maps"));
        Assert.StartsWith("/proc/42/maps:2:", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_system_without_proc_is_told_so_and_pointed_at_the_samples()
    {
        var e = Assert.Throws<ProcUnavailableException>(() => ProcFs.ReadText("/proc/self/maps", "/nonexistent-proc-root"));
        Assert.Contains("no /proc", e.Message);
        Assert.Contains("data/proc", e.Message);
    }

    // Reported: `inspect --pid 1` said "needs root" to a user who was root (in a container without CAP_SYS_PTRACE).
    [Fact]
    public void Permission_denied_says_needs_root_only_to_a_user_who_is_not_root()
    {
        Assert.Equal("permission denied (another user's process needs root)", ProcFs.PermissionDenied(runningAsRoot: false));
        Assert.DoesNotContain("needs root", ProcFs.PermissionDenied(runningAsRoot: true));
        Assert.Contains("CAP_SYS_PTRACE", ProcFs.PermissionDenied(runningAsRoot: true));
    }

    [Fact]
    public void The_live_maps_of_this_process_include_its_stack_and_the_runtime()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var maps = MapsReader.ForProcess(Environment.ProcessId);
        Assert.Contains(maps, m => m.Path == "[stack]");
        Assert.Contains(maps, m => m.FileName.StartsWith("libcoreclr", StringComparison.Ordinal));
        Assert.True(maps.Zip(maps.Skip(1)).All(p => p.First.End <= p.Second.Start), "maps are sorted and do not overlap");
    }
}
