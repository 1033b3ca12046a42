using MemoryCourse.Allocation.MallocLab;

namespace MemoryCourse.Tests.Allocation.MallocLab;

public class TraceTests
{
    [Fact]
    public void A_trace_file_is_read_with_its_header()
    {
        var trace = Trace.Load(RepositoryFiles.WorkedTrace("worked-bal.rep"));

        Assert.Equal(("worked-bal.rep", 0L, 4, 1, 9), (trace.Name, trace.SuggestedHeapSize, trace.IdCount, trace.Weight, trace.Ops.Count));
        Assert.Equal(new TraceOp(TraceOpKind.Allocate, 0, 1000, 5), trace.Ops[0]);
        Assert.Equal(new TraceOp(TraceOpKind.Free, 0, 0, 7), trace.Ops[2]);
        Assert.Equal(new TraceOp(TraceOpKind.Reallocate, 2, 400, 10), trace.Ops[5]);
    }

    [MallocLabReferenceFact]
    public void A_classic_trace_is_read_with_its_header()
    {
        var trace = Trace.Load(RepositoryFiles.MallocLab("classic", "short1-bal.rep"));

        Assert.Equal(("short1-bal.rep", 20000L, 6, 1, 12), (trace.Name, trace.SuggestedHeapSize, trace.IdCount, trace.Weight, trace.Ops.Count));
        Assert.Equal(new TraceOp(TraceOpKind.Allocate, 0, 2040, 5), trace.Ops[0]);
        Assert.Equal(new TraceOp(TraceOpKind.Free, 1, 0, 7), trace.Ops[2]);
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        var trace = Trace.Parse("0\r\n1\r\n2\r\n0\r\na 0 5\r\nf 0\r\n", "crlf.rep");
        Assert.Equal(2, trace.Ops.Count);
    }

    [Theory]
    [InlineData("0\n1\n2\n", "short.rep:4: the header needs 4 numbers (heap size, ids, ops, weight), found 3")]
    [InlineData("0\nx\n2\n1\n", "bad.rep:2: header value 'x' is not an integer")]
    [InlineData("0\n1\n2\n1\na 0 8\nz 0\n", "bad.rep:6: unknown op 'z' (expected a, r or f)")]
    [InlineData("0\n1\n2\n1\na 0\nf 0\n", "bad.rep:5: expected 'a ID SIZE'")]
    [InlineData("0\n1\n2\n1\na 0 8\nf 0 8\n", "bad.rep:6: expected 'f ID'")]
    [InlineData("0\n1\n2\n1\na 1 8\nf 1\n", "bad.rep:5: block id 1 is outside 0..0 (the header says 1 ids)")]
    [InlineData("0\n1\n2\n1\na 0 0\nf 0\n", "bad.rep:5: size 0 of block 0 must be positive")]
    [InlineData("0\n1\n2\n1\na 0 -8\nf 0\n", "bad.rep:5: size -8 of block 0 must be positive")]
    [InlineData("0\n1\n2\n1\na 0 8\na 0 8\n", "bad.rep:6: block 0 is allocated again while still live (allocated on line 5)")]
    [InlineData("0\n1\n2\n1\na 0 8\nf 0\nf 0\n", "bad.rep:7: free of block 0, which is not allocated")]
    [InlineData("0\n1\n1\n1\nr 0 8\n", "bad.rep:5: realloc of block 0, which is not allocated")]
    [InlineData("0\n1\n3\n1\na 0 8\nf 0\n", "bad.rep:3: the header says 3 ops but the file has 2")]
    [InlineData("0\n2\n2\n1\na 0 8\nf 0\n", "bad.rep:2: the header says 2 ids but the largest id used is 0")]
    [InlineData("0\n1\n2\n1\na 0 9223372036854775807\nf 0\n",
        "bad.rep:5: size 9223372036854775807 of block 0 is above the largest block a trace may ask for (2147483647 bytes)")]
    [InlineData("0\n1\n2\n1\na 0 2147483648\nf 0\n", "bad.rep:5: size 2147483648 of block 0 is above the largest block a trace may ask for (2147483647 bytes)")]
    [InlineData("0\n1\n2\n1\na 0 99999999999999999999999\nf 0\n",
        "bad.rep:5: size '99999999999999999999999' of block 0 is above the largest block a trace may ask for (2147483647 bytes)")]
    [InlineData("0\n1\n2\n1\na 0 -99999999999999999999999\nf 0\n", "bad.rep:5: size '-99999999999999999999999' of block 0 must be positive")]
    [InlineData("-5\n1\n2\n1\na 0 8\nf 0\n", "bad.rep:1: suggested heap size -5 is negative")]
    [InlineData("0\n1\n2\n-1\na 0 8\nf 0\n", "bad.rep:4: weight -1 is outside 0..2147483647")]
    [InlineData("0\n1\n2\n9999999999\na 0 8\nf 0\n", "bad.rep:4: weight 9999999999 is outside 0..2147483647")]
    [InlineData("0\n-1\n2\n1\n", "bad.rep:2: number of ids -1 is negative")]
    [InlineData("0\n4194305\n2\n1\n", "bad.rep:2: number of ids 4194305 is above the most a trace may have (4194304)")]
    [InlineData("0\n1\n9999999999\n1\n", "bad.rep:3: number of ops 9999999999 is above the most a trace may have (2147483647)")]
    [InlineData("0\n99999999999999999999\n2\n1\n", "bad.rep:2: header value '99999999999999999999' is too large")]
    [InlineData("0\n1\n2\n1\na 99999999999 8\nf 0\n", "bad.rep:5: block id '99999999999' is outside 0..0 (the header says 1 ids)")]
    [InlineData("0\n1\n2\n1\na\u0000 0 8\n", "bad.rep:5: unknown op 'a\\x00' (expected a, r or f)")]
    [InlineData("\u00000\n1\n2\n1\n", "bad.rep:1: header value '\\x000' is not an integer")]
    public void A_bad_trace_is_rejected_naming_file_and_line(string text, string message)
    {
        string source = message[..message.IndexOf(':')];
        var error = Assert.Throws<TraceFormatException>(() => Trace.Parse(text, source));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<TraceFormatException>(() => Trace.Load("/nonexistent/x.rep"));
        Assert.Equal("/nonexistent/x.rep: cannot read the trace: there is no such file (a folder on its path is missing, or is a file)", error.Message);
    }

