using System.Text.Json;
using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

public class GcCommandTests
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

    [Theory]
    [InlineData("--semi-space", "0", "0")]
    [InlineData("--object-size", "-176", "-176")]
    [InlineData("--retain-every", "-1", "-1")]
    [InlineData("--object-size", "200000", "200000")]
    public void Bad_input_exits_2_and_names_the_value(string option, string value, string named)
    {
        var (code, _, err) = Run("gc", "v8", "--objects", "10", option, value);
        Assert.Equal(2, code);
        Assert.Contains(named, err);
    }
}
