using MemoryCourse.Ostep.Simulators;

namespace MemoryCourse.Tests.Ostep.Simulators;

/// <summary>Every recorded run of an original OSTEP VM simulator must be reproduced byte for byte.</summary>
public class OstepExamplesTests
{
    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryFiles.OstepExamples, "*.txt").OrderBy(p => p, StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void Every_non_malloc_reference_example_has_been_copied()
    {
        var names = Directory.GetFiles(RepositoryFiles.OstepExamples, "*.txt").Select(Path.GetFileName)
            .Where(n => !n!.StartsWith("malloc-", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, names.Count);
        foreach (var script in new[] { "relocation", "segmentation", "paging-linear-translate", "paging-multilevel-translate", "paging-policy" })
            Assert.Equal(2, names.Count(n => n!.StartsWith(script + "-", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Port_prints_exactly_what_the_original_printed(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.OstepExamples, file));
        int newline = text.IndexOf('\n');
        var command = text[..newline].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("$", command[0]);
        Assert.Equal("python3", command[1]);
        var simulator = OstepSimulators.Find(command[2].Replace(".py", ""));
        Assert.NotNull(simulator);

        var run = simulator!.Run(command[3..]);

        Assert.Equal(text[(newline + 1)..], run.Stdout);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
    }
}