    [Fact]
    public void A_folder_or_an_endless_device_is_not_read_as_a_trace()
    {
        var folder = Directory.CreateTempSubdirectory("trace-folder-").FullName;
        Assert.Equal($"{folder}: cannot read the trace: it is a folder, not a file", Assert.Throws<TraceFormatException>(() => Trace.Load(folder)).Message);
        if (File.Exists("/dev/zero"))
            Assert.Equal("/dev/zero: cannot read the trace: it is a device, not a regular file; only regular files are read",
                Assert.Throws<TraceFormatException>(() => Trace.Load("/dev/zero")).Message);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_number()
    {
        var trace = Trace.Parse("\uFEFF0\n1\n2\n1\na 0 5\nf 0\n", "bom.rep");
        Assert.Equal(2, trace.Ops.Count);
    }

    [Fact]
    public void Every_shipped_trace_passes_validation_with_the_ops_its_header_announces() =>
        AssertHeadersMatch(Directory.GetFiles(RepositoryFiles.ShippedTraces, "*.rep"), TraceGenerator.Standard.Count);

    [MallocLabReferenceFact]
    public void Every_classic_trace_passes_validation_with_the_ops_its_header_announces() =>
        AssertHeadersMatch(Directory.GetFiles(RepositoryFiles.MallocLab("classic", "traces"), "*.rep"), 11);

    private static void AssertHeadersMatch(string[] files, int expectedFiles)
    {
        Assert.Equal(expectedFiles, files.Length);
        foreach (var file in files)
        {
            var trace = Trace.Load(file);
            var header = File.ReadLines(file).Take(4).Select(long.Parse).ToArray();
            Assert.Equal(header[2], trace.Ops.Count);
        }
    }

    [Fact]
    public void Writing_and_reading_a_trace_gives_the_same_ops() =>
        AssertRoundTrip(Path.Combine(RepositoryFiles.ShippedTraces, "realloc-gen.rep"));

    [MallocLabReferenceFact]
    public void Writing_and_reading_a_classic_trace_gives_the_same_ops() =>
        AssertRoundTrip(RepositoryFiles.MallocLab("classic", "traces", "realloc2-bal.rep"));

    private static void AssertRoundTrip(string file)
    {
        var trace = Trace.Load(file);
        var again = Trace.Parse(trace.ToRepText(), trace.Name);
        Assert.Equal(trace.Ops.Select(o => o.ToString()), again.Ops.Select(o => o.ToString()));
        Assert.Equal(File.ReadAllText(file).Replace("\r", "").TrimEnd(), again.ToRepText().TrimEnd());
    }
}
