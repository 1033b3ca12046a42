using System.Text;
using FsCheck;
using FsCheck.Fluent;
using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.BadInput;

/// <summary>
/// Malloc-lab trace files fed to <c>memcourse alloc replay</c>: a valid trace with one fault injected (a bad
/// number where a size, an id or a header value goes, an unknown op, a line of binary junk, a duplicated
/// allocation or free, a cut-off file) is refused with exit 2 and one message naming the file and the exact
/// line; changes that keep a trace valid (Windows line endings, a byte-order mark, tabs, the header on one
/// line, trailing blank lines) replay exactly as the original does.
/// </summary>
public class TraceFileFuzzTests
{
    /// <summary>A valid trace as lines: a header of four lines, then every id allocated, some reallocated, all freed.</summary>
    private sealed record ValidTrace(List<string> Lines, int Ids)
    {
        public string Text => string.Join("\n", Lines) + "\n";
        public int FirstOp => 4; // index of the first op line (line 5)
    }

    private static readonly Gen<ValidTrace> Valid =
        from ids in Gen.Choose(1, 6)
        from sizes in Gen.Choose(1, 5000).ArrayOf(ids)
        from reallocs in Gen.Elements(true, false).ArrayOf(ids)
        from freeOrder in Gen.Shuffle(Enumerable.Range(0, ids).ToArray())
        from heap in Gen.Choose(0, 3)
        from weight in Gen.Choose(0, 1)
        select Build(ids, sizes, reallocs, freeOrder, heap, weight);

    private static ValidTrace Build(int ids, int[] sizes, bool[] reallocs, int[] freeOrder, int heap, int weight)
    {
        var ops = new List<string>();
        for (int i = 0; i < ids; i++) ops.Add($"a {i} {sizes[i]}");
        for (int i = 0; i < ids; i++) if (reallocs[i]) ops.Add($"r {i} {sizes[i] * 2}");
        foreach (int i in freeOrder) ops.Add($"f {i}");
        return new ValidTrace([$"{heap}", $"{ids}", $"{ops.Count}", $"{weight}", .. ops], ids);
    }

    /// <summary>A trace with one fault and the line the message must name.</summary>
    public sealed record Faulty(string Text, int Line, string Fault);

    private static readonly Gen<Faulty> OneFault = Valid.SelectMany(t => Gen.OneOf(
        // A bad size on an allocation or reallocation.
        from op in Gen.Elements(Enumerable.Range(t.FirstOp, t.Lines.Count - t.FirstOp).Where(i => t.Lines[i][0] != 'f').ToArray())
        from bad in Gen.OneOf(BadValues.BadNumber, Gen.Elements("0", "-1", "2147483648", "9223372036854775807"))
        select Replace(t, op, 2, bad, $"size {bad}"),
        // An id outside 0..ids-1, or not a number.
        from op in Gen.Choose(t.FirstOp, t.Lines.Count - 1)
        from bad in Gen.OneOf(BadValues.BadNumber, Gen.Choose(t.Ids, 1_000_000).Select(i => i.ToString()))
        select Replace(t, op, 1, bad, $"id {bad}"),
        // An op that is not a, r or f.
        from op in Gen.Choose(t.FirstOp, t.Lines.Count - 1)
        from letter in Gen.Elements("x", "A", "free", "\u0000", "ä", "#")
        select Replace(t, op, 0, letter, $"op {letter}"),
        // A bad header value: heap size, ids, ops or weight.
        from field in Gen.Choose(0, 3)
        from bad in Gen.OneOf(BadValues.BadNumber, field == 1 ? Gen.Constant("4194305") : Gen.Constant("-7"))
        where bad.Trim().Length > 0 && !bad.Any(char.IsWhiteSpace)
        // Any heap size from 0 to 2^63 - 1 is fine (the lab ignores it), and a byte-order mark before it is no fault.
        where field != 0 || !(long.TryParse(bad, out long heap) && heap >= 0) && !bad.StartsWith('\uFEFF')
        select With(t, field, bad, field + 1, $"header {field} = {bad}"),
        // The op count one too high: the header line is named.
        Gen.Constant(With(t, 2, (t.Lines.Count - t.FirstOp + 1).ToString(), 3, "op count + 1")),
        // A line of binary junk among the ops.
        from at in Gen.Choose(t.FirstOp, t.Lines.Count)
        from junk in Gen.Elements('\u0000', '\u0001', '\u00ff', '\u0080', '~', 'z', '\u001b').ArrayOf().Select(cs => "\u0002" + new string(cs))
        select Insert(t, at, junk, "binary junk"),
        // An allocation or a free repeated: a block allocated twice, or freed twice.
        from op in Gen.Elements(Enumerable.Range(t.FirstOp, t.Lines.Count - t.FirstOp).Where(i => t.Lines[i][0] != 'r').ToArray())
        select Insert(t, op + 1, t.Lines[op], $"repeated '{t.Lines[op]}'")));

