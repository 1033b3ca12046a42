using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Tests.Inspection.Proc;

public class SmapsReaderTests
{
    // Totals of the real `pmap -x` runs captured next to each smaps file (last line of pmap-x.txt).
    [Theory]
    [InlineData("node", 1131488, 188608, 149500)]
    [InlineData("dotnet", 52567324, 200312, 165720)]
    [InlineData("fixture", 120524, 82876, 76060)]
    public void Smaps_sums_equal_the_totals_pmap_printed(string process, long kbytes, long rss, long dirty)
    {
        var smaps = SmapsReader.Parse(CapturedSamples.Text(process, "smaps.txt"), process);
        Assert.Equal(kbytes, smaps.Sum(s => s.SizeKb));
        Assert.Equal(rss, smaps.Sum(s => s.RssKb));
        Assert.Equal(dirty, smaps.Sum(s => s.DirtyKb));
    }

    [Theory, CapturedProcesses]
    public void Smaps_rollup_Rss_equals_the_sum_over_mappings_and_status_VmRSS(string process)
    {
        var smaps = SmapsReader.Parse(CapturedSamples.Text(process, "smaps.txt"));
        var rollup = SmapsReader.ParseRollup(CapturedSamples.Text(process, "smaps_rollup.txt"));
        var status = ProcStatus.Parse(CapturedSamples.Text(process, "status.txt"));
        Assert.Equal("[rollup]", rollup.Mapping.Path);
        Assert.Equal(rollup.RssKb, smaps.Sum(s => s.RssKb));
        Assert.Equal(status.VmRss, rollup.RssKb);
        Assert.Equal(rollup.AnonymousKb, smaps.Sum(s => s.AnonymousKb));
        // Pss is rounded down per mapping, so the per-mapping sum may fall a few kB short of the rollup.
        long shortfall = rollup.PssKb - smaps.Sum(s => s.PssKb);
        Assert.InRange(shortfall, 0, smaps.Count);
    }

    // Found by the fuzz property on a random seed in CI: Shared_Dirty at the 64-bit maximum and a truncated last
    // line made DirtyKb overflow (an OverflowException instead of a message naming the file).
    [Fact]
    public void Smaps_rollup_with_a_64_bit_shared_dirty_and_a_truncated_line_is_refused_naming_the_file()
    {
        string text = File.ReadAllText(RepositoryFiles.InRepo("data", "proc", "fixture", "smaps_rollup.txt"))
            .Replace("Shared_Dirty:          0 kB", "Shared_Dirty:    9223372036854775807 kB");
        text = text[..(text.IndexOf("Private_Dirty:", StringComparison.Ordinal) + "Private_Dirty:     7606".Length)];
        var e = Assert.Throws<FormatException>(() => SmapsReader.ParseRollup(text, "smaps_rollup.txt").DirtyKb);
        Assert.Equal("smaps_rollup.txt:9: 'Shared_Dirty' is 9223372036854775807 kB, more than a 64-bit address space holds (18014398509481984 kB)", e.Message);
    }

    [Fact]
    public void The_largest_dirty_sizes_a_field_may_hold_add_up_without_overflow()
    {
        var entry = SmapsReader.ParseRollup(
            "5604fe9cf000-7ffcc8c14000 ---p 00000000 00:00 0  [rollup]\nRss: 1 kB\nShared_Dirty: 18014398509481984 kB\nPrivate_Dirty: 18014398509481984 kB\n",
            "r");
        Assert.Equal(2 * (1L << 54), entry.DirtyKb);
    }

    [Fact]
    public void A_transparent_huge_page_region_reports_AnonHugePages_while_KernelPageSize_stays_4_kB()
    {
        var smaps = SmapsReader.Parse(CapturedSamples.Text("fixture", "smaps.txt"));
        var thp = smaps.Single(s => s.Mapping.Start == 0x7fd98e800000); // fixture.out: anon_huge_addr
        Assert.Equal(65536, thp.AnonHugePagesKb);
        Assert.Equal(4, thp.KernelPageSizeKb);
        Assert.Equal(true, thp.ThpEligible);
        Assert.Contains("hg", thp.VmFlags);  // MADV_HUGEPAGE
    }

    [Fact]
    public void Lines_without_kB_are_counts_and_VmFlags_is_a_list()
    {
        var first = SmapsReader.Parse(CapturedSamples.Text("fixture", "smaps.txt"))[0];
        var thp = first.Fields.Find("THPeligible")!;
        Assert.Null(thp.Unit);
        Assert.Equal(0, thp.Number);
        Assert.Equal(["rd", "mr", "mw", "me"], first.VmFlags); // captured as "VmFlags: rd mr mw me " (trailing space)
        Assert.False(first.Fields.Contains("VmFlags"));
    }

    [Theory, CapturedProcesses]
    public void Memfd_rss_is_the_process_shared_memory(string process)
    {
        // status RssShmem counts shmem/memfd pages; the dotnet runtime maps 76 doublemapper memfds.
        var smaps = SmapsReader.Parse(CapturedSamples.Text(process, "smaps.txt"));
        var status = ProcStatus.Parse(CapturedSamples.Text(process, "status.txt"));
        Assert.Equal(status.RssShmem, smaps.Where(s => s.Mapping.Path.StartsWith("/memfd:", StringComparison.Ordinal)).Sum(s => s.RssKb));
    }

    [Theory]
    [InlineData("Size:   4 kB\n", 1)] // a field line before any mapping's header
    [InlineData("5604fe9cf000-5604fe9d0000 r--p 00000000 fe:00 18705  /bin/x\nSize:   4 kB\nRss:   four kB\n", 3)] // a kB field that is not a number
    public void A_malformed_line_is_a_FormatException_naming_the_line(string text, int line)
    {
        var e = Assert.Throws<FormatException>(() => SmapsReader.Parse(text, "smaps.txt"));
        Assert.StartsWith($"smaps.txt:{line}:", e.Message);
    }

    [Fact]
    public void Live_smaps_rollup_agrees_with_live_smaps_of_a_quiet_process() => CapturedSamples.WithSleepingChild(pid =>
    {
        var smaps = SmapsReader.ForProcess(pid);
        var rollup = SmapsReader.RollupForProcess(pid);
        Assert.Equal(rollup.RssKb, smaps.Sum(s => s.RssKb));
    });
}
