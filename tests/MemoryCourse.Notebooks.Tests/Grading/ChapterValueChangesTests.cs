using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// An exercise may not change what the chapter declared (and the later checks read) by calling a member on it:
/// the names are protected against assignment, and here against <c>list.Clear()</c>, <c>dict[k] = v</c>,
/// <c>array[0] = x</c>, a property set, a hand-over to a method that sorts or fills, and the same through a
/// local, a loop variable, a lambda parameter or a parameter of the cell's own method. Chapter 04's next-fit
/// exercise comes after the chapter's traces (<c>shippedTraces</c>, a list), its replays (<c>utilization</c>,
/// a dictionary of lists) and its heaps; its worked solution changes none of them.
/// </summary>
public class ChapterValueChangesTests : IClassFixture<ChapterValueChangesTests.Chapter04>
{
    public sealed class Chapter04
    {
        public Microsoft.DotNet.Interactive.Documents.InteractiveDocument Source { get; } =
            NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, "04-heap-fragmentation.dib"));
        public ExerciseScreen Screen { get; }
        public int NextFit { get; }

        public Chapter04()
        {
            Screen = new ExerciseScreen(Source, RepoPaths.Notebooks, ExercisePolicy.ForChapter("04-heap-fragmentation"));
            NextFit = ExerciseMarkers.Exercises(Source).Single(e => e.Name == "next-fit-search").CellIndex;
        }
    }

    private readonly Chapter04 _chapter;

    public ChapterValueChangesTests(Chapter04 chapter) => _chapter = chapter;

    // The learner's cell: the lines under test (from line 2 on), then the function the exercise asks for.
    private IReadOnlyList<ScreenFinding> Screen(string lines) =>
        _chapter.Screen.Screen(_chapter.NextFit, "// exercise: next-fit-search\n" + lines
            + "\nint NextFitIndex(IReadOnlyList<FreeEntry> freeList, int start, long size)\n{\n"
            + "    return freeList.Count == 0 ? -1 : start % freeList.Count;\n}");

    [Theory]
    [InlineData("shippedTraces.Clear();", 2, "shippedTraces")]
    [InlineData("shippedTraces.RemoveAt(0);", 2, "shippedTraces")]
    [InlineData("shippedTraces.Add(shippedTraces[0]);", 2, "shippedTraces")]
    [InlineData("shippedTraces.Reverse();", 2, "shippedTraces")]
    [InlineData("utilization[\"first-fit\"] = new();", 2, "utilization")]
    [InlineData("utilization.Remove(\"first-fit\");", 2, "utilization")]
    [InlineData("utilization.Values.First().Clear();", 2, "utilization")]
    [InlineData("shippedTraces[0] = shippedTraces[1];", 2, "shippedTraces")]
    [InlineData("shippedTraces.Sort((a, b) => 0);", 2, "shippedTraces")]
    [InlineData("var mine = shippedTraces;\nmine.Clear();", 3, "shippedTraces")]
    [InlineData("foreach (var replays in utilization.Values) replays.Clear();", 2, "utilization")]
    [InlineData("utilization.Values.ToList().ForEach(r => r.RemoveAll(x => true));", 2, "utilization")]
    [InlineData("if (utilization.TryGetValue(\"first-fit\", out var replays)) replays.Clear();", 2, "utilization")]
    [InlineData("Empty(shippedTraces);\nvoid Empty(List<LabTrace> traces) => traces.Clear();", 3, "shippedTraces")]
    public void A_change_to_a_value_the_chapter_declared_is_refused_with_its_line_and_name(string lines, int line, string name)
    {
        var findings = Screen(lines);
        Assert.Contains(findings, f => f.Line == line && f.Construct.EndsWith($"on '{name}'", StringComparison.Ordinal)
            && f.Reason.Contains("a value the chapter declared", StringComparison.Ordinal));
    }

    [Fact]
    public void An_array_the_chapter_declared_cannot_be_written_or_sorted_in_place()
    {
        // Chapter 07's page-table layout: an int[] the chapter shuffled, read by the later cells.
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, "07-virtual-memory-and-paging.dib"));
        var screen = new ExerciseScreen(source, RepoPaths.Notebooks, ExercisePolicy.ForChapter("07-virtual-memory-and-paging"));
        int cell = ExerciseMarkers.Exercises(source).Single(e => e.Name == "physical-address").CellIndex;
        var findings = screen.Screen(cell, "// exercise: physical-address\nshuffledFrames[0] = 7;\nSystem.Array.Sort(shuffledFrames);\nshuffledFrames[1]++;\n"
            + "table.Map(3, 0);\nlong physicalAddress = 0;");
        Assert.Contains(findings, f => f.Line == 2 && f.Construct == "writes an element on 'shuffledFrames'");
        Assert.Contains(findings, f => f.Line == 3 && f.Construct.StartsWith("hands it to System.Array.Sort", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Line == 4 && f.Construct == "writes an element on 'shuffledFrames'");
        Assert.Contains(findings, f => f.Line == 5 && f.Construct.EndsWith("on 'table'", StringComparison.Ordinal));
    }

    [Fact]
    public void Reading_the_chapters_values_and_changing_the_learners_own_are_allowed()
    {
        // Reads of the chapter's values; changes to a copy and to the learner's own list.
        var findings = Screen("var counts = new List<int>();\nforeach (var replays in utilization.Values) counts.Add(replays.Count);\n"
            + "var copy = shippedTraces.ToList();\ncopy.Reverse();\n"
            + "var firstFit = utilization.ContainsKey(\"first-fit\") ? utilization[\"first-fit\"].Count : 0;\n"
            + "var keys = utilization.Keys.OrderBy(k => k).ToArray();\nSystem.Array.Reverse(keys);\nint total = shippedTraces.Count + counts.Sum();");
        Assert.Empty(findings.Select(f => f.ToString()));
    }
}
