using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// A class of chapter 00 submissions graded end to end, as <c>memcourse grade</c> does: an honest one, an
/// untouched student version, and students who try to cheat or to break the grader. Chapter 00 has three
/// exercises (pages-in-32-bit 1 point, vpn-of-address 1, offset-of 2). Whatever a submission does, it
/// never scores above what its honest answers earn, the row says why, and no one else's grade moves.
/// </summary>
public class GraderTests : IClassFixture<GraderTests.Class>
{
    private const string Pages = "pages-in-32-bit", Vpn = "vpn-of-address", Offset = "offset-of";

    public sealed class Class : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("memcourse-class-").FullName;
        public string SourcePath { get; } = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");
        public InteractiveDocument Source { get; }
        public GradeOptions Options { get; }
        public Grader.Prepared Prepared { get; }
        public IReadOnlyDictionary<string, SubmissionGrade> Grades { get; }
        public IReadOnlyList<string> Paths { get; }

        public Class()
        {
            Source = NotebookFile.Load(SourcePath);
            Options = new GradeOptions(
                RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(20), MemoryLimitMiB = 1024, Parallelism = 2, OutputLimitBytes = 16 << 20 });
            // The honest answers are the chapter's worked solutions, from its Solutions section.
            var solutionCode = ExerciseMarkers.SolutionCode(Source);
            var solutions = ExerciseMarkers.Exercises(Source).ToDictionary(e => e.Name, e => solutionCode[e.CellIndex]);
            var starting = StudentVersion.Make(Source).Student;
            string pagesStart = starting.Elements[ExerciseMarkers.Exercises(Source).Single(e => e.Name == Pages).CellIndex].Contents;
            var paths = new List<string>
            {
                Submission("honest", solutions),
                Submission("unsolved", new Dictionary<string, string>()),
                // The starting code again, with other line endings and spaces: still not solved.
                Submission("reformatted", new(solutions) { [Pages] = "\n" + pagesStart.Replace("\n", "  \r\n\n    ") + "\n\n" }),
                Submission("missing", new(solutions), drop: Pages),
                Submission("shadow-check", new()
                {
                    [Offset] = "static class Check { public static void Equal<T>(T a, T b, string w) { } public static void True(bool c, string w) { } }\n" +
                        "ulong OffsetOf(ulong address, ulong pageSize) => 0;",
                }),
                Submission("forged-output", new()
                {
                    [Pages] = "long pagesIn32Bits = 0;\nConsole.WriteLine(\"Passed: the number of 4 KiB pages in a 32-bit address space\");",
                }),
                Submission("reads-the-source", new()
                {
                    [Pages] = "long pagesIn32Bits = System.IO.File.ReadAllText(\"../notebooks/00-start-here.dib\").Length;",
                }),
                Submission("exits", new() { [Vpn] = "ulong vpnOfStackAddress = 0;\nEnvironment.Exit(0);" }),
                Submission("endless-loop", new(solutions) { [Pages] = "long pagesIn32Bits = 0;\nwhile (true) { pagesIn32Bits++; }" }),
                Submission("memory-bomb", new(solutions) { [Vpn] = "ulong vpnOfStackAddress = 0;\nvar hoard = new List<byte[]>();\n" +
                    "while (true) { var b = new byte[16 << 20]; Array.Fill(b, (byte)1); hoard.Add(b); }" }),
                Submission("stack-overflow", new(solutions) { [Offset] = "ulong OffsetOf(ulong address, ulong pageSize) => OffsetOf(address, pageSize) + 1;" }),
                Submission("edited-check", solutions, editCheck: Vpn),
                // Answers the visible check's input and throws the inputs of any other back: they must not reach the feedback.
                Submission("throws-the-inputs", new(solutions)
                {
                    [Offset] = "ulong OffsetOf(ulong address, ulong pageSize) => address == 0x7FFF_F123 && pageSize == 4096 ? 0x123UL : " +
                        "throw new ArgumentException($\"leaked {address:X} {pageSize}\");",
                }),
                Submission("flood", new() { [Pages] = "long pagesIn32Bits = 0;\nfor (int i = 0; i < 64; i++) Console.Write(new string('x', 1 << 20));" }),
                WrongChapter("wrong-chapter"),
            };
            foreach (var (name, _, code) in Attacks) paths.Add(Submission(name, new() { [Pages] = code }));
            Paths = paths;
            Prepared = Grader.PrepareAsync(SourcePath, Source, Options).GetAwaiter().GetResult();
            Grades = Grader.GradeAsync(Prepared, paths, Options).GetAwaiter().GetResult().ToDictionary(g => g.Student);
        }

        // The student version with some exercise cells replaced, as a student hands it back.
        private string Submission(string student, Dictionary<string, string> answers, string? editCheck = null, string? drop = null)
        {
            var student_ = StudentVersion.Make(Source).Student;
            var byCell = ExerciseMarkers.Exercises(Source).ToDictionary(e => e.CellIndex, e => e.Name);
            var checks = ExerciseMarkers.Checks(Source).ToDictionary(c => c.CellIndex, c => c.Name);
            var cells = student_.Elements.Select((cell, i) =>
                byCell.TryGetValue(i, out var name) && answers.TryGetValue(name, out var code)
                    ? new InteractiveDocumentElement($"// exercise: {name}\n{StripMarker(code)}", cell.KernelName)
                : checks.TryGetValue(i, out var check) && check == editCheck
                    ? new InteractiveDocumentElement($"// check: {check} (1 point)\nCheck.True(true, \"nothing\");", cell.KernelName)
                : new InteractiveDocumentElement(cell.Contents, cell.KernelName)).ToList();
            if (drop is not null) cells.RemoveAt(ExerciseMarkers.Exercises(Source).Single(e => e.Name == drop).CellIndex);
            // A name ending in .ipynb is handed back as a Jupyter notebook, as VS Code can save it.
            string path = Path.Combine(Folder, student.EndsWith(".ipynb", StringComparison.Ordinal) ? student : student + ".dib");
            if (path.EndsWith(".ipynb", StringComparison.Ordinal)) NotebookFile.SaveIpynb(new InteractiveDocument(cells), path);
            else NotebookFile.SaveDib(new InteractiveDocument(cells), path);
            return path;
        }

        private static string StripMarker(string code) =>
            string.Join("\n", code.Replace("\r\n", "\n").Split('\n').Where(l => !l.TrimStart().StartsWith("// exercise:", StringComparison.Ordinal)));

        private string WrongChapter(string student)
        {
            var other = StudentVersion.Make(NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, "07-virtual-memory-and-paging.dib"))).Student;
            string path = Path.Combine(Folder, student + ".dib");
            NotebookFile.SaveDib(other, path);
            return path;
        }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Attacks that solve nothing, each in the first exercise's cell: the name, what its row must name, the code.
    /// The screen refuses them before anything runs, so they cost one shared run of the student version.
    /// </summary>
    public static readonly (string Name, string Named, string Code)[] Attacks =
    [
        ("reads-proc", "System.IO.File", "long pagesIn32Bits = System.IO.File.ReadAllText(\"/proc/self/cmdline\").Length;"),
        ("lists-other-submissions", "System.IO.Directory", "long pagesIn32Bits = System.IO.Directory.GetFiles(\"..\").Length;"),
        ("writes-outside", "System.IO.File", "long pagesIn32Bits = 0;\nSystem.IO.File.WriteAllText(\"/tmp/verdict\", \"4/4\");"),
        ("forges-stderr", "System.Console.Error", "long pagesIn32Bits = 0;\nConsole.Error.WriteLine(\"Passed: everything\");"),
        ("raw-stdout", "System.Console.OpenStandardOutput", "long pagesIn32Bits = 0;\nConsole.OpenStandardOutput().WriteByte(65);"),
        ("exit-code", "System.Environment", "long pagesIn32Bits = 0;\nEnvironment.ExitCode = 0;"),
        ("reflection", "reflection", "long pagesIn32Bits = typeof(object).Assembly.GetTypes().Length;"),
        ("starts-a-process", "System.Diagnostics.Process", "long pagesIn32Bits = 0;\nSystem.Diagnostics.Process.Start(\"sh\", \"-c 'echo 4'\");"),
        ("opens-a-socket", "System.Net.Sockets", "long pagesIn32Bits = 0;\nnew System.Net.Sockets.TcpClient(\"10.0.0.1\", 80);"),
        ("thread-outlives-its-cell", "System.Threading.Thread",
            "long pagesIn32Bits = 0;\nnew System.Threading.Thread(() => { while (true) pagesIn32Bits = 1L << 20; }).Start();"),
        ("timer", "System.Threading.Timer", "long pagesIn32Bits = 0;\nvar t = new System.Threading.Timer(_ => pagesIn32Bits = 1L << 20, null, 0, 1);"),
        // The visible check's own model call, copied: the worked solution of this exercise uses no model.
        ("copies-the-check", "AddressSpaceGeometry", "long pagesIn32Bits = (long)new AddressSpaceGeometry(32, 4096, 4).Pages;"),
        // Expression trees reach any member by its name as a string; System.Linq is allowed, its Expressions are not.
        ("expression-tree", "expression trees",
            "long pagesIn32Bits = 0;\nSystem.Linq.Expressions.Expression<Func<object>> current = () => null;\n" +
            "var kernel = System.Linq.Expressions.Expression.Property(null, \"Microsoft.DotNet.Interactive.Kernel\".GetType(), \"Current\");"),
        ("queryable", "System.Linq.Queryable", "long pagesIn32Bits = new[] { 1L << 20 }.AsQueryable().First();"),
        ("dynamic", "dynamic", "dynamic d = 1L << 20;\nlong pagesIn32Bits = d;"),
        ("gets-a-type", "reflection", "long pagesIn32Bits = \"x\".GetType().Name.Length;"),
        ("kernel-middleware", "the notebook kernel", "long pagesIn32Bits = 0;\nMicrosoft.DotNet.Interactive.Kernel.Root.AddMiddleware((c, x, n) => n(c, x));"),
        ("calls-a-check", "the checks themselves", "long pagesIn32Bits = 0;\nMemoryCourse.Teaching.Checks.Check.Equal(1, 1, \"x\");"),
        // Other kernels: directly (in an .ipynb cell; in a .dib a #!fsharp line starts a cell of its own, which is
        // not an exercise and never runs), and behind a character the kernel breaks lines at and C# does not.
        ("ipynb-fsharp-cell.ipynb", "another kernel", "long pagesIn32Bits = 0;\n#!fsharp\nlet pagesIn32Bits = 1L <<< 20"),
        ("ipynb-pwsh-cell.ipynb", "another kernel", "long pagesIn32Bits = 0;\n#!pwsh\nGet-ChildItem /"),
        ("cr-fsharp", "U+000D", "long pagesIn32Bits = 0; // done\r#!fsharp\nlet x = 1"),
        ("vt-fsharp", "U+000B", "long pagesIn32Bits = 0; // done\v#!fsharp\nlet x = 1"),
        ("ff-pwsh", "U+000C", "long pagesIn32Bits = 0; // done\f#!pwsh\nGet-ChildItem /"),
        ("nel-pwsh", "U+0085", "long pagesIn32Bits = 0; // done\u0085#!pwsh\nGet-ChildItem /"),
        ("ls-fsharp", "U+2028", "long pagesIn32Bits = 0; // done\u2028#!fsharp\nlet x = 1"),
        ("ps-fsharp", "U+2029", "long pagesIn32Bits = 0; // done\u2029#!fsharp\nlet x = 1"),
        ("ipynb-vt-fsharp.ipynb", "U+000B", "long pagesIn32Bits = 0; // done\v#!fsharp\nlet x = 1"),
        ("ipynb-cr-pwsh.ipynb", "U+000D", "long pagesIn32Bits = 0; // done\r#!pwsh\nGet-ChildItem /"),
    ];

    public static TheoryData<string> AttackNames() => new(Attacks.Select(a => a.Name));

    [KernelTheory]
    [MemberData(nameof(AttackNames))]
    public void An_attack_scores_no_more_than_the_untouched_student_version_and_its_row_names_it(string attack)
    {
        var (_, named, _) = Attacks.Single(a => a.Name == attack);
        string student = attack.Replace(".ipynb", "");
        Assert.Equal(Total("unsolved"), Total(student));
        var row = Row(student, Pages);
        if (row.Message.StartsWith("not graded", StringComparison.Ordinal))
        {
            // The .dib reader refused the whole file first (a control character the kernel would split a cell at):
            // the TOTAL row says so, naming the character.
            string total = Row(student, Grader.TotalRow).Message;
            Assert.Contains("control character", total);
            Assert.Contains($"\\x{Convert.ToInt32(named[2..], 16):x2}", total);
            return;
        }
        Assert.Contains("refused before running", row.Message);
        Assert.Contains(named, row.Message);
    }

    [KernelFact]
    public void A_hidden_check_that_throws_says_so_and_its_type_never_its_message_or_inputs()
    {
        var row = Row("throws-the-inputs", Offset);
        Assert.Equal(0, row.Earned);
        Assert.Contains("a hidden check failed (ArgumentException)", row.Message);
        Assert.DoesNotContain("leaked", row.Message);
        Assert.DoesNotContain("DEADBEEF", row.Message);
        string feedback = string.Join("\n", _class.Grades["throws-the-inputs"].Rows.Select(r => r.Message + r.Hint));
        Assert.DoesNotContain("leaked", feedback);
    }

    [KernelFact]
    public void Flooding_the_output_stops_that_exercise_and_names_the_limit()
    {
        Assert.Equal(0, Total("flood"));
        Assert.Matches("output", Row("flood", Pages).Message);
    }

    private readonly Class _class;

    public GraderTests(Class c) => _class = c;

    private GradeRow Row(string student, string check) => _class.Grades[student].Rows.Single(r => r.Check == check);

    private double Total(string student) => _class.Grades[student].Earned;

    [KernelFact]
    public void An_honest_submission_earns_every_point()
    {
        Assert.Equal(4, Total("honest"));
        Assert.All(_class.Grades["honest"].Rows.Where(r => r.Check != Grader.TotalRow), r => Assert.Equal("passed", r.Message));
    }

    [KernelFact]
    public void The_untouched_student_version_earns_nothing_and_is_told_so()
    {
        Assert.Equal(0, Total("unsolved"));
        Assert.All(_class.Grades["unsolved"].Rows.Where(r => r.Check != Grader.TotalRow), r => Assert.Equal("not solved yet", r.Message));
    }

    [KernelFact]
    public void An_exercise_left_as_its_starting_code_is_not_solved_yet_whatever_its_spacing()
    {
        Assert.Equal(3, Total("reformatted"));
        Assert.Equal("not solved yet", Row("reformatted", Pages).Message);
        Assert.NotNull(Row("reformatted", Pages).Hint);
        Assert.Equal("passed", Row("reformatted", Vpn).Message);
    }

    [KernelFact]
    public void A_missing_exercise_runs_as_its_starting_code_and_the_others_still_count()
    {
        Assert.Equal(3, Total("missing"));
        Assert.Contains("missing from the submission", Row("missing", Pages).Message);
        Assert.Equal("passed", Row("missing", Offset).Message);
    }

    [KernelFact]
    public void A_submission_that_declares_its_own_Check_is_refused_with_its_line()
    {
        Assert.Equal(0, Total("shadow-check"));
        Assert.Matches(@"refused before running: line 2 of the cell \(line \d+ of your file\)",
            Row("shadow-check", Offset).Message); // line 1 is the exercise marker
        Assert.Contains("declares a type", Row("shadow-check", Offset).Message);
    }

    [KernelFact]
    public void Printing_a_pass_line_earns_nothing()
    {
        Assert.Equal(0, Total("forged-output"));
        Assert.DoesNotContain("passed", Row("forged-output", Pages).Message);
    }

    [KernelFact]
    public void Reading_the_instructors_notebook_is_refused_before_it_runs()
    {
        Assert.Equal(0, Total("reads-the-source"));
        Assert.Contains("System.IO.File", Row("reads-the-source", Pages).Message);
    }

    [KernelFact]
    public void Ending_the_process_is_refused_before_it_runs()
    {
        Assert.Equal(0, Total("exits"));
        Assert.Contains("System.Environment", Row("exits", Vpn).Message);
    }

    [KernelFact]
    public void An_endless_loop_costs_only_its_own_exercise()
    {
        Assert.Equal(3, Total("endless-loop"));
        Assert.Matches("time limit|timed out|Timeout", Row("endless-loop", Pages).Message);
    }

    [KernelFact]
    public void A_memory_bomb_costs_only_its_own_exercise()
    {
        Assert.Equal(3, Total("memory-bomb"));
        Assert.Matches("memory|Memory", Row("memory-bomb", Vpn).Message);
    }

    [KernelFact]
    public void A_stack_overflow_costs_only_the_check_that_ran_into_it()
    {
        Assert.Equal(2, Total("stack-overflow"));
        Assert.Matches("stack overflow|StackOverflow", Row("stack-overflow", Offset).Message);
    }

    [KernelFact]
    public void An_edited_check_is_graded_by_the_original_and_noted_on_its_own_row_only()
    {
        Assert.Equal(4, Total("edited-check"));
        Assert.Contains("edited", Row("edited-check", Vpn).Message);
        Assert.DoesNotContain("edited", Row("edited-check", Pages).Message);
        Assert.DoesNotContain("edited", Row("edited-check", Offset).Message);
    }

    [KernelFact]
    public void Another_chapter_is_reported_once_as_another_chapter()
    {
        var rows = _class.Grades["wrong-chapter"].Rows;
        Assert.Equal(0, _class.Grades["wrong-chapter"].Earned);
        Assert.Single(rows, r => r.Message.Contains("not of", StringComparison.Ordinal));
        Assert.Contains("Virtual memory", rows.Single(r => r.Message.Contains("not of", StringComparison.Ordinal)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [KernelFact]
    public void No_submission_scores_above_its_honest_answers()
    {
        var honestPoints = new Dictionary<string, double>
        {
            ["shadow-check"] = 0, ["forged-output"] = 0, ["reads-the-source"] = 0, ["exits"] = 0,
            ["endless-loop"] = 3, ["memory-bomb"] = 3, ["stack-overflow"] = 2, ["wrong-chapter"] = 0, ["throws-the-inputs"] = 2,
        };
        foreach (var (student, most) in honestPoints) Assert.True(Total(student) <= most, $"{student} scored {Total(student)}, more than its honest {most}");
    }

    [KernelFact]
    public async Task Grading_again_in_two_shards_and_merging_gives_the_same_gradebook_byte_for_byte()
    {
        // The cheap submissions (no time limit to wait for), graded again as two slices on "two machines".
        var some = _class.Paths
            .Where(p => Path.GetFileNameWithoutExtension(p) is "honest" or "unsolved" or "forged-output" or "edited-check" or "wrong-chapter").ToList();
        string dir = Directory.CreateTempSubdirectory("memcourse-shards-").FullName;
        try
        {
            var parts = new List<string>();
            for (int k = 1; k <= 2; k++)
            {
                var options = _class.Options with { Shard = (k, 2) };
                var grades = await Grader.GradeAsync(_class.Prepared, some, options);
                string part = Path.Combine(dir, $"part-{k}.json");
                File.WriteAllText(part,
                    Gradebook.ToPartial(_class.SourcePath, k, 2, grades, Grader.StudentNames(_class.SourcePath, some), _class.Prepared.Title));
                parts.Add(part);
            }
            var merged = Gradebook.MergeParts(parts);
            var single = _class.Grades.Values.Where(g => some.Contains(g.Path)).OrderBy(g => g.Student, StringComparer.Ordinal).ToList();
            Assert.Equal(Gradebook.ToCsv(single), Gradebook.ToCsv(merged.Grades));
            // The feedback handed back after a merge reads exactly as a single run's, chapter title included.
            Assert.Equal(_class.Prepared.Title, merged.Title);
            Assert.Equal(single.Select(g => Gradebook.Feedback(g, _class.Prepared.Title)), merged.Grades.Select(g => Gradebook.Feedback(g, merged.Title!)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [KernelFact]
    public void Every_student_gets_a_feedback_file_naming_each_exercise_and_its_points()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-feedback-").FullName;
        try
        {
            var written = Gradebook.WriteFeedback(_class.Grades.Values.OrderBy(g => g.Student, StringComparer.Ordinal).ToList(), _class.Prepared.Title, dir);
            Assert.Equal(_class.Grades.Count, written.Count);
            string text = File.ReadAllText(Path.Combine(dir, "endless-loop.md"));
            Assert.Contains(Pages, text);
            Assert.Contains("**3 of 4 points.**", text);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_student_version_given_as_the_source_is_refused()
    {
        var student = StudentVersion.Make(NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, "00-start-here.dib"))).Student;
        Assert.Contains(Grader.SourceProblems(student, new Dictionary<string, string>()), p => p.Contains("student version") && p.Contains("'## Solutions'"));
    }
}
