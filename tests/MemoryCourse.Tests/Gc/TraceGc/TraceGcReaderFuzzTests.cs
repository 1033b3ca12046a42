using MemoryCourse.Gc.TraceGc;

namespace MemoryCourse.Tests.Gc.TraceGc;

/// <summary>Malformed --trace-gc logs (see <see cref="TextMutations"/>): read, or a FormatException naming the file and line.</summary>
public class TraceGcReaderFuzzTests
{
    private static string Log(string name) => File.ReadAllText(RepositoryFiles.InRepo("data", "trace-gc", name));

    [Theory]
    [InlineData("trace-gc-k10.txt")]
    [InlineData("trace-gc-nvp-k10.txt")]
    [InlineData("trace-gc-verbose-k0-small.txt")]
    public void A_log_is_read_or_refused_naming_the_line(string name) =>
        TextMutations.Check(Log(name), t => TextMutations.ReadsOrNames(() =>
        {
            var log = TraceGcReader.Parse(t, name);
            foreach (var e in log.NvpEvents)
                foreach (var key in e.Values.Keys)
                {
                    try { e.Number(key); }
                    catch (TraceGcFormatException x) when (x.Message.StartsWith($"line {e.Line}: ", StringComparison.Ordinal)) { }
                }
        }, name + ":"), tests: 60);

    [Theory]
    [InlineData("[123:0x5] 9{400} ms: Scavenge 1.1 (2.2) -> 1.0 (3.3) MB, 0.5 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ",
        "the number '999")]
    [InlineData("[99999999999:0x5]      12 ms: Scavenge 1.1 (2.2) -> 1.0 (3.3) MB, 0.5 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation " +
        "failure; ", "the pid '99999999999' is too large")]
    public void Numbers_beyond_what_they_can_be_are_refused_naming_the_line(string line, string problem)
    {
        line = line.Replace("9{400}", new string('9', 400));
        var e = Assert.Throws<TraceGcFormatException>(() => TraceGcReader.Parse("first line\n" + line, "gc.log"));
        Assert.StartsWith("gc.log:2: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_missing_log_or_a_folder_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("gc-log-").FullName;
        var error = Assert.Throws<MemoryCourse.Foundation.Input.InputFileException>(() => TraceGcReader.ReadFile(folder));
        Assert.Equal($"{folder}: it is a folder, not a file", error.Message);
    }
}
