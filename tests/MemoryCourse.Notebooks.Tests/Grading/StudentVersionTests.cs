using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class StudentVersionTests
{
    private static readonly Notebook Source = DibFormat.Parse("""
        #!csharp

        // exercise: twice
        int twice = 0;
        // BEGIN SOLUTION
        twice = 2 * 21;
        // END SOLUTION

        #!csharp

        // check: twice (2 points)
        Check.Equal(42, twice, "twice 21");
        // BEGIN HIDDEN CHECKS
        Check.True(twice % 2 == 0, "an even number");
        // END HIDDEN CHECKS

        #!markdown

        Untouched text.
        """, "source.dib");

    [Fact]
    public void Solutions_become_a_not_solved_placeholder_and_hidden_checks_disappear()
    {
        var result = StudentVersion.Make(Source);
        // The placeholder names the models' exception by its full name, so it must follow the type if it moves.
        Assert.Equal($"// exercise: twice\nint twice = 0;\n// BEGIN SOLUTION\nthrow new {typeof(MemoryCourse.Teaching.Checks.NotSolvedYetException).FullName}(\"twice\");\n// END SOLUTION",
            result.Student.Cells[0].Source);
        Assert.Equal("// check: twice (2 points)\nCheck.Equal(42, twice, \"twice 21\");", result.Student.Cells[1].Source);
        Assert.Equal(Source.Cells[2], result.Student.Cells[2]);
        Assert.Equal(["solution", "hidden-checks"], result.Removed.Select(r => r.Kind));
        Assert.Equal(Source.Cells[0].Source, result.Removed[0].OriginalSource);
    }

    [Fact]
    public void Markers_that_do_not_pair_up_are_reported_by_cell()
    {
        var broken = DibFormat.Parse("#!csharp\n\n// BEGIN SOLUTION\nvar x = 1;\n", "b.dib");
        Assert.Equal("cell 1: '// BEGIN SOLUTION' and '// END SOLUTION' do not pair up", ExerciseMarkers.Validate(broken).Single());
    }

    [Fact]
    public void Checks_are_read_with_their_names_and_points()
    {
        var check = ExerciseMarkers.Checks(Source).Single();
        Assert.Equal(("twice", 2.0, 1), (check.Name, check.Points, check.CellIndex));
        Assert.Equal("twice", ExerciseMarkers.Exercises(Source).Single().Name);
    }

    public static TheoryData<string> Chapters() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>()
            .Where(n => char.IsDigit(n[0])).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task The_student_version_reports_exactly_its_exercises_as_not_solved(string chapter)
    {
        string path = Path.Combine(RepoPaths.Notebooks, chapter);
        var source = DibFormat.Load(path);
        Assert.Empty(ExerciseMarkers.Validate(source));
        var exercises = ExerciseMarkers.Exercises(source);
        var checks = ExerciseMarkers.Checks(source);
        Assert.True(exercises.Count >= 3, $"{chapter} has {exercises.Count} exercises; every chapter needs at least three");
        Assert.True(checks.Count >= 3 && checks.All(c => source.Cells[c.CellIndex].Source.Contains(ExerciseMarkers.BeginHidden)),
            $"{chapter}: every check cell needs hidden checks");

        var student = StudentVersion.Make(source).Student;
        var run = await NotebookRunner.RunAsync(student, path, RunOptions.Default with { ContinueOnError = true });
        var failed = run.Cells.Where(c => c.Status == CellStatus.Failed).ToList();
        var allowed = exercises.Select(e => e.CellIndex + 1).Concat(checks.Select(c => c.CellIndex + 1)).ToHashSet();
        Assert.All(failed, c => Assert.True(allowed.Contains(c.Index), $"{chapter} student version: cell {c.Index} failed but is no exercise or check: {c.Failure!.Message}"));
        // Every check fails because its exercise is not solved, never for another reason.
        foreach (var check in checks)
        {
            var cell = run.Cells[check.CellIndex];
            Assert.Equal(CellStatus.Failed, cell.Status);
            Assert.True(cell.Failure!.Message.Contains("NotSolvedYetException") || cell.Failure.Message.Contains("CheckFailedException"),
                $"{chapter} check '{check.Name}' failed for another reason: {cell.Failure.Message}");
        }
    }
}
