using System.Text.Json;
using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse gc v8</c>: the V8 model's counts against node's own runs, its text and JSON, the out-of-memory ending
/// as node's, and sizes or values the model cannot take refused by the command's rules before anything runs.
/// </summary>
public class GcV8CommandTests
{
    [Fact]
    public void Gc_v8_with_a_fixed_64_MiB_semi_space_scavenges_as_often_as_node_did()
    {
        // Truth: data/trace-gc/trace-gc-k0-noescape-semi64.txt has one line per scavenge.
        int v8 = File.ReadAllLines(InRepo("data", "trace-gc", "trace-gc-k0-noescape-semi64.txt")).Count(l => l.Contains(" Scavenge "));
        var (code, output, _) = Run("gc", "v8", "--objects", "10000000", "--object-size", "176", "--retain-every", "0", "--semi-space", "64", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(v8, doc.RootElement.GetProperty("scavenges").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("markCompacts").GetInt32());
        var events = doc.RootElement.GetProperty("events");
        Assert.Equal(v8, events.GetArrayLength());
        Assert.Equal("scavenge", events[0].GetProperty("type").GetString());
        Assert.True(events[0].GetProperty("before").GetProperty("youngFreshBytes").GetInt64() > 60L << 20);
    }

    [Fact]
    public void Gc_v8_text_output_lists_counts_and_events()
    {
        var (code, output, _) = Run("gc", "v8", "--objects", "200000", "--retain-every", "10");
        Assert.Equal(0, code);
        Assert.Contains("scavenges: ", output);
        Assert.Contains("mark-compacts: ", output);
        Assert.Contains("promoted bytes: ", output);
        Assert.Contains("Scavenge ", output);
    }

    [Fact]
    public void Gc_v8_under_a_small_heap_limit_dies_as_node_did_and_exits_1()
    {
        // Truth: data/node/heap-limit/old32-k4-dies.txt, node v20 under --max-old-space-size=32.
        string capture = File.ReadAllText(InRepo("data", "node", "heap-limit", "old32-k4-dies.txt"));
        Assert.Contains("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", capture);
        var (code, output, err) = Run("gc", "v8", "--objects", "100000000", "--retain-every", "4", "--max-old-space-size", "32", "--json");
        Assert.Equal(1, code);
        Assert.Contains("FATAL ERROR: Reached heap limit", err);
        using var doc = JsonDocument.Parse(output);
        var oom = doc.RootElement.GetProperty("outOfMemory");
        Assert.Equal("reached-heap-limit", oom.GetProperty("verdict").GetString());
        Assert.Equal("Reached heap limit", oom.GetProperty("reason").GetString());
        Assert.InRange(oom.GetProperty("allocated").GetInt64(), 600_000, 740_000);   // node got to 670 000
        Assert.Equal(32, doc.RootElement.GetProperty("maxOldSpaceSize").GetInt64());
        Assert.True(doc.RootElement.GetProperty("events").GetArrayLength() > 10);
    }

    [Fact]
    public void Gc_v8_text_output_ends_with_V8s_message_when_the_heap_runs_out()
    {
        var (code, output, _) = Run("gc", "v8", "--objects", "100000000", "--retain-every", "10", "--max-old-space-size", "32");
        Assert.Equal(1, code);
        Assert.EndsWith("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory\n", output);
        Assert.Contains("out of memory after ", output);
    }

    [Fact]
    public void Gc_v8_that_finishes_says_outOfMemory_null_and_the_default_limit()
    {
        var (code, output, _) = Run("gc", "v8", "--objects", "100000", "--retain-every", "4", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("outOfMemory").ValueKind);
        Assert.Equal(4096, doc.RootElement.GetProperty("maxOldSpaceSize").GetInt64());
    }

    [Theory]
    [InlineData("0", "Reached heap limit")]
    [InlineData("10000", "Ineffective mark-compacts near heap limit")]
    public void Gc_v8_with_and_without_progress_reports_ends_as_node_did_at_16_MiB(string progressEvery, string verdict)
    {
        // Truth: node at 16 MiB keeping every 4th array dies "Reached heap limit" without progress reports
        // (data/node/heap-limit/small-heaps/old16-k4-no-progress.txt) and of ineffective mark-compacts with one every
        // 10 000 arrays (every repeat in data/node/heap-limit/sweep/calibration.tsv).
        string capture = File.ReadAllText(progressEvery == "0"
            ? InRepo("data", "node", "heap-limit", "small-heaps", "old16-k4-no-progress.txt")
            : InRepo("data", "node", "heap-limit", "sweep", "calibration.tsv"));
        Assert.Contains(verdict, capture);
        var (code, output, err) = Run("gc", "v8", "--objects", "100000000", "--retain-every", "4", "--max-old-space-size", "16",
            "--progress-every", progressEvery, "--json");
        Assert.Equal(1, code);
        Assert.Contains($"FATAL ERROR: {verdict}", err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(verdict, doc.RootElement.GetProperty("outOfMemory").GetProperty("reason").GetString());
        Assert.Equal(long.Parse(progressEvery, System.Globalization.CultureInfo.InvariantCulture), doc.RootElement.GetProperty("progressEvery").GetInt64());
    }

    [Theory]
    [InlineData("9223372036854775807", "0", "64-bit")]
    [InlineData("30000000", "1", "8000000")]
    public void Sizes_the_model_cannot_hold_are_refused_naming_the_bound(string objects, string retainEvery, string named)
    {
        var (code, output, err) = Run("gc", "v8", "--objects", objects, "--retain-every", retainEvery);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(named, err);
    }

    [Theory]
    [InlineData("--semi-space", "0", "0")]
    // Reported: refused with "(-75964697542656 usable)", a page count that had overflowed.
    [InlineData("--semi-space", "1000000000", "--semi-space 1000000000: this model holds semi-spaces from 1 to 1024 MiB.")]
    [InlineData("--max-old-space-size", "0", "0")]
    [InlineData("--max-old-space-size", "-64", "-64")]
    [InlineData("--object-size", "-176", "-176")]
    [InlineData("--retain-every", "-1", "-1")]
    [InlineData("--progress-every", "-10000", "-10000")]
    [InlineData("--object-size", "200000", "200000")]
    public void Bad_input_exits_2_and_names_the_value(string option, string value, string named)
    {
        var (code, _, err) = Run("gc", "v8", "--objects", "10", option, value);
        Assert.Equal(2, code);
        Assert.Contains(named, err);
    }
}
