using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// Every chapter's worked solutions pass its checks, hidden ones included: the grader's reference run puts
/// each solution in its exercise cell and refuses a source whose own solution fails a check.
/// </summary>
public class ChapterSolutionsTests
{
    public static TheoryData<string> Chapters() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>()
            .Where(n => char.IsDigit(n[0])).Order(StringComparer.Ordinal));

    [KernelTheory]
    [MemberData(nameof(Chapters))]
    public async Task Every_solution_passes_every_check_of_its_chapter(string chapter)
    {
        string path = Path.Combine(RepoPaths.Notebooks, chapter);
        var source = NotebookFile.Load(path);
        var options = new GradeOptions(RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(120), MemoryLimitMiB = 2048, Parallelism = 1 });
        var prepared = await Grader.PrepareAsync(path, source, options); // throws when a solution fails a check
        foreach (var check in prepared.Checks)
            Assert.Contains(prepared.Reference, r => r.Check == check.Name);
    }
}
