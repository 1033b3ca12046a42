using System.Globalization;
using System.Xml.Linq;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Reports;

/// <summary>Writes a JUnit XML report: a test suite per notebook, a test case per cell and per exercise check.</summary>
public static class JUnitReport
{
    public static void Write(IReadOnlyList<NotebookRun> runs, string path, bool checksMustPass = false) =>
        AtomicFile.WriteAllText(path, Render(runs, checksMustPass));

    /// <param name="checksMustPass">A check that does not hold yet is a failure (else skipped): see <see cref="TestCase"/>.</param>
    public static string Render(IReadOnlyList<NotebookRun> runs, bool checksMustPass = false)
    {
        var cases = TestCase.From(runs, checksMustPass);
        var suites = cases.GroupBy(c => c.Suite).Select(g => new XElement("testsuite",
            new XAttribute("name", g.Key),
            new XAttribute("tests", g.Count()),
            new XAttribute("failures", g.Count(c => c.Outcome == TestCase.Failed)),
            new XAttribute("skipped", g.Count(c => c.Outcome == TestCase.NotExecuted)),
            new XAttribute("time", Seconds(g.Aggregate(TimeSpan.Zero, (t, c) => t + c.Duration))),
            g.Select(c => new XElement("testcase",
                new XAttribute("classname", "notebooks." + c.Suite),
                new XAttribute("name", c.Name),
                new XAttribute("time", Seconds(c.Duration)),
                c.Outcome switch
                {
                    TestCase.Failed => new XElement("failure", new XAttribute("message", FirstLine(c.Message)), c.Message),
                    TestCase.NotExecuted => new XElement("skipped", new XAttribute("message", c.Message ?? "not run")),
                    _ => null,
                }))));
        var root = new XElement("testsuites",
            new XAttribute("name", "memcourse run"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Outcome == TestCase.Failed)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    private static string FirstLine(string? s) => (s ?? "").Split('\n')[0];

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
