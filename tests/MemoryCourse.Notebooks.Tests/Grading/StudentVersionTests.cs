using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class StudentVersionTests
{
    private static readonly Microsoft.DotNet.Interactive.Documents.InteractiveDocument Source = NotebookFile.Parse("""
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
            result.Student.Elements[0].Contents);
        Assert.StartsWith(StudentVersion.Placeholder, result.Student.Elements[0].Contents.Split('\n')[3]);
        Assert.Equal("// check: twice (2 points)\nCheck.Equal(42, twice, \"twice 21\");", result.Student.Elements[1].Contents);
        Assert.Equal(Source.Elements[2].Contents, result.Student.Elements[2].Contents);
        Assert.Equal(["solution", "hidden-checks"], result.Removed.Select(r => r.Kind));
        Assert.Equal(Source.Elements[0].Contents, result.Removed[0].OriginalSource);
    }

    [Fact]
    public void Markers_that_do_not_pair_up_are_reported_by_cell()
    {
        var broken = NotebookFile.Parse("#!csharp\n\n// BEGIN SOLUTION\nvar x = 1;\n", "b.dib");
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
    public void Every_chapter_makes_a_valid_student_version_that_keeps_every_other_cell(string chapter)
    {
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        Assert.Empty(ExerciseMarkers.Validate(source));
        Assert.Empty(Grader.SourceProblems(source, new Dictionary<string, string>()));
        var student = StudentVersion.Make(source).Student;
        var exercises = ExerciseMarkers.Exercises(source).Select(e => e.CellIndex).ToHashSet();
        var checks = ExerciseMarkers.Checks(source).Select(c => c.CellIndex).ToHashSet();
        Assert.NotEmpty(exercises);
        for (int i = 0; i < source.Elements.Count; i++)
        {
            if (exercises.Contains(i)) Assert.Contains(StudentVersion.Placeholder, student.Elements[i].Contents);
            else if (!checks.Contains(i)) Assert.Equal(source.Elements[i].Contents, student.Elements[i].Contents);
            Assert.DoesNotContain(ExerciseMarkers.BeginHidden, student.Elements[i].Contents);
        }
        Assert.Contains("student version", Grader.SourceProblems(student, new Dictionary<string, string>()).Single(p => p.Contains("student version")));
    }
}
