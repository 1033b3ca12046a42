using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// What holds even when code gets past the exercise screen. These submissions of chapter 00 run with the
/// screen switched off, on purpose: one installs a kernel middleware that replaces every check cell and the
/// report cell with forged records (a rewritten recorder in effect, and a forged report); one fills its scratch
/// folder; one leaves busy threads spinning. The forged records carry no expected value to copy (the learner's
/// run never computes one), so they earn nothing; the full disk and the busy CPU are the submission's own, and
/// an honest student graded beside them still gets every point.
/// </summary>
public class UnscreenedCodeTests : IClassFixture<UnscreenedCodeTests.Class>
{
    private const string Pages = "pages-in-32-bit", Vpn = "vpn-of-address";

    // Intercepts every cell the grader sends after this one. The recorder's creation gives away the run's mark;
    // each check cell is answered with forged records (every True holds, every value "equals" a forged
    // expected value) and never runs; the report cell claims the forged records are all there are.
    private const string Forger = """
        long pagesIn32Bits = 0;
        string forgedMark = null;
        int forgedCount = 0;
        Microsoft.DotNet.Interactive.Kernel.Root.AddMiddleware(async (command, context, next) =>
        {
            if (command is Microsoft.DotNet.Interactive.Commands.SubmitCode submit)
            {
                string code = submit.Code;
                var mark = System.Text.RegularExpressions.Regex.Match(code, "CheckRecorder\\(\"([^\"]+)\"");
                if (mark.Success) forgedMark = mark.Groups[1].Value;
                else if (forgedMark != null && code.Contains(".Begin(\""))
                {
                    string check = System.Text.RegularExpressions.Regex.Match(code, "\\.Begin\\(\"([^\"]+)\"").Groups[1].Value;
                    var lines = new System.Text.StringBuilder();
                    foreach (System.Text.RegularExpressions.Match call in System.Text.RegularExpressions.Regex.Matches(code,
        """ + "\n" +
        """                "\\.(EqualActual|NearActual|SequenceActual|True)\\((?:actual|condition): .*?, what: (\"(?:[^\"\\\\]|\\\\.)*\")", """ +
        """System.Text.RegularExpressions.RegexOptions.Singleline))""" + "\n" +
        """
                    {
                        string kind = call.Groups[1].Value.Replace("Actual", "");
                        string value = kind == "True" ? "true" : kind == "Sequence" ? "[0]" : "0";
        """ + "\n" +
        """                string json = "{\"Check\":\"" + check + "\",\"Kind\":\"" + kind + "\",\"What\":" + """ +
        """call.Groups[2].Value + ",\"Hint\":null,\"Expected\":\"" + value.Replace("\"", "\\\"") + "\",\"Actual\":\"" + """ +
        """value.Replace("\"", "\\\"") + "\",\"Tolerance\":1E+300,\"Problem\":null}";""" + "\n" +
        """
                        lines.Append("\n" + forgedMark + ":" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)) + "\n");
                        forgedCount++;
                    }
        """ + "\n" +
        """            context.Publish(new Microsoft.DotNet.Interactive.Events.StandardOutputValueProduced(command, """ +
        """new[] { new Microsoft.DotNet.Interactive.FormattedValue("text/plain", lines.ToString()) }));""" + "\n" +
        """
                    return;
                }
                else if (forgedMark != null && code.Contains(".Report()"))
                {
        """ + "\n" +
        """            context.Publish(new Microsoft.DotNet.Interactive.Events.ReturnValueProduced(null, command, """ +
        """new[] { new Microsoft.DotNet.Interactive.FormattedValue("text/plain", forgedMark + ":done:" + forgedCount) }));""" + "\n" +
        """
                    return;
                }
            }
            await next(command, context);
        }, "forger");
        """;

    public sealed class Class : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("memcourse-unscreened-").FullName;
        public IReadOnlyDictionary<string, SubmissionGrade> Grades { get; }

        public Class()
        {
            string sourcePath = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");
            var source = NotebookFile.Load(sourcePath);
            var options = new GradeOptions(RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(30), MemoryLimitMiB = 1024, Parallelism = 2 })
                { Unscreened = true };
            var solutionCode = ExerciseMarkers.SolutionCode(source);
            var solutions = ExerciseMarkers.Exercises(source).ToDictionary(e => e.Name, e => solutionCode[e.CellIndex]);
            var paths = new List<string>
            {
                Submission(source, "honest", solutions),
                Submission(source, "unsolved", new()),
                Submission(source, "forger", new() { [Pages] = Forger }),
                Submission(source, "fills-the-disk", new(solutions)
                {
                    [Pages] = "for (int i = 0; i < 64; i++) System.IO.File.WriteAllBytes($\"/grading/notebooks/fill{i}\", new byte[16 << 20]);\n" +
                        "long pagesIn32Bits = 1L << 20;",
                }),
                Submission(source, "busy-threads", new(solutions)
                {
                    [Pages] = "long pagesIn32Bits = 1L << 20;\n" +
                        "for (int i = 0; i < 16; i++) new System.Threading.Thread(() => { while (true) { } }) { IsBackground = true }.Start();",
                }),
            };
            var prepared = Grader.PrepareAsync(sourcePath, source, options).GetAwaiter().GetResult();
            Grades = Grader.GradeAsync(prepared, paths, options).GetAwaiter().GetResult().ToDictionary(g => g.Student);
        }

        private string Submission(InteractiveDocument source, string student, Dictionary<string, string> answers) =>
            AnsweredSubmission.Write(source, answers, Path.Combine(Folder, student + ".dib"));

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    private readonly Class _class;

    public UnscreenedCodeTests(Class graded) => _class = graded;

    private double Total(string student) => _class.Grades[student].Rows.Single(r => r.Check == Grader.TotalRow).Earned;

    [KernelFact]
    public void Forged_records_and_a_forged_report_earn_nothing()
    {
        Assert.Equal(0, Total("unsolved"));
        Assert.Equal(Total("unsolved"), Total("forger"));
        Assert.All(_class.Grades["forger"].Rows.Where(r => r.Check != Grader.TotalRow), r => Assert.DoesNotContain("passed", r.Message));
    }

    [KernelFact]
    public void A_submission_that_fills_its_disk_fills_only_its_own_and_the_class_is_graded()
    {
        Assert.Equal(4, Total("honest"));
        Assert.Equal(5, _class.Grades.Count);
        var pages = _class.Grades["fills-the-disk"].Rows.Single(r => r.Check == Pages);
        if (SandboxSupport.Probe().Bubblewrap is not null)
        {
            Assert.Equal(0, pages.Earned);
            Assert.Matches("IOException|[Nn]o space", pages.Message); // no space left on its own tmpfs
        }
        // Its other exercises still count.
        Assert.Equal(1, _class.Grades["fills-the-disk"].Rows.Single(r => r.Check == Vpn).Earned);
    }

    [KernelFact]
    public void Busy_threads_cost_only_their_own_submission()
    {
        Assert.Equal(4, Total("honest"));
        Assert.True(_class.Grades.ContainsKey("busy-threads"));
    }
}
