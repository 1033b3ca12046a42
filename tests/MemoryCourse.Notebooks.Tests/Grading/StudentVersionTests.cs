using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class StudentVersionTests
{
    private static readonly Microsoft.DotNet.Interactive.Documents.InteractiveDocument Source = NotebookFile.Parse("""
        #!csharp

        // exercise: twice
        int twice = 0;
        // your answer here

        #!csharp

        // check: twice (2 points)
        Check.Equal(42, twice, "twice 21", "double it");
        // BEGIN HIDDEN CHECKS
        Check.True(twice % 2 == 0, "an even number", "twice anything is even");
        // END HIDDEN CHECKS

        #!markdown

        Untouched text.

        #!markdown

        ## Solutions

        Try first.

        #!csharp

        // solution: twice
        int twice = 0;
        twice = 2 * 21;
        """, "source.dib");

    [Fact]
    public void The_student_version_is_the_body_without_solutions_and_hidden_checks()
    {
        var result = StudentVersion.Make(Source);
        Assert.Equal(3, result.Student.Elements.Count);
        Assert.Equal(Source.Elements[0].Contents, result.Student.Elements[0].Contents);
        Assert.Equal("// check: twice (2 points)\nCheck.Equal(42, twice, \"twice 21\", \"double it\");", result.Student.Elements[1].Contents);
        Assert.Equal(Source.Elements[2].Contents, result.Student.Elements[2].Contents);
        Assert.Equal(["hidden-checks", "solutions", "solutions"], result.Removed.Select(r => r.Kind));
        Assert.Equal(("twice", Source.Elements[4].Contents), (result.Removed[2].Name, result.Removed[2].OriginalSource));
    }

    [Fact]
    public void The_reference_is_the_body_with_each_solution_in_its_exercise_cell()
    {
        var solved = ExerciseMarkers.Solved(Source);
        Assert.Equal(3, solved.Elements.Count);
        Assert.Equal("// exercise: twice\nint twice = 0;\ntwice = 2 * 21;", solved.Elements[0].Contents);
        Assert.Equal(Source.Elements[1].Contents, solved.Elements[1].Contents);
    }

    [Fact]
    public void Markers_that_do_not_pair_up_are_reported_by_cell()
    {
        var broken = NotebookFile.Parse("#!csharp\n\n// check: x (1 point)\n// BEGIN HIDDEN CHECKS\nCheck.True(true, \"x\");\n", "b.dib");
        Assert.Equal("cell 1: '// BEGIN HIDDEN CHECKS' and '// END HIDDEN CHECKS' do not pair up", ExerciseMarkers.Validate(broken).Single());
    }

    [Fact]
    public void An_exercise_without_a_solution_and_a_solution_in_the_body_are_reported()
    {
        var broken = NotebookFile.Parse("""
            #!csharp

            // solution: early
            int early = 1;

            #!csharp

            // exercise: lonely
            int lonely = 0;

            #!markdown

            ## Solutions
            """, "b.dib");
        var problems = ExerciseMarkers.Validate(broken);
        Assert.Contains(problems, p => p.StartsWith("cell 1: a solution cell must come after the '## Solutions' heading"));
        Assert.Contains("exercise 'lonely' (cell 2) has no solution cell ('// solution: lonely') in the Solutions section", problems);
        Assert.Contains(Grader.SourceProblems(broken, new Dictionary<string, string>()), p => p.Contains("'lonely' (cell 2) has no solution cell"));
    }

    [Fact]
    public void Checks_are_read_with_their_names_and_points()
    {
        var check = ExerciseMarkers.Checks(Source).Single();
        Assert.Equal(("twice", 2.0, 1), (check.Name, check.Points, check.CellIndex));
        Assert.Equal("twice", ExerciseMarkers.Exercises(Source).Single().Name);
        Assert.Equal(("twice", 4), (ExerciseMarkers.Solutions(Source).Single().Name, ExerciseMarkers.Solutions(Source).Single().CellIndex));
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
        var checks = ExerciseMarkers.Checks(source).Select(c => c.CellIndex).ToHashSet();
        Assert.NotEmpty(ExerciseMarkers.Exercises(source));
        Assert.Equal(ExerciseMarkers.SolutionsStart(source), student.Elements.Count);
        for (int i = 0; i < student.Elements.Count; i++)
        {
            if (!checks.Contains(i)) Assert.Equal(source.Elements[i].Contents, student.Elements[i].Contents);
            Assert.DoesNotContain(ExerciseMarkers.BeginHidden, student.Elements[i].Contents);
            Assert.DoesNotContain("// solution:", student.Elements[i].Contents);
        }
        Assert.Contains("has no '## Solutions' section",
            Grader.SourceProblems(student, new Dictionary<string, string>()).Single(p => p.Contains("student version")));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void No_chapter_shows_a_solution_before_its_Solutions_section(string chapter)
    {
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        var body = ExerciseMarkers.Body(source);
        var solutions = ExerciseMarkers.SolutionCode(source);
        Assert.Equal(ExerciseMarkers.Exercises(source).Count, solutions.Count);
        foreach (var exercise in ExerciseMarkers.Exercises(source))
        {
            string start = ExerciseMarkers.Normalize(body.Elements[exercise.CellIndex].Contents);
            Assert.Contains("// your answer here", start);
            Assert.NotEqual(ExerciseMarkers.Normalize(solutions[exercise.CellIndex]), start);
            // No line of the worked answer that the starting code lacks appears anywhere in the body.
            var answerLines = ExerciseMarkers.Normalize(solutions[exercise.CellIndex]).Split('\n').Select(l => l.Trim())
                .Where(l => l.Length > 12 && !start.Contains(l, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(answerLines);
            foreach (var cell in body.Elements)
                foreach (var line in answerLines)
                    Assert.False(cell.Contents.Contains(line, StringComparison.Ordinal),
                        $"{chapter}: the answer line '{line}' of '{exercise.Name}' is in the body");
        }
    }
}
