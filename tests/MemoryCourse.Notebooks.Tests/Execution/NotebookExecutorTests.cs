using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Tests.Execution;

/// <summary>The kernel semantics, run in-process (isolation is tested separately through worker processes).</summary>
public class NotebookExecutorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("memcourse-exec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<IReadOnlyList<CellResult>> Run(params NotebookCell[] cells)
    {
        string path = Path.Combine(_dir, "test.dib");
        var executor = new NotebookExecutor(path, continueOnError: false);
        return await executor.RunAsync(new Notebook(cells, null));
    }

    private static NotebookCell Cs(string source) => new("csharp", source);

    [Fact]
    public async Task State_carries_from_cell_to_cell()
    {
        var r = await Run(Cs("var x = 20;\nint Twice(int v) => v * 2;"), Cs("Twice(x) + 2"));
        Assert.Equal("42", StripHtml(r[1].Outputs.Single().Data.Values.First()));
        Assert.Equal(OutputKind.ExecuteResult, r[1].Outputs.Single().Kind);
    }

    [Fact]
    public async Task Only_a_trailing_expression_without_semicolon_is_displayed()
    {
        var r = await Run(Cs("var y = 1;\ny = 2;"), Cs("System.Diagnostics.Debug.WriteLine(\"x\")"), Cs("string s = null;\ns"));
        Assert.Empty(r[0].Outputs);
        Assert.Empty(r[1].Outputs);
        Assert.Equal("<null>", r[2].Outputs.Single().Data["text/plain"]);
    }

    [Fact]
    public async Task The_default_imports_are_those_of_the_csharp_kernel()
    {
        var r = await Run(Cs("var sb = new StringBuilder(); var list = new List<int> { 3, 1 }; var h = new Hashtable();\nawait Task.Yield();\nlist.OrderBy(v => v).First()"));
        Assert.Equal(CellStatus.Passed, r[0].Status);
        var missing = await Run(Cs("var f = new FileInfo(\"x\");"));
        Assert.Equal(FailureKind.CompileError, missing[0].Failure!.Kind); // System.IO is not imported by the kernel
    }

    [Fact]
    public async Task Display_shows_values_in_order_and_Update_replaces_in_place()
    {
        var r = await Run(Cs("var d = display(\"first\");\n\"second\".Display();\nd.Update(\"changed\");"));
        Assert.Equal(["changed", "second"], r[0].Outputs.Select(o => o.Data["text/plain"]));
    }

    [Fact]
    public async Task HTML_CSS_and_Javascript_produce_html_outputs()
    {
        var r = await Run(Cs("display(HTML(\"<b>bold</b>\"));\nCSS(\"p { color: red }\");\nJavascript(\"console.log(1)\");"));
        Assert.Equal("<b>bold</b>", r[0].Outputs[0].Data["text/html"]);
        Assert.Equal("<style>p { color: red }</style>", r[0].Outputs[1].Data["text/html"]);
        Assert.Contains("<script type=\"text/javascript\">console.log(1)</script>", r[0].Outputs[2].Data["text/html"]);
    }

    [Fact]
    public async Task Objects_are_formatted_by_the_real_notebook_formatter()
    {
        var r = await Run(Cs("new[] { new { Page = 3, Frame = 7 } }"));
        string html = r[0].Outputs.Single().Data["text/html"];
        Assert.Contains("<table>", html);
        Assert.Contains("dni-", html); // the formatter's own CSS classes, as in VS Code
    }

    [Fact]
    public async Task Registered_formatters_are_used_for_display()
    {
        var r = await Run(
            Cs("using Microsoft.DotNet.Interactive.Formatting;\nrecord Page(int Number);\nFormatter.Register<Page>((p, w) => w.Write($\"<i>page {p.Number}</i>\"), \"text/html\");"),
            Cs("new Page(4)"));
        Assert.Equal("<i>page 4</i>", r[1].Outputs.Single().Data["text/html"]);
    }

    [Fact]
    public async Task A_compile_error_names_the_line_inside_the_cell()
    {
        var r = await Run(Cs("var ok = 1;"), Cs("var a = 1;\n\nvar b = missing + a;"), Cs("var never = 1;"));
        Assert.Equal(CellStatus.Failed, r[1].Status);
        Assert.Equal(FailureKind.CompileError, r[1].Failure!.Kind);
        Assert.Equal(3, r[1].Failure!.Line);
        Assert.Contains("CS0103", r[1].Failure!.Message);
        Assert.Equal(CellStatus.NotRun, r[2].Status);
    }

    [Fact]
    public async Task An_exception_names_its_type_message_and_line()
    {
        var r = await Run(Cs("int Divide(int a, int b) => a / b;"), Cs("var zero = 0;\nvar one = 1;\nvar q = Divide(one, zero);"));
        var f = r[1].Failure!;
        Assert.Equal(FailureKind.Exception, f.Kind);
        Assert.Equal(3, f.Line);
        Assert.Contains("System.DivideByZeroException", f.Message);
    }

    [Fact]
    public async Task References_are_resolved_relative_to_the_notebook_folder()
    {
        string models = typeof(MemoryCourse.Teaching.Charts.Figure).Assembly.Location;
        Directory.CreateDirectory(Path.Combine(_dir, "lib"));
        File.Copy(models, Path.Combine(_dir, "lib", "MemoryCourse.dll"));
        var r = await Run(Cs("#r \"lib/MemoryCourse.dll\"\nnew MemoryCourse.Paging.AddressSpace.AddressSpaceGeometry(32, 4096, 4).OffsetBits"));
        Assert.Equal(CellStatus.Passed, r[0].Status);
        Assert.Equal("12", StripHtml(r[0].Outputs.Single().Data.Values.First()));
    }

    [Fact]
    public async Task A_missing_reference_says_where_it_looked()
    {
        var r = await Run(Cs("var x = 1;\n#r \"nowhere/Missing.dll\""));
        Assert.Equal(FailureKind.MagicCommand, r[0].Failure!.Kind);
        Assert.Equal(2, r[0].Failure!.Line);
        Assert.Contains(Path.Combine(_dir, "nowhere", "Missing.dll"), r[0].Failure!.Message);
    }

    [Fact]
    public async Task Nuget_references_come_from_the_local_cache_or_fail_clearly()
    {
        var found = await Run(Cs("#r \"nuget: Markdig, 1.6.0\"\nMarkdig.Markdown.ToHtml(\"*a*\").Trim()"));
        Assert.Equal(CellStatus.Passed, found[0].Status);
        var missing = await Run(Cs("#r \"nuget: Surely.Not.A.Package.Here, 1.0.0\""));
        Assert.Equal(FailureKind.MagicCommand, missing[0].Failure!.Kind);
        Assert.Contains("is not in the local NuGet cache", missing[0].Failure!.Message);
    }

    [Fact]
    public async Task Import_runs_the_csharp_of_another_notebook_or_script()
    {
        File.WriteAllText(Path.Combine(_dir, "shared.dib"), "#!markdown\n\nnotes\n\n#!csharp\n\nusing System.IO;\nvar fromDib = 5;\n");
        File.WriteAllText(Path.Combine(_dir, "helpers.csx"), "int Square(int v) => v * v;");
        var r = await Run(Cs("#!import shared.dib\n#!import helpers.csx\nSquare(fromDib) + new FileInfo(\"x\").Name.Length"));
        Assert.Equal("26", StripHtml(r[0].Outputs.Single().Data.Values.First()));
    }

    [Fact]
    public async Task A_failure_inside_an_import_names_the_file_cell_and_line()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.dib"), "#!csharp\n\nvar fine = 1;\n\n#!csharp\n\nvar x = 1;\nvar y = nope;\n");
        var r = await Run(Cs("// first\n#!import bad.dib"));
        Assert.Equal(2, r[0].Failure!.Line);
        Assert.Contains("in bad.dib cell 2 line 2", r[0].Failure!.Message);
    }

    [Fact]
    public async Task Time_reports_the_wall_time_of_the_cell()
    {
        var r = await Run(Cs("#!time\nvar x = 1;"));
        Assert.StartsWith("Wall time: ", r[0].Outputs.Single().Data["text/plain"]);
    }

    [Fact]
    public async Task Html_and_mermaid_cells_pass_through_and_other_kernels_are_unsupported()
    {
        var r = await Run(new NotebookCell("html", "<p>hi</p>"), new NotebookCell("mermaid", "graph TD; A-->B"), new NotebookCell("markdown", "# t"));
        Assert.Equal("<p>hi</p>", r[0].Outputs.Single().Data["text/html"]);
        Assert.Equal("graph TD; A-->B", r[1].Outputs.Single().Data["text/plain"]);
        Assert.Equal(CellStatus.Text, r[2].Status);
        var js = await Run(new NotebookCell("javascript", "1"));
        Assert.Equal(FailureKind.UnsupportedKernel, js[0].Failure!.Kind);
    }

    [Fact]
    public async Task An_unknown_magic_command_fails_at_its_line()
    {
        var r = await Run(Cs("var a = 1;\n#!python\nprint(1)"));
        Assert.Equal(FailureKind.MagicCommand, r[0].Failure!.Kind);
        Assert.Equal(2, r[0].Failure!.Line);
        Assert.Contains("'#!python'", r[0].Failure!.Message);
    }

    private static string StripHtml(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<style>.*?</style>|<[^>]+>", "", System.Text.RegularExpressions.RegexOptions.Singleline).Trim();
}
