using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Lab.LiveNode;

namespace MemoryCourse.Tests.Lab.LiveNode;

/// <summary>Reading a run's raw output: the same for live runs and captures.</summary>
public class NodeRunTests
{
    private static readonly NodeWorkload Alloc = NodeWorkload.AllocJs(1000, 1, maxOldSpaceMiB: 64, progressEvery: 10);

    private static NodeRun Parse(string stdout, string stderr, int exit = 0) =>
        NodeRun.Parse(Alloc, NodeRunSource.Capture, NodeVersions.Calibrated, exit, false, 10, stdout, stderr, "");

    private const string Scavenge =
        "[1:0x1]       31 ms: Scavenge 4.1 (4.2) -> 3.4 (5.2) MB, 0.76 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; \n";
    private const string MarkCompact =
        "[1:0x1]       86 ms: Mark-Compact 13.5 (44.1) -> 11.1 (44.4) MB, 6.43 / 0.00 ms  " +
        "(+ 1.7 ms in 18 steps since start of marking, biggest step 0.2 ms, walltime since start of marking 9 ms) " +
        "(average mu = 1.000, current mu = 1.000) finalize incremental marking via stack guard; GC in old space requested\n";

    [Theory]
    [InlineData("Reached heap limit", OutOfMemoryVerdict.ReachedHeapLimit)]
    [InlineData("Ineffective mark-compacts near heap limit", OutOfMemoryVerdict.IneffectiveMarkCompacts)]
    [InlineData("CALL_AND_RETRY_LAST", OutOfMemoryVerdict.AllocationFailedAfterLastResort)]
    public void V8s_fatal_error_gives_the_verdict(string reason, OutOfMemoryVerdict verdict)
    {
        var run = Parse(Scavenge,
            $"PROGRESS 10\nPROGRESS 20\n\n<--- Last few GCs --->\n\nFATAL ERROR: {reason} Allocation failed - JavaScript heap out of memory\n", 134);
        Assert.Equal(reason, run.FatalError);
        Assert.Equal(verdict, run.Verdict);
        Assert.True(run.OutOfMemory);
        Assert.False(run.Completed);
        Assert.Equal(20, run.Progress);
        Assert.Contains($"V8 killed it: {reason} (exit 134)", run.Summary);
    }

    [Fact]
    public void A_fatal_error_that_is_not_a_heap_verdict_is_kept_as_text()
    {
        var run = Parse("", "#\n# Fatal javascript OOM in GC during deserialization\n#\n", 133);
        Assert.Equal("Fatal javascript OOM in GC during deserialization", run.FatalError);
        Assert.Null(run.Verdict);
    }

    [Fact]
    public void Collections_after_the_RESULT_line_do_not_count_as_the_programs()
    {
        var run = Parse(Scavenge + MarkCompact + "RESULT {\"N\":1}\n" + MarkCompact, "");
        Assert.Equal(3, run.Gc.Count);
        Assert.Equal(1, run.Scavenges);
        Assert.Equal(1, run.MarkCompacts);
        Assert.True(run.Gc[2].AfterProgramEnd);
        Assert.Equal("{\"N\":1}", run.ResultJson);
        Assert.Null(run.PromotedBytes);   // plain --trace-gc does not print promoted bytes
        Assert.Equal("finalize incremental marking via stack guard; GC in old space requested", run.Gc[1].Reason);
    }

    [Fact]
    public void Name_value_lines_give_promoted_bytes()
    {
        const string Nvp =
            "[1:0x1]       53 ms: pause=1.0 mutator=46.6 gc=s reduce_memory=0 total_size_before=4339160 total_size_after=3638960 " +
            "promoted=100 new_space_survived=324888\n" +
            "[1:0x1]       60 ms: pause=9.5 mutator=2.0 gc=mc reduce_memory=1 total_size_before=5000000 total_size_after=4000000 " +
            "promoted=250 new_space_survived=0\n";
        var run = Parse(Nvp, "");
        Assert.Equal(350, run.PromotedBytes);
        Assert.Equal(["Scavenge", "Mark-Compact"], run.Gc.Select(e => e.Type));
        Assert.True(run.Gc[1].Reduce);
        Assert.Equal(4339160 / 1048576.0, run.Gc[0].BeforeMiB, 9);
    }

