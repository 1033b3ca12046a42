using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// The allow-list must not punish an honest learner who writes an answer differently from the worked one.
/// <c>AlternativeSolutions/</c> holds, for every exercise of every chapter, a second honest solution written
/// another way (other operators, loops instead of LINQ, expression bodies, other literals): each must pass the
/// screen and earn every point of its checks.
/// </summary>
public class AlternativeSolutionsTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "MemoryCourse.Notebooks.Tests", "Grading", "AlternativeSolutions");

    public static TheoryData<string> Chapters() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>()
            .Where(n => char.IsDigit(n[0])).Order(StringComparer.Ordinal));

    private static IReadOnlyDictionary<string, string> Alternatives(string chapter)
    {
        var file = NotebookFile.Load(Path.Combine(Folder, chapter));
        return ExerciseMarkers.Exercises(file).ToDictionary(e => e.Name, e => file.Elements[e.CellIndex].Contents);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_exercise_has_a_second_solution_written_differently_that_passes_the_screen(string chapter)
    {
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        var screen = new ExerciseScreen(source, RepoPaths.Notebooks, ExercisePolicy.ForChapter(Path.GetFileNameWithoutExtension(chapter)));
        var worked = ExerciseMarkers.SolutionCode(source);
        var alternatives = Alternatives(chapter);
        foreach (var exercise in ExerciseMarkers.Exercises(source))
        {
            Assert.True(alternatives.TryGetValue(exercise.Name, out var code), $"{chapter}: no second solution for '{exercise.Name}'");
            Assert.NotEqual(ExerciseMarkers.Normalize(worked[exercise.CellIndex]), ExerciseMarkers.Normalize(code));
            Assert.Empty(screen.Screen(exercise.CellIndex, code).Select(f => $"{exercise.Name}: {f}"));
        }
    }

    [KernelTheory]
    [MemberData(nameof(Chapters))]
    public async Task Every_second_solution_earns_every_point(string chapter)
    {
        string path = Path.Combine(RepoPaths.Notebooks, chapter);
        var source = NotebookFile.Load(path);
        var options = new GradeOptions(RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(120), MemoryLimitMiB = 2048, Parallelism = 1 });
        var prepared = await Grader.PrepareAsync(path, source, options);
        var alternatives = Alternatives(chapter);
        var student = StudentVersion.Make(source).Student;
        var names = ExerciseMarkers.Exercises(source).ToDictionary(e => e.CellIndex, e => e.Name);
        var cells = student.Elements.Select((cell, i) => names.TryGetValue(i, out var name)
            ? new InteractiveDocumentElement(alternatives[name], cell.KernelName) : new InteractiveDocumentElement(cell.Contents, cell.KernelName)).ToList();
        string folder = Directory.CreateTempSubdirectory("memcourse-alternatives-").FullName;
        try
        {
            string submission = Path.Combine(folder, "second-way.dib");
            NotebookFile.SaveDib(new InteractiveDocument(cells), submission);
            var grade = (await Grader.GradeAsync(prepared, [submission], options)).Single();
            var lost = grade.Rows.Where(r => r.Check != Grader.TotalRow && r.Earned < r.Possible).Select(r => $"{r.Check}: {r.Message}").ToList();
            Assert.True(lost.Count == 0, $"{chapter}: a second honest solution lost points:\n{string.Join("\n", lost)}");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