    private static Faulty Replace(ValidTrace t, int index, int token, string value, string fault)
    {
        var lines = t.Lines.ToList();
        var tokens = lines[index].Split(' ');
        if (token >= tokens.Length) return Replace(t, index, 0, "x" + value, fault); // a free has no size: spoil its op instead
        tokens[token] = value.Length == 0 || value.Any(char.IsWhiteSpace) ? "?" + value.Trim() + "?" : value;
        lines[index] = string.Join(' ', tokens);
        return new Faulty(string.Join("\n", lines) + "\n", index + 1, fault);
    }

    private static Faulty With(ValidTrace t, int field, string value, int line, string fault)
    {
        var lines = t.Lines.ToList();
        lines[field] = value;
        return new Faulty(string.Join("\n", lines) + "\n", line, fault);
    }

    private static Faulty Insert(ValidTrace t, int at, string line, string fault)
    {
        var lines = t.Lines.ToList();
        lines.Insert(at, line);
        return new Faulty(string.Join("\n", lines) + "\n", at + 1, fault);
    }

    private static string Write(string text, string name = "t.rep") => WriteBytes(Encoding.UTF8.GetBytes(text), name);

    private static string WriteBytes(byte[] bytes, string name = "t.rep")
    {
        string path = Path.Combine(TempFolder("trace"), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_trace_with_one_fault_is_refused_naming_the_file_and_the_line()
    {
        Check(OneFault, f =>
        {
            string path = Write(f.Text);
            var o = Run("alloc", "replay", path, "--allocator", "first", "--runs", "1");
            AssertRefused(o, "memcourse alloc replay: ", $"{path}:{f.Line}: ");
        }, tests: 150);
    }

    [Fact]
    public void Changes_that_keep_a_trace_valid_replay_as_the_original_does()
    {
        var changes = Gen.Elements<Func<string, string>>(
            text => text.Replace("\n", "\r\n"),
            text => "\uFEFF" + text,
            text => text.Replace(' ', '\t'),
            text => text + "\n\n  \n",
            text => string.Join(' ', text.Split('\n').Take(4)) + "\n" + string.Join("\n", text.Split('\n').Skip(4)));
        Check(Valid.SelectMany(t => changes.Select(change => (t, change))), c =>
        {
            var original = Run("alloc", "replay", Write(c.t.Text), "--allocator", "best", "--runs", "1", "--json");
            var changed = Run("alloc", "replay", Write(c.change(c.t.Text)), "--allocator", "best", "--runs", "1", "--json");
            Assert.Equal((0, ""), (original.Code, original.Err));
            Assert.Equal((0, ""), (changed.Code, changed.Err));
            Assert.Equal(Placements(original.Out), Placements(changed.Out));
        }, tests: 40);
    }

    // The placement lines of --json output (the throughput differs from run to run, and lines move with the header).
    private static string Placements(string json) =>
        string.Join("\n", json.Split('\n').Where(l => !l.Contains("\"throughput\"", StringComparison.Ordinal)
            && !l.Contains("\"line\"", StringComparison.Ordinal)));

    [Fact]
    public void A_cut_off_trace_is_refused_naming_the_file_and_a_line()
    {
        Check(Valid.SelectMany(t => Gen.Choose(1, t.Text.Length - 2).Select(n => t.Text[..n])), text =>
        {
            string path = Write(text);
            var o = Run("alloc", "replay", path, "--allocator", "explicit", "--runs", "1");
            AssertRefused(o, "memcourse alloc replay: ", $"{path}:");
        }, tests: 60);
    }

    [Fact]
    public void Random_bytes_are_refused_naming_the_file()
    {
        Check(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(), bytes =>
        {
            string path = WriteBytes(bytes);
            var o = Run("alloc", "replay", path, "--allocator", "segregated", "--runs", "1");
            AssertRefused(o, "memcourse alloc replay: ", path);
        }, tests: 60);
    }

    // The case that was reported: a block of 2^63 - 1 bytes wrapped around to a negative block, and seven
    // allocators called the trace valid with a utilization of 115292150460685000000.0%.
    [Theory]
    [InlineData("first")]
    [InlineData("next")]
    [InlineData("best")]
    [InlineData("worst")]
    [InlineData("implicit")]
    [InlineData("explicit")]
    [InlineData("segregated")]
    public void A_block_of_two_to_the_63_minus_one_bytes_is_refused_before_any_allocator_sees_it(string allocator)
    {
        string path = Write("0\n1\n2\n1\na 0 9223372036854775807\nf 0\n");
        var o = Run("alloc", "replay", path, "--allocator", allocator, "--runs", "1", "--json");
        AssertRefused(o, "memcourse alloc replay: ",
            $"{path}:5: size 9223372036854775807 of block 0 is above the largest block a trace may ask for (2147483647 bytes)");
    }

    [Fact]
    public void The_largest_block_a_trace_may_ask_for_fails_the_replay_without_overflow()
    {
        var o = Run("alloc", "replay", Write("0\n1\n2\n1\na 0 2147483647\nf 0\n"), "--allocator", "first", "--runs", "1", "--json");
        Assert.Equal(1, o.Code); // above the 64 MiB heap: the trace is fine, the allocator runs out of memory
        Assert.Contains("\"correct\": false", o.Out);
        Assert.DoesNotContain("\"blockSize\": -", o.Out);
    }

    [Theory]
    [InlineData("-1\n1\n2\n1\na 0 8\nf 0\n", 1, "suggested heap size -1 is negative")]
    [InlineData("0\n1\n2\n-1\na 0 8\nf 0\n", 4, "weight -1 is outside 0..2147483647")]
    public void A_negative_heap_size_or_weight_in_the_header_is_refused(string text, int line, string problem)
    {
        string path = Write(text);
        AssertRefused(Run("alloc", "replay", path, "--allocator", "best", "--runs", "1"), "memcourse alloc replay: ", $"{path}:{line}: {problem}");
    }

    [Fact]
    public void An_empty_file_a_folder_and_an_endless_device_are_refused_naming_them()
    {
        string empty = Write("");
        AssertRefused(Run("alloc", "replay", empty, "-a", "best"), "memcourse alloc replay: ", $"{empty}:1: the header needs 4 numbers");
        string folder = TempFolder("trace-folder");
        Directory.CreateDirectory(Path.Combine(folder, "inner.rep"));
        AssertRefused(Run("alloc", "replay", folder, "-a", "best"), "memcourse alloc replay: ", "no .rep traces in folder", folder);
        if (File.Exists("/dev/zero"))
            AssertRefused(Run("alloc", "replay", "/dev/zero", "-a", "best"), "memcourse alloc replay: ",
                "/dev/zero: cannot read the trace: it is a device, not a regular file");
    }

    [Fact]
    public void A_folder_with_one_bad_trace_is_refused_before_any_replay_output()
    {
        string folder = TempFolder("traces");
        File.WriteAllText(Path.Combine(folder, "a-good.rep"), "0\n1\n2\n1\na 0 8\nf 0\n");
        File.WriteAllText(Path.Combine(folder, "b-bad.rep"), "0\n1\n2\n1\na 0 8\nf 1\n");
        AssertRefused(Run("alloc", "replay", folder, "-a", "worst", "--runs", "1"), "memcourse alloc replay: ", Path.Combine(folder, "b-bad.rep") + ":6: ");
    }
}
