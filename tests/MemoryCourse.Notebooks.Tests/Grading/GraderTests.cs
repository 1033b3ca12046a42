using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// Grades a class of made-up submissions of chapter 00 — correct, partly wrong, and hostile — in one run,
/// and checks every student gets the rows they deserve, with the reason.
/// </summary>
public class GraderTests : IClassFixture<GraderTests.ClassOf00>
{
    public sealed class ClassOf00 : IDisposable
    {
        public string SourcePath { get; } = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");
        public string Dir { get; } = Directory.CreateTempSubdirectory("memcourse-grade-").FullName;
        public IReadOnlyDictionary<string, SubmissionGrade> ByStudent { get; }
        public string Csv { get; }

        public ClassOf00()
        {
            var source = DibFormat.Load(SourcePath);
            var student = StudentVersion.Make(source).Student;
            Notebook With(params (string Exercise, string Code)[] answers)
            {
                var exercises = ExerciseMarkers.Exercises(student);
                var cells = student.Cells.ToList();
                foreach (var (name, code) in answers)
                {
                    var e = exercises.Single(x => x.Name == name);
                    cells[e.CellIndex] = cells[e.CellIndex] with { Source = code };
                }
                return student with { Cells = cells };
            }
            const string Pages = "// exercise: pages-in-32-bit\nlong pagesIn32Bits = 1L << 20;";
            const string Vpn = "// exercise: vpn-of-address\nulong vpnOfStackAddress = 0x7FFFF;";
            const string Offset = "// exercise: offset-of\nulong OffsetOf(ulong address, ulong pageSize) => address % pageSize;";
            var submissions = new Dictionary<string, string>
            {
                ["alice"] = DibFormat.Write(With(("pages-in-32-bit", Pages), ("vpn-of-address", Vpn), ("offset-of", Offset))),
                ["bob"] = DibFormat.Write(With(("pages-in-32-bit", Pages), ("vpn-of-address", "// exercise: vpn-of-address\nulong vpnOfStackAddress = 0x7FFF;"))),
                ["carol-loops"] = DibFormat.Write(With(("pages-in-32-bit", "// exercise: pages-in-32-bit\nlong pagesIn32Bits = 0;\nwhile (true) { pagesIn32Bits++; }"), ("offset-of", Offset))),
                ["dave-bomb"] = DibFormat.Write(With(("vpn-of-address", "// exercise: vpn-of-address\nulong vpnOfStackAddress = 0;\nvar hoard = new List<byte[]>();\nwhile (true) hoard.Add(new byte[32 << 20]);"))),
                ["erin-overflow"] = DibFormat.Write(With(("offset-of", "// exercise: offset-of\nulong OffsetOf(ulong address, ulong pageSize) => OffsetOf(address + 1, pageSize);"))),
                ["frank-exit"] = DibFormat.Write(With(("pages-in-32-bit", Pages), ("vpn-of-address", "// exercise: vpn-of-address\nulong vpnOfStackAddress = 0;\nEnvironment.Exit(0);"))),
                ["grace-compile"] = DibFormat.Write(With(("pages-in-32-bit", "// exercise: pages-in-32-bit\nlong pagesIn32Bits = ;"), ("offset-of", Offset))),
                ["heidi-edits-checks"] = DibFormat.Write(With(("offset-of", "// exercise: offset-of\nulong OffsetOf(ulong address, ulong pageSize) => 0x123;")) is var h
                    ? h with { Cells = h.Cells.Select(c => ExerciseMarkers.AsCheck(c, 0)?.Name == "offset-of" ? c with { Source = "// check: offset-of (2 points)\n// trust me" } : c)
                                              .Where(c => ExerciseMarkers.AsCheck(c, 0)?.Name != "vpn-of-address").ToList() }
                    : null!),
            };
            foreach (var (name, text) in submissions) File.WriteAllText(Path.Combine(Dir, name + ".dib"), text);
            File.WriteAllBytes(Path.Combine(Dir, "ivan-binary.dib"), [0xff, 0x00, 0xfe, 0x81]);
            File.WriteAllText(Path.Combine(Dir, "judy-other-chapter.dib"), "#!markdown\n\n# Another chapter\n\n#!csharp\n\nvar x = 1;\n");

            var options = RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(20), MemoryLimitMiB = 512 };
            var grades = Grader.GradeAsync(SourcePath, source, Directory.GetFiles(Dir).Order().ToList(), options).GetAwaiter().GetResult();
            ByStudent = grades.ToDictionary(g => g.Student);
            Csv = Gradebook.ToCsv(grades);
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private readonly ClassOf00 _class;

