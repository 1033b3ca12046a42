using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Course;

/// <summary>
/// Every notebook of the course is a test: all of them run once (in parallel, each in its own process,
/// exactly as <c>memcourse run notebooks</c> does), and each is one test case that fails with the notebook,
/// cell, line and message of its first failing cell.
/// </summary>
public class CourseNotebookTests : IClassFixture<CourseNotebookTests.CourseRun>
{
    public sealed class CourseRun
    {
        public IReadOnlyDictionary<string, NotebookRun> ByName { get; } =
            NotebookRunner.RunAllAsync(Notebooks().Select(n => Path.Combine(RepoPaths.Notebooks, n)).ToList(), RunOptions.Default)
                .GetAwaiter().GetResult().ToDictionary(r => r.Name);
    }

    private static IEnumerable<string> Notebooks() =>
        Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static TheoryData<string> All() => new(Notebooks());

    private readonly CourseRun _course;

    public CourseNotebookTests(CourseRun course) => _course = course;

    [Theory]
    [MemberData(nameof(All))]
    public void Notebook_runs_top_to_bottom(string notebook)
    {
        var run = _course.ByName[notebook];
        Assert.True(run.Passed, run.Describe());
    }

    [Fact]
    public void Every_chapter_of_the_design_exists_or_is_listed_as_missing()
    {
        // The chapters start with a two-digit number and import the shared setup notebook first.
        foreach (var name in Notebooks().Where(n => char.IsDigit(n[0])))
        {
            var source = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, name));
            Assert.Contains("#!import setup.dib", source);
        }
    }
}
