using MemoryCourse.Gc.TraceGc;

namespace MemoryCourse.Tests.Gc.TraceGc;

public class TraceGcReaderTests
{
    [Fact]
    public void The_K10_log_has_the_counts_and_mark_compacts_the_reference_notes_list()
    {
        // Truth: memref NOTES.md / parsed-trace-summary.json: 137 scavenges, 2 mark-compacts,
        // "86ms 13.5(44.1)->11.1(44.4) pause=6.43".
        var log = Captures.Read("trace-gc-k10.txt");
        Assert.Equal(137, log.Scavenges);
        Assert.Equal(2, log.MarkCompacts);
        var mc = log.Events.First(e => e.IsMarkCompact);
        Assert.Equal((86.0, 13.5, 44.1, 11.1, 44.4, 6.43), (mc.TimeMs, mc.BeforeMiB, mc.BeforeCommittedMiB, mc.AfterMiB, mc.AfterCommittedMiB, mc.PauseMs));
        Assert.Equal(new IncrementalMarkingDetail(1.7, 18, 0.2, 9), mc.Incremental);
        Assert.Equal("finalize incremental marking via stack guard", mc.Reason);
        Assert.Equal("GC in old space requested", mc.CollectorReason);
        Assert.NotNull(log.ResultJson);
    }

    // Reported: a line with a time of 1e20 ms or a heap of 1e29 MiB was taken as data.
    [Theory]
    [InlineData("100000000000000000000.0", "4.1", "the number '100000000000000000000.0' is beyond 1000000000000 ms (31 years)")]
    [InlineData("12.5", "100000000000000000000000000000.0",
        "the number '100000000000000000000000000000.0' is beyond 17592186044416 MiB (a 64-bit address space)")]
    public void A_time_or_size_no_process_can_have_is_an_error_naming_the_line(string time, string before, string why)
    {
        string line = $"[1:0x55d5c9e8a000]     {time} ms: Scavenge {before} (5.3) -> 3.9 (6.3) MB, 0.55 / 0.00 ms  (average mu = 1.000, current mu = " +
            $"1.000) allocation failure; ";
        var e = Assert.Throws<TraceGcFormatException>(() => TraceGcReader.Parse("output\n" + line + "\n", "log.txt"));
        Assert.StartsWith("log.txt:2: malformed trace-gc line (" + why + ")", e.Message);
    }

    [Fact]
    public void Scavenge_lines_with_their_trailing_space_parse_without_an_incremental_part()
    {
        var log = Captures.Read("trace-gc-k0.txt");
        var e = Assert.Single(log.Events);
        Assert.True(e.IsScavenge);
        Assert.Null(e.Incremental);
        Assert.Equal("allocation failure", e.Reason);
        Assert.Equal("", e.CollectorReason);
    }

    [Fact]
    public void Counts_of_all_captures_match_the_parsed_summary()
    {
        // Truth: parsed-trace-summary.json (V8's logs parsed by the reference's own script).
        Assert.Equal(1708, Captures.Read("trace-gc-k0-noescape.txt").Scavenges);
        Assert.Equal(1863, Captures.Read("trace-gc-k0-noopt.txt").Scavenges);
        Assert.Equal((239, 1), (Captures.Read("trace-gc-k100.txt").Scavenges, Captures.Read("trace-gc-k100.txt").MarkCompacts));
    }

    [Fact]
    public void Verbose_lines_and_program_output_are_skipped()
    {
        var log = Captures.Read("trace-gc-verbose-k0-small.txt");
        Assert.NotEmpty(log.Events);
        Assert.All(log.Events, e => Assert.True(e.IsScavenge || e.IsMarkCompact));
        Assert.Equal(3, Captures.Read("promote.txt").Scavenges);
    }

    [Fact]
    public void Nvp_lines_keep_the_trailing_underscore_key_of_scavenges()
    {
        var log = Captures.Read("trace-gc-nvp-k10.txt");
        var s = log.NvpEvents.First(e => e.Collector == "s");
        var mc = log.NvpEvents.First(e => e.Collector == "mc");
        Assert.Equal(21.8, s.Number("new_space_survive_rate_"));
        Assert.True(mc.Values.ContainsKey("new_space_survive_rate"));
        Assert.Equal(224872, s.Number("new_space_survived"));
        var e = Assert.Throws<TraceGcFormatException>(() => s.Number("no_such_key"));
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void A_malformed_gc_line_is_an_error_naming_the_source_and_line()
    {
        const string Text =
            "[1:0x1]       35 ms: Scavenge 4.1 (4.2) -> 3.3 (5.2) MB, 0.64 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; \n"
            + "[1:0x1]       36 ms: Scavenge 4.1 (4.2) -> oops MB, 0.64 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; \n";
        var e = Assert.Throws<TraceGcFormatException>(() => TraceGcReader.Parse(Text, "mylog.txt"));
        Assert.Contains("mylog.txt:2", e.Message);
        Assert.Contains("oops", e.Message);
    }
}
