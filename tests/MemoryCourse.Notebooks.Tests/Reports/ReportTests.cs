using System.Xml.Linq;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;
using MemoryCourse.Notebooks.Reports;

namespace MemoryCourse.Notebooks.Tests.Reports;

public class ReportTests
{
    private static IReadOnlyList<NotebookRun> Runs() =>
    [
        new("/n/01-a.dib", null,
        [
            new(1, "markdown", CellStatus.Text, [], null, TimeSpan.Zero),
            new(2, "csharp", CellStatus.Passed, [], null, TimeSpan.FromMilliseconds(250)),
            new(3, "csharp", CellStatus.Failed, [], new CellFailure(FailureKind.CompileError, 4, "CS0103: nope"), TimeSpan.FromMilliseconds(10)),
            new(4, "csharp", CellStatus.NotRun, [], null, TimeSpan.Zero),
        ], null, TimeSpan.FromSeconds(1), null),
        new("/n/02-b.dib", null, [], "/n/02-b.dib:3: the #!meta line is not valid JSON", TimeSpan.Zero, null),
    ];

    [Fact]
    public void JUnit_has_one_test_case_per_code_cell_and_names_the_failure()
    {
        var doc = XDocument.Parse(JUnitReport.Render(Runs()));
        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(4, cases.Count); // three code cells, one unreadable notebook
        var failure = cases.Single(c => (string?)c.Attribute("name") == "cell 03 (csharp)").Element("failure")!;
        Assert.Equal("01-a.dib, cell 3, line 4: CompileError: CS0103: nope", (string?)failure.Attribute("message"));
        Assert.NotNull(cases.Single(c => (string?)c.Attribute("name") == "cell 04 (csharp)").Element("skipped"));
        Assert.Equal("2", (string?)doc.Root!.Attribute("failures"));
    }

    [Fact]
    public void Trx_counts_outcomes_and_uses_stable_ids()
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        string first = TrxReport.Render(Runs(), DateTimeOffset.UnixEpoch);
        var doc = XDocument.Parse(first);
        var counters = doc.Descendants(ns + "Counters").Single();
        Assert.Equal(("4", "1", "2", "1"), ((string?)counters.Attribute("total"), (string?)counters.Attribute("passed"), (string?)counters.Attribute("failed"), (string?)counters.Attribute("notExecuted"))
            is var t ? ((string)t.Item1!, (string)t.Item2!, (string)t.Item3!, (string)t.Item4!) : default);
        Assert.Equal(first, TrxReport.Render(Runs(), DateTimeOffset.UnixEpoch));
        Assert.Equal("Failed", (string?)doc.Descendants(ns + "ResultSummary").Single().Attribute("outcome"));
    }

    [Fact]
    public void The_console_summary_names_notebook_cell_and_line()
    {
        var text = new StringWriter();
        var report = new ConsoleReport(text);
        foreach (var run in Runs()) report.NotebookFinished(run);
        report.Summary(Runs());
        string s = text.ToString();
        Assert.Contains("cell   3 [csharp] FAILED   CompileError at line 4: CS0103: nope", s);
        Assert.Contains("-> 01-a.dib: cell 3, line 4: CompileError: CS0103: nope", s);
        Assert.Contains("ERROR 02-b.dib", s);
        Assert.Contains("Notebooks: 0 passed, 2 failed", s);
    }
}
