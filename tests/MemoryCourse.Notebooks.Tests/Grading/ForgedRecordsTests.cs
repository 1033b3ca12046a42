using System.Text;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// The strongest forger a learner can write once code gets past the screen (the screen is switched off here,
/// on purpose), on chapter 07, whose hidden checks were all <c>Check.True</c> before every check became a
/// comparison. It knows every expected value a learner can see: those of the visible checks (computed here by
/// a reference run of the chapter with its hidden checks taken out, as a learner could compute them from the
/// student version). A middleware in its kernel rewrites every check cell so that each record it writes
/// carries those values, and "true" (what every <c>Check.True</c> expected) for anything else. It must earn no
/// more than the untouched student version: every check of the chapter has a hidden comparison of a value it
/// cannot know.
/// </summary>
public class ForgedRecordsTests : IClassFixture<ForgedRecordsTests.Class>
{
    private const string Chapter = "07-virtual-memory-and-paging.dib";

    // Rewrites each check cell so that its recorder's calls go to ForgedRecords, which writes the records itself.
    private const string Forger = """
        long physicalAddress = -1;
        public static class ForgedRecords
        {
            public static string Mark;
            public static string Recorder;
            public static string Check = "";
            public static int Count;
            public static System.Collections.Generic.Dictionary<string, System.Collections.Generic.Queue<string>> Known = new();
            public static void Begin(string check) => Check = check;
            public static void EqualActual<T>(T actual, string what, string hint = null) => Emit("Equal", what);
            public static void NearActual(double actual, string what, string hint = null) => Emit("Near", what);
            public static void SequenceActual<T>(System.Collections.Generic.IEnumerable<T> actual, string what, string hint = null) => Emit("Sequence", what);
            public static void HiddenFailed(System.Exception e) { }
            public static string Report() => Mark + ":done:" + Count;
            private static void Emit(string kind, string what)
            {
                string value = Known.TryGetValue(Check + "\u0001" + what, out var queue) && queue.Count > 0 ? queue.Dequeue() : "true";
                var record = new
                {
                    Check, Kind = kind, What = what, Hint = (string)null, Expected = value, Actual = value, Tolerance = 1e300, Problem = (string)null,
                };
                string line = System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(record)));
                System.Console.Out.Write("\n" + Mark + ":" + line + "\n");
                Count++;
            }
        }
        var table = System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String("KNOWN"));
        foreach (var known in System.Text.Json.JsonSerializer.Deserialize<string[][]>(table))
        {
            if (!ForgedRecords.Known.ContainsKey(known[0])) ForgedRecords.Known[known[0]] = new();
            ForgedRecords.Known[known[0]].Enqueue(known[1]);
        }
        var codeField = typeof(Microsoft.DotNet.Interactive.Commands.SubmitCode).GetField("<Code>k__BackingField",
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        Microsoft.DotNet.Interactive.Kernel.Current.AddMiddleware(async (command, context, next) =>
        {
            if (command is Microsoft.DotNet.Interactive.Commands.SubmitCode submit)
            {
                var created = System.Text.RegularExpressions.Regex.Match(submit.Code,
                    "var (\\w+) = new global::MemoryCourse.Teaching.Checks.CheckRecorder\\(\"([^\"]+)\"");
                if (created.Success) { ForgedRecords.Recorder = created.Groups[1].Value; ForgedRecords.Mark = created.Groups[2].Value; }
                else if (ForgedRecords.Recorder != null && submit.Code.Contains(ForgedRecords.Recorder + "."))
                    codeField.SetValue(submit, submit.Code.Replace(ForgedRecords.Recorder + ".", "ForgedRecords."));
            }
            await next(command, context);
        }, "forger");
        """;

    public sealed class Class : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("memcourse-forged-").FullName;
        public IReadOnlyDictionary<string, SubmissionGrade> Grades { get; }
        public int KnownValues { get; }

        public Class()
        {
            string sourcePath = Path.Combine(RepoPaths.Notebooks, Chapter);
            var source = NotebookFile.Load(sourcePath);
            var run = RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(120), MemoryLimitMiB = 2048, Parallelism = 2 };
            var options = new GradeOptions(run) { Unscreened = true };
            // What a learner can know: the expected values of the visible checks, from a run without the hidden ones.
            var checkCells = ExerciseMarkers.Checks(source).Select(c => c.CellIndex).ToHashSet();
            var visibleOnly = new InteractiveDocument(source.Elements.Select((cell, i) => checkCells.Contains(i)
                ? new InteractiveDocumentElement(CheckCode.SplitHidden(cell.Contents).Visible, cell.KernelName) : cell).ToList());
            var seen = Grader.PrepareAsync(sourcePath, visibleOnly, options).GetAwaiter().GetResult();
            KnownValues = seen.Reference.Count;
            var prepared = Grader.PrepareAsync(sourcePath, source, options).GetAwaiter().GetResult();
            var solutionCode = ExerciseMarkers.SolutionCode(source);
            var solutions = ExerciseMarkers.Exercises(source).ToDictionary(e => e.Name, e => solutionCode[e.CellIndex]);
            var paths = new List<string>
            {
                Submission(source, "honest", solutions),
                Submission(source, "unsolved", []),
                Submission(source, "forger", new() { ["physical-address"] = ForgerKnowing(seen.Reference) }),
                // The same forger told the hidden expected values too: what it would take, and proof that its records count.
                Submission(source, "forger-told-the-hidden-values", new() { ["physical-address"] = ForgerKnowing(prepared.Reference) }),
            };
            Grades = Grader.GradeAsync(prepared, paths, options).GetAwaiter().GetResult().ToDictionary(g => g.Student);
        }

        private static string ForgerKnowing(IEnumerable<CheckRecord> records)
        {
            var known = records.Select(r => new[] { r.Check + "\u0001" + r.What, r.Expected ?? "" }).ToArray();
            return Forger.Replace("KNOWN", Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(known))), StringComparison.Ordinal);
        }

        private string Submission(InteractiveDocument source, string student, Dictionary<string, string> answers) =>
            AnsweredSubmission.Write(source, answers, Path.Combine(Folder, student + ".dib"));

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    private readonly Class _class;

    public ForgedRecordsTests(Class graded) => _class = graded;

    private double Total(string student) => _class.Grades[student].Rows.Single(r => r.Check == Grader.TotalRow).Earned;

    [KernelFact]
    public void A_forger_knowing_every_visible_expected_value_earns_no_more_than_the_untouched_version()
    {
        Assert.True(_class.KnownValues > 0);
        Assert.Equal(13, Total("honest"));
        Assert.Equal(0, Total("unsolved"));
        Assert.Equal(0, Total("forger"));
        Assert.All(_class.Grades["forger"].Rows.Where(r => r.Check != Grader.TotalRow), r => Assert.DoesNotContain("passed", r.Message));
        // The forged records are read and compared like any others: told the hidden values too, the same forger
        // scores (all but the checks where the unsolved code it leaves in place throws before a record is written).
        // What keeps the score at 0 is that the hidden expected values never reach the learner's process.
        Assert.True(Total("forger-told-the-hidden-values") > 0);
    }
}
