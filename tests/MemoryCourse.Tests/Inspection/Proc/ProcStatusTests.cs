using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Tests.Inspection.Proc;

public class ProcStatusTests
{
    [Theory, CapturedProcesses]
    public void VmRSS_is_the_sum_of_anonymous_file_and_shmem_rss(string process)
    {
        var s = ProcStatus.Parse(CapturedSamples.Text(process, "status.txt"));
        Assert.Equal(s.VmRss, s.RssAnon + s.RssFile + s.RssShmem);
    }

    [Fact]
    public void Tab_and_padding_after_the_colon_are_read_and_text_fields_kept()
    {
        // status.txt has "VmRSS:\t  188608 kB"; verify.txt (real captures) lists VmRSS=188608 for node.
        var s = ProcStatus.Parse(CapturedSamples.Text("node", "status.txt"));
        Assert.Contains("VmRSS:\t  188608 kB", CapturedSamples.Text("node", "status.txt"));
        Assert.Equal(188608, s.VmRss);
        Assert.Equal("node", s.Name);
        Assert.Equal(14573, s.Pid);
        Assert.Equal("S (sleeping)", s.Fields.Text("State"));
        Assert.Equal("", s.Fields.Text("Groups")); // "Groups:\t " — empty after a trailing space
    }

    [Theory, CapturedProcesses]
    public void Statm_pages_match_the_status_lines(string process)
    {
        var st = ProcStatus.Parse(CapturedSamples.Text(process, "status.txt"));
        var m = Statm.Parse(CapturedSamples.Text(process, "statm.txt"));
        Assert.Equal(st.VmSize, Statm.PagesToKb(m.Size));
        Assert.Equal(st.VmRss, Statm.PagesToKb(m.Resident));
        Assert.Equal(st.RssFile + st.RssShmem, Statm.PagesToKb(m.Shared));
        Assert.Equal(st.VmExe, Statm.PagesToKb(m.Text));
        Assert.Equal(st.VmData + st.VmStk, Statm.PagesToKb(m.Data));
    }

    [Fact]
    public void A_statm_line_with_too_few_numbers_is_a_FormatException()
    {
        var e = Assert.Throws<FormatException>(() => Statm.Parse("1 2 3\n", "statm.txt"));
        Assert.StartsWith("statm.txt:1:", e.Message);
    }

    [Fact]
    public void A_status_line_without_a_colon_is_a_FormatException_naming_the_line()
    {
        var e = Assert.Throws<FormatException>(() => ProcStatus.Parse("Name:\tx\nVmRSS 12 kB\n", "status.txt"));
        Assert.StartsWith("status.txt:2:", e.Message);
    }

    [Fact]
    public void Live_status_and_statm_of_a_sleeping_child_agree() => CapturedSamples.WithSleepingChild(pid =>
    {
        var st = ProcStatus.ForProcess(pid);
        var m = Statm.ForProcess(pid);
        Assert.Equal("sleep", st.Name);
        Assert.Equal(st.VmSize, Statm.PagesToKb(m.Size, Environment.SystemPageSize));
        Assert.Equal(st.VmRss, Statm.PagesToKb(m.Resident, Environment.SystemPageSize));
    });
}