    [Fact]
    public void Samples_are_read_with_their_extra_numbers()
    {
        const string SampleLine =
            "SAMPLE {\"t\":12,\"label\":\"start\",\"memoryUsage\":{\"rss\":41943040,\"heapTotal\":4431872,\"heapUsed\":3616928," +
            "\"external\":1330945,\"arrayBuffers\":10687},\"cpuUsage\":{\"user\":1500,\"system\":250},\"receivedMiB\":32}\n";
        var s = Assert.Single(Parse(SampleLine, "").Samples);
        Assert.Equal(1, s.Index);
        Assert.Equal(12, s.TimeMs);
        Assert.Equal("start", s.Label);
        Assert.Equal(40, s.RssMiB);
        Assert.Equal(1.5, s.UserMs);
        Assert.Equal(32, s.Get("receivedMiB"));
        Assert.Null(s.Get("absent"));
    }

    [Fact]
    public void A_broken_sample_line_is_an_error_naming_the_line()
    {
        var e = Assert.Throws<FormatException>(() => Parse("hello\nSAMPLE {\"t\":1}\n", ""));
        Assert.Contains("stdout line 2", e.Message);
    }

    // Reported: a fake node printing a 26-digit PROGRESS threw an OverflowException out of NodeLab.
    [Fact]
    public void A_progress_count_beyond_64_bits_is_an_error_naming_it_not_an_overflow()
    {
        var e = Assert.Throws<FormatException>(() => Parse("", "PROGRESS 12345678901234567890123456\n"));
        Assert.Contains("PROGRESS '12345678901234567890123456' is not a count of 63 bits or fewer", e.Message);
    }

    // Reported: these were taken as data.
    [Theory]
    [InlineData("\"t\":1e20,", "\"rss\":41943040", "t 1E+20 is not a time in ms from 0 to 1000000000000")]
    [InlineData("\"t\":12,", "\"rss\":-5", "rss -5 is not a count from 0 to 2^53")]
    [InlineData("\"t\":-1,", "\"rss\":41943040", "t -1 is not a time in ms")]
    public void A_sample_with_a_time_or_size_no_run_can_have_is_an_error_naming_the_line(string time, string rss, string message)
    {
        string line = "SAMPLE {" + time + "\"label\":\"x\",\"memoryUsage\":{" + rss + ",\"heapTotal\":1,\"heapUsed\":1,\"external\":1,\"arrayBuffers\":1}}\n";
        var e = Assert.Throws<FormatException>(() => Parse("hello\n" + line, ""));
        Assert.Contains("stdout line 2", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Captures_round_trip()
    {
        var run = NodeRun.Parse(Alloc, NodeRunSource.Live, NodeVersions.Calibrated, 134, false, 1234, Scavenge + MarkCompact, "PROGRESS 10\n", "");
        var back = NodeCapture.Parse(NodeCapture.Format(run), "test");
        Assert.Equal(Alloc.CommandLine, back.Command);
        Assert.Equal(NodeVersions.Calibrated, back.Versions);
        Assert.Equal(134, back.ExitCode);
        Assert.Equal(1234, back.WallMs);
        Assert.Equal(run.Stdout, back.Stdout);
        Assert.Equal(run.Stderr, back.Stderr);
    }

    [Fact]
    public void Every_shipped_capture_parses()
    {
        var files = Directory.GetFiles(Path.Combine(LiveNodeLab.Directory, "captures"), "*.txt")
            .Concat(Directory.GetFiles(RepositoryFiles.InRepo("data", "node", "heap-limit"), "*.txt")).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var c = NodeCapture.Parse(File.ReadAllText(file), file);
            Assert.StartsWith("node ", c.Command);
            Assert.NotNull(c.Versions);
        }
    }

    [Fact]
    public void Versions_compare_with_the_calibration()
    {
        Assert.Contains("is the version the model is calibrated on", NodeVersions.Calibrated.ComparedWithCalibration());
        Assert.Contains("same V8 (11.3)", new NodeVersions("v20.11.0", "11.3.244.8-node.17").ComparedWithCalibration());
        var newer = new NodeVersions("v22.12.0", "12.4.254.21-node.21");
        Assert.Equal(22, newer.NodeMajor);
        Assert.Contains("differs from the model's calibration", newer.ComparedWithCalibration());
    }

    [Fact]
    public void Workloads_spell_their_command_as_a_learner_would_type_it()
    {
        Assert.Equal("node --trace-gc --no-turbo-escape --max-old-space-size=64 alloc.js 1000 1 10", Alloc.CommandLine);
        Assert.Equal("node --expose-gc usage.js 32 64 2 300", NodeWorkload.Usage(32, 64, 2, 300).CommandLine);
        Assert.Equal("node request.js 200 500000", NodeWorkload.Request(200, 500_000).CommandLine);
    }
}
