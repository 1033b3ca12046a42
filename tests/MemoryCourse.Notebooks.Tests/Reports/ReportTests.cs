using System.Xml.Linq;
using Microsoft.DotNet.Interactive.Documents;
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
        string Count(string name) => (string?)counters.Attribute(name) ?? "(missing)";
        Assert.Equal(("4", "1", "2", "1"), (Count("total"), Count("passed"), Count("failed"), Count("notExecuted")));
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

    // A chapter whose check cell printed one passing and one failing check, then a line that is no check.
    private static IReadOnlyList<NotebookRun> CheckedRuns() =>
    [
        new("/n/03-c.dib", null,
        [
            new(1, "csharp", CellStatus.Passed, [], null, TimeSpan.FromMilliseconds(5)),
            new(2, "csharp", CellStatus.Passed,
                [new TextElement("Passed: the first answer\nNot yet: the second answer: your value 0 is not it. Hint: look again\nthe end\n", "stdout")],
                null, TimeSpan.FromMilliseconds(5)),
        ], null, TimeSpan.FromSeconds(1), null),
    ];

    [Fact]
    public void The_console_counts_the_checks_and_shows_every_one_not_passed_yet_with_its_cell()
    {
        var text = new StringWriter();
        var report = new ConsoleReport(text);
        foreach (var run in CheckedRuns()) report.NotebookFinished(run);
        report.Summary(CheckedRuns());
        string s = text.ToString();
        Assert.Contains("      checks: 1 passed, 1 not yet", s);
        Assert.Contains("cell   2: Not yet: the second answer: your value 0 is not it. Hint: look again", s);
        Assert.DoesNotContain("cell   2: Passed", s);
        Assert.Contains("Checks: 1 passed, 1 not yet", s);
        Assert.Contains("Notebooks: 1 passed, 0 failed", s);
    }

    [Fact]
    public void A_run_without_checks_prints_no_check_count()
    {
        var text = new StringWriter();
        var report = new ConsoleReport(text);
        report.NotebookFinished(Runs()[0]);
        report.Summary(Runs());
        Assert.DoesNotContain("checks:", text.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void JUnit_carries_each_check_as_a_test_case_skipped_until_checks_must_pass()
    {
        var relaxed = XDocument.Parse(JUnitReport.Render(CheckedRuns())).Descendants("testcase").ToList();
        Assert.Equal(["cell 01 (csharp)", "cell 02 (csharp)", "cell 02 check 1", "cell 02 check 2"], relaxed.Select(c => (string)c.Attribute("name")!));
        Assert.Empty(relaxed.Single(c => (string?)c.Attribute("name") == "cell 02 check 1").Elements());
        Assert.Equal("03-c.dib, cell 2: Not yet: the second answer: your value 0 is not it. Hint: look again",
            (string?)relaxed.Single(c => (string?)c.Attribute("name") == "cell 02 check 2").Element("skipped")!.Attribute("message"));

        var strict = XDocument.Parse(JUnitReport.Render(CheckedRuns(), checksMustPass: true));
        Assert.NotNull(strict.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "cell 02 check 2").Element("failure"));
        Assert.Equal("1", (string?)strict.Root!.Attribute("failures"));
    }

    [Fact]
    public void Trx_fails_a_check_not_passed_yet_only_when_checks_must_pass()
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        string Outcome(bool mustPass) => (string)XDocument.Parse(TrxReport.Render(CheckedRuns(), DateTimeOffset.UnixEpoch, mustPass))
            .Descendants(ns + "ResultSummary").Single().Attribute("outcome")!;
        Assert.Equal("Completed", Outcome(false));
        Assert.Equal("Failed", Outcome(true));
    }
}
