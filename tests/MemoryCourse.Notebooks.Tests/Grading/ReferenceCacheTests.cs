using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>The reference run is made once per chapter and machine, and a record someone edited is never used.</summary>
public sealed class ReferenceCacheTests : IDisposable
{
    private static readonly string SourcePath = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");
    private readonly string _folder = Directory.CreateTempSubdirectory("memcourse-references-").FullName;
    private readonly GradeOptions _options = new(RunOptions.Default);
    private int _runs;

    private static readonly CheckRecord[] Records = [new("offset-of", "Equal", "the offset", "mask it", "291", null, 0, null)];

    private Task<IReadOnlyList<CheckRecord>> Run()
    {
        _runs++;
        return Task.FromResult<IReadOnlyList<CheckRecord>>(Records);
    }

    private Task<IReadOnlyList<CheckRecord>> Get(GradeOptions? options = null) =>
        ReferenceCache.GetOrRunAsync(_folder, NotebookFile.Load(SourcePath), SourcePath, options ?? _options, Run);

    [Fact]
    public async Task The_second_grading_of_a_chapter_takes_the_kept_records_without_running()
    {
        Assert.Equal(Records, await Get());
        Assert.Equal(Records, await Get());
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task Other_hidden_checks_are_another_reference_run()
    {
        await Get();
        await Get(_options with { Hidden = new Dictionary<string, string> { ["offset-of"] = "Check.True(true, \"x\");" } });
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task An_edited_record_is_not_used_and_the_chapter_runs_again()
    {
        await Get();
        string kept = Directory.GetFiles(_folder, "*.json").Single();
        File.WriteAllText(kept, File.ReadAllText(kept).Replace("291", "0"));
        Assert.Equal(Records, await Get());
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task Without_a_folder_the_chapter_runs_every_time()
    {
        var source = NotebookFile.Load(SourcePath);
        await ReferenceCache.GetOrRunAsync(null, source, SourcePath, _options, Run);
        await ReferenceCache.GetOrRunAsync(null, source, SourcePath, _options, Run);
        Assert.Equal(2, _runs);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
