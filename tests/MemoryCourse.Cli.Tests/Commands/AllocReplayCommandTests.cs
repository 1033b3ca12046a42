using System.Text.Json;
using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse alloc replay</c>: a trace's every op checked against addresses worked out by hand, a folder scored with
/// the lab's performance index, and bad input (a malformed trace, an unknown allocator, a missing path) refused.
/// </summary>
public class AllocReplayCommandTests
{
    private static string TempTrace(string text)
    {
        var dir = Directory.CreateTempSubdirectory("alloc-cli-");
        var path = Path.Combine(dir.FullName, "t.rep");
        File.WriteAllText(path, text);
        return path;
    }

    // a 0 24, a 1 8, f 0, a 2 16 under first fit with 8-byte headers, heap from 0 growing exactly:
    // block 0 = [0, 32) payload 8; block 1 = [32, 48) payload 40; free [0, 32); block 2 = 16 + 8 = 24 bytes at 0.
    private const string Small = "0\n3\n4\n1\na 0 24\na 1 8\nf 0\na 2 16\n";

    [Fact]
    public void Json_lists_every_ops_address_and_block_for_independent_checking()
    {
        string path = TempTrace("0\n3\n6\n1\na 0 24\na 1 8\nf 0\na 2 16\nf 1\nf 2\n");
        var (code, output, _) = Run("alloc", "replay", path, "--allocator", "first", "--json", "--runs", "1");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var trace = doc.RootElement.GetProperty("traces")[0];
        var placements = trace.GetProperty("placements").EnumerateArray()
            .Select(p => (p.GetProperty("op").GetString(), p.GetProperty("address").GetInt64(), p.GetProperty("blockAddress").GetInt64(),
                p.GetProperty("blockSize").GetInt64()))
            .ToArray();
        Assert.Equal(("a", 8L, 0L, 32L), placements[0]);
        Assert.Equal(("a", 40L, 32L, 16L), placements[1]);
        Assert.Equal(("f", 8L, 0L, 32L), placements[2]);
        Assert.Equal(("a", 8L, 0L, 24L), placements[3]);
        Assert.True(trace.GetProperty("correct").GetBoolean());
        Assert.Equal(32.0 / 48, trace.GetProperty("utilization").GetDouble(), 12); // peak 32 live bytes over a 48-byte heap
    }

    [Fact]
    public void A_folder_replay_prints_each_trace_and_the_performance_index()
    {
        var (code, output, err) = Run("alloc", "replay", InRepo("data", "traces"), "--allocator", "segregated", "--runs", "1");
        Assert.True(code == 0, err);
        foreach (var name in new[] { "binary-gen.rep", "coalescing-gen.rep", "random-gen.rep", "realloc-gen.rep" })
            Assert.Contains(name, output);
        Assert.Matches(@"Perf index = \d+ \(util\) \+ \d+ \(thru\) = \d+/100", output);
    }

    [Fact]
    public void A_malformed_trace_is_a_usage_error_naming_file_and_line()
    {
        var path = TempTrace("0\n1\n2\n1\na 0 8\nq 0\n");
        var (code, _, err) = Run("alloc", "replay", path, "--allocator", "best", "--runs", "1");
        Assert.Equal(2, code);
        Assert.Contains($"{path}:6: unknown op 'q'", err);
    }

    [Fact]
    public void An_unknown_allocator_is_a_usage_error_listing_the_known_ones()
    {
        var (code, _, err) = Run("alloc", "replay", TempTrace(Small), "--allocator", "magic");
        Assert.Equal(2, code);
        Assert.Contains("unknown allocator 'magic'", err);
        Assert.Contains("buddy", err);
    }

    [Fact]
    public void A_missing_path_is_a_usage_error()
    {
        var (code, _, err) = Run("alloc", "replay", "/no/such/trace.rep", "--allocator", "best");
        Assert.Equal(2, code);
        Assert.Contains("/no/such/trace.rep: no such file or folder", err);
    }

    [Fact]
    public void Running_out_of_heap_fails_the_check_with_exit_code_one()
    {
        // 64 MiB is the catalog's ceiling; one 100 MiB block cannot be served.
        var (code, output, _) = Run("alloc", "replay", TempTrace("0\n1\n2\n1\na 0 104857600\nf 0\n"), "--allocator", "buddy", "--runs", "1");
        Assert.Equal(1, code);
        Assert.Contains("error: t.rep:5:", output);
    }
}
