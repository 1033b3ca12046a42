using System.Xml.Linq;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Reports;

/// <summary>Writes a TRX (Visual Studio test results) report: one unit test per cell and per exercise check.</summary>
public static class TrxReport
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ResultsNotInAList = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
    private const string AllLoadedResults = "19431567-8539-422a-85d7-44ee4e166bda";

    public static void Write(IReadOnlyList<NotebookRun> runs, string path, bool checksMustPass = false) =>
        AtomicFile.WriteAllText(path, Render(runs, DateTimeOffset.UtcNow, checksMustPass));

    /// <param name="checksMustPass">A check that does not hold yet is a failure (else not executed): see <see cref="TestCase"/>.</param>
    public static string Render(IReadOnlyList<NotebookRun> runs, DateTimeOffset finished, bool checksMustPass = false)
    {
        var cases = TestCase.From(runs, checksMustPass);
        var total = cases.Aggregate(TimeSpan.Zero, (t, c) => t + c.Duration);
        string start = (finished - total).ToString("o"), end = finished.ToString("o");
        var rows = cases.Select(c =>
        {
            string full = $"{c.Suite}.{c.Name}";
            return (Case: c, Test: TestCase.StableId("test:" + full).ToString(), Execution: TestCase.StableId("exec:" + full).ToString());
        }).ToList();

        var doc = new XElement(Ns + "TestRun",
            new XAttribute("id", TestCase.StableId("run:" + string.Join("|", rows.Select(r => r.Test)))),
            new XAttribute("name", "memcourse run"),
            new XElement(Ns + "Times",
                new XAttribute("creation", start), new XAttribute("queuing", start), new XAttribute("start", start), new XAttribute("finish", end)),
            new XElement(Ns + "Results", rows.Select(r => new XElement(Ns + "UnitTestResult",
                new XAttribute("executionId", r.Execution),
                new XAttribute("testId", r.Test),
                new XAttribute("testName", $"{r.Case.Suite} {r.Case.Name}"),
                new XAttribute("computerName", Environment.MachineName),
                new XAttribute("duration", r.Case.Duration.ToString(@"hh\:mm\:ss\.fffffff")),
                new XAttribute("startTime", start),
                new XAttribute("endTime", end),
                new XAttribute("testType", UnitTestType),
                new XAttribute("outcome", r.Case.Outcome),
                new XAttribute("testListId", ResultsNotInAList),
                r.Case.Message is null ? null : new XElement(Ns + "Output",
                    new XElement(Ns + "ErrorInfo", new XElement(Ns + "Message", r.Case.Message)))))),
            new XElement(Ns + "TestDefinitions", rows.Select(r => new XElement(Ns + "UnitTest",
                new XAttribute("name", $"{r.Case.Suite} {r.Case.Name}"),
                new XAttribute("storage", r.Case.Suite),
                new XAttribute("id", r.Test),
                new XElement(Ns + "Execution", new XAttribute("id", r.Execution)),
                new XElement(Ns + "TestMethod",
                    new XAttribute("codeBase", r.Case.Suite),
                    new XAttribute("adapterTypeName", "executor://memcourse/notebooks"),
                    new XAttribute("className", "notebooks." + r.Case.Suite),
                    new XAttribute("name", r.Case.Name))))),
            new XElement(Ns + "TestEntries", rows.Select(r => new XElement(Ns + "TestEntry",
                new XAttribute("testId", r.Test), new XAttribute("executionId", r.Execution), new XAttribute("testListId", ResultsNotInAList)))),
            new XElement(Ns + "TestLists",
                new XElement(Ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", ResultsNotInAList)),
                new XElement(Ns + "TestList", new XAttribute("name", "All Loaded Results"), new XAttribute("id", AllLoadedResults))),
            new XElement(Ns + "ResultSummary",
                new XAttribute("outcome", cases.Any(c => c.Outcome == TestCase.Failed) ? "Failed" : "Completed"),
                new XElement(Ns + "Counters",
                    new XAttribute("total", cases.Count),
                    new XAttribute("executed", cases.Count(c => c.Outcome != TestCase.NotExecuted)),
                    new XAttribute("passed", cases.Count(c => c.Outcome == TestCase.Passed)),
                    new XAttribute("failed", cases.Count(c => c.Outcome == TestCase.Failed)),
                    new XAttribute("notExecuted", cases.Count(c => c.Outcome == TestCase.NotExecuted)))));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + doc + "\n";
    }
}
