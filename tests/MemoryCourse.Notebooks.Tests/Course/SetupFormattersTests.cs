using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Course;

/// <summary>
/// What the course's setup notebook teaches the real kernel about display: a list of records is a table with a
/// column per property in a box that scrolls; every other list shows as the kernel shows it; importing the setup
/// twice changes nothing. And the kernel knows the memory cap it runs under.
/// </summary>
public class SetupFormattersTests : IClassFixture<SetupFormattersTests.Run>
{
    public sealed class Run
    {
        public NotebookRun Result { get; } = NotebookRunner.RunAsync(Notebooks.Of(
                ("csharp", "#!import setup.dib"),
                ("csharp", "record Row(int AddressBits, int Pages);\nnew[] { new Row(16, 16), new Row(32, 1 << 20) }"),
                ("csharp", "Enumerable.Range(0, 3).Select(i => new { I = i, Square = i * i }).ToList()"),
                ("csharp", "new[] { 1, 2, 3 }"),
                ("csharp", "new Dictionary<string, int> { [\"a\"] = 1 }"),
                ("csharp", "#!import setup.dib"),
                ("csharp", "new List<Row> { new(48, 1 << 30) }"),
                ("csharp", "System.Environment.GetEnvironmentVariable(\"MEMCOURSE_MEMORY_CAP_MIB\")"),
                ("csharp", "new Row(64, 7)"),
                ("csharp", "new { References = 3000, Faults = 611 }"),
                ("csharp", "class Plain { public int A { get; set; } = 1; }\nnew Plain()"),
                ("csharp", "new DateTime(2026, 1, 2)"),
                ("csharp", "record Trace(string Name, int[] Pages);\nnew Trace(\"trace\", new[] { 1, 2, 3 })"),
                ("csharp", "Plotly.NET.CSharp.Chart.Line<int, int, string>(new[] { 1, 2, 3 }, new[] { 3, 1, 2 })"),
                ("csharp", "new MemoryCourse.Paging.Translation.BaseAndBounds(1000, 4096)")),
            // Never written: the path puts the kernel in the course's folder, as a chapter is.
            Path.Combine(RepoPaths.Notebooks, "setup-formatters-probe.dib"), RunOptions.Default with { MemoryLimitMiB = 3072 }).GetAwaiter().GetResult();
    }

    private readonly NotebookRun _run;

    public SetupFormattersTests(Run run) => _run = run.Result;

    private string Html(int cell) => string.Concat(_run.Executed!.Elements[cell].Outputs.Select(o => OutputData.Get(o, "text/html") ?? ""));

    [Fact]
    public void A_list_of_records_is_a_table_with_a_column_per_property_in_a_scrolling_box()
    {
        Assert.True(_run.Passed, _run.Describe());
        Assert.Contains("<div class=\"memorycourse-table\" style=\"overflow-x:auto;max-width:100%\">" +
            "<table><thead><tr><th>AddressBits</th><th>Pages</th></tr>", Html(1));
        Assert.Contains("<td>32</td><td>1048576</td>", Html(1));
        Assert.Contains("<th>I</th><th>Square</th>", Html(2));
        Assert.DoesNotContain("dni-treeview", Html(1) + Html(2));
    }

    [Fact]
    public void Other_lists_show_as_the_kernel_shows_them()
    {
        Assert.Contains("[ 1, 2, 3 ]", Html(3));
        Assert.Contains("<th><i>key</i></th>", Html(4));
        Assert.DoesNotContain("memorycourse-table", Html(3) + Html(4));
    }

    [Fact]
    public void Importing_the_setup_twice_keeps_one_table_formatter()
    {
        Assert.Contains("<th>AddressBits</th><th>Pages</th>", Html(6));
        Assert.Contains("<td>48</td><td>1073741824</td>", Html(6));
    }

    [Fact]
    public void The_kernel_knows_the_memory_cap_it_runs_under()
    {
        Assert.Contains("3072", string.Concat(_run.Executed!.Elements[7].Outputs.Select(Notebooks.Text)));
    }

    [Fact]
    public void A_single_record_with_plain_values_is_a_one_row_table_too()
    {
        Assert.True(_run.Passed, _run.Describe());
        Assert.Contains("<th>AddressBits</th><th>Pages</th></tr></thead><tbody><tr><td>64</td><td>7</td></tr>", Html(8));
        Assert.Contains("<th>References</th><th>Faults</th></tr></thead><tbody><tr><td>3000</td><td>611</td></tr>", Html(9));
        Assert.DoesNotContain("dni-treeview", Html(8) + Html(9));
    }

    [Fact]
    public void A_record_of_the_models_with_plain_values_is_a_one_row_table()
    {
        Assert.Contains("<th>Base</th><th>Limit</th></tr></thead><tbody><tr><td>1000</td><td>4096</td></tr>", Html(14));
        Assert.DoesNotContain("dni-treeview", Html(14));
    }

    [Fact]
    public void Other_single_values_show_as_the_kernel_shows_them()
    {
        Assert.Contains("dni-treeview", Html(10)); // a class, not a record
        Assert.Contains("<span>2026-01-02 00:00:00Z</span>", Html(11));
        Assert.Contains("dni-treeview", Html(12)); // a record holding a list keeps the tree, which opens the list
        Assert.Contains("newPlot", Html(13)); // a Plotly.NET chart is still drawn by Plotly.NET.Interactive
        Assert.DoesNotContain("memorycourse-table", Html(10) + Html(11) + Html(12) + Html(13));
    }
}
