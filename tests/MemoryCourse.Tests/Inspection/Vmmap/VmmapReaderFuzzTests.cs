using MemoryCourse.Inspection.Vmmap;

namespace MemoryCourse.Tests.Inspection.Vmmap;

/// <summary>Malformed vmmap output (see <see cref="TextMutations"/>): parsed, or a FormatException naming the source and line.</summary>
public class VmmapReaderFuzzTests
{
    [Fact]
    public void Vmmap_text_is_read_or_refused_naming_the_line() =>
        TextMutations.Check(File.ReadAllText(RepositoryFiles.InRepo("data", "proc", "vmmap-seed-004.txt")), t =>
            TextMutations.ReadsOrNames(() =>
            {
                foreach (var r in VmmapReader.ParseAll(t, "vmmap.txt")) _ = (r.RangeBytes, r.SizeAgreesWithRange, r.LinuxCounterpart);
            }, "vmmap.txt:"));

    [Theory]
    [InlineData("MALLOC (heap)    600040000-601800000  [ 24.5M  22.3M 22.3M  0K] rw-/rw- SM=PRV", "")]
    [InlineData("MALLOC (heap)    1600040000000000000-601800000  [ 24.5M  22.3M 22.3M  0K] rw-/rw- SM=PRV", "beyond 64 bits")]
    [InlineData("MALLOC (heap)    601800000-600040000  [ 24.5M  22.3M 22.3M  0K] rw-/rw- SM=PRV", "ends before it starts")]
    [InlineData("MALLOC (heap)    600040000-601800000  [ 99999999999999999T  22.3M 22.3M  0K] rw-/rw- SM=PRV", "beyond 64 bits")]
    [InlineData("MALLOC (heap)    600040000-601800000  [ NaNM  22.3M 22.3M  0K] rw-/rw- SM=PRV", "bad size")]
    [InlineData("MALLOC (heap)    600040000-601800000  [ -5M  22.3M 22.3M  0K] rw-/rw- SM=PRV", "bad size")]
    public void Addresses_and_sizes_beyond_64_bits_or_backwards_are_refused(string line, string problem)
    {
        if (problem.Length == 0) { Assert.Equal(0x601800000UL - 0x600040000UL, (ulong)VmmapReader.ParseLine(line, "v", 3).RangeBytes); return; }
        var e = Assert.Throws<FormatException>(() => VmmapReader.ParseLine(line, "v", 3));
        Assert.StartsWith("v:3: ", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