    public GraderTests(ClassOf00 c) => _class = c;

    private GradeRow Row(string student, string check) => _class.ByStudent[student].Rows.Single(r => r.Check == check);

    [Fact]
    public void Every_submission_gets_a_row_per_check_and_a_total()
    {
        Assert.Equal(10, _class.ByStudent.Count);
        Assert.All(_class.ByStudent.Values, g => Assert.Equal(["pages-in-32-bit", "vpn-of-address", "offset-of", Grader.TotalRow], g.Rows.Select(r => r.Check)));
        Assert.Equal(41, _class.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 10 x 4
    }

    [Fact]
    public void A_correct_submission_earns_every_point_including_hidden_checks()
    {
        Assert.Equal((4.0, 4.0), (_class.ByStudent["alice"].Earned, _class.ByStudent["alice"].Possible));
        Assert.Equal("passed", Row("alice", "offset-of").Message);
    }

    [Fact]
    public void A_wrong_answer_loses_only_its_check_with_the_check_message()
    {
        Assert.Equal(1, Row("bob", "pages-in-32-bit").Earned);
        Assert.Equal(0, Row("bob", "vpn-of-address").Earned);
        Assert.Contains("expected 524287, but got 32767", Row("bob", "vpn-of-address").Message);
        Assert.Equal("not solved yet", Row("bob", "offset-of").Message);
    }

    [Fact]
    public void An_endless_loop_is_graded_zero_from_its_cell_on_with_the_reason()
    {
        Assert.Equal(0, _class.ByStudent["carol-loops"].Earned);
        Assert.Contains("Timeout", Row("carol-loops", "pages-in-32-bit").Message);
        Assert.Contains("not run: the submission's process was stopped in cell", Row("carol-loops", "offset-of").Message);
    }

    [Fact]
    public void A_memory_bomb_a_stack_overflow_and_an_exit_are_graded_with_their_reasons()
    {
        Assert.Contains("OutOfMemory", Row("dave-bomb", "vpn-of-address").Message);
        Assert.Contains("StackOverflow", Row("erin-overflow", "offset-of").Message);
        Assert.Equal(1, Row("frank-exit", "pages-in-32-bit").Earned);
        Assert.Contains("Environment.Exit(0)", Row("frank-exit", "vpn-of-address").Message);
    }

    [Fact]
    public void A_compile_error_costs_only_the_checks_that_need_that_exercise()
    {
        Assert.Equal(0, Row("grace-compile", "pages-in-32-bit").Earned);
        Assert.Equal(2, Row("grace-compile", "offset-of").Earned);
    }

    [Fact]
    public void Deleted_or_edited_check_cells_are_graded_with_the_originals_and_noted()
    {
        var offset = Row("heidi-edits-checks", "offset-of");
        Assert.Equal(0, offset.Earned); // the original hidden checks catch the hard-coded answer
        Assert.Contains("check cell 'offset-of' was edited; graded with the original", offset.Message);
        Assert.Contains("check cell 'vpn-of-address' was deleted or renamed", Row("heidi-edits-checks", Grader.TotalRow).Message);
    }

    [Fact]
    public void Files_that_are_not_this_chapter_get_zero_rows_that_say_why()
    {
        Assert.Contains("submission could not be read", Row("ivan-binary", "offset-of").Message);
        Assert.Contains("another chapter?", Row("judy-other-chapter", Grader.TotalRow).Message);
        Assert.Equal(0, _class.ByStudent["judy-other-chapter"].Earned);
    }

    [Fact]
    public async Task Grading_again_gives_the_same_gradebook()
    {
        var source = DibFormat.Load(_class.SourcePath);
        var files = new[] { "alice", "bob", "grace-compile", "ivan-binary" }.Select(n => Path.Combine(_class.Dir, n + ".dib")).ToList();
        var again = await Grader.GradeAsync(_class.SourcePath, source, files, RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(20) });
        var expected = _class.Csv.Split('\n').Where(l => files.Any(f => l.StartsWith(Path.GetFileNameWithoutExtension(f) + ",", StringComparison.Ordinal)));
        Assert.Equal(expected, Gradebook.ToCsv(again).Split('\n').Skip(1).Where(l => l.Length > 0));
    }
}
