using MemoryCourse.Tests;
using FsCheck.Fluent;
using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Documents;

public class NotebookFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("memcourse-docs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static TheoryData<string> CourseNotebooks() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void Every_cell_of_a_course_notebook_starts_on_the_file_line_the_engine_names(string name)
    {
        string path = Path.Combine(RepoPaths.Notebooks, name);
        string text = File.ReadAllText(path);
        var document = NotebookFile.Load(path);
        var firstLines = NotebookFile.CellFirstLines(text, path)!;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        Assert.Equal(document.Elements.Count, firstLines.Count);
        for (int i = 0; i < firstLines.Count; i++)
            Assert.Equal(document.Elements[i].Contents.Split('\n')[0], lines[firstLines[i] - 1]);
    }

    [Fact]
    public void Cell_first_lines_match_the_package_on_any_layout_of_blank_lines_magics_and_kernels()
    {
        var kernels = Gen.Elements("#!csharp", "#!markdown", "#!html", "#!fsharp", "#!cs", "#!md");
        var bodyLine = Gen.Elements("var x = 1;", "", "", "#!import other.dib", "#!whos", "// text", "#r \"a.dll\"", "  indented");
        var cell = kernels.SelectMany(k => bodyLine.ListOf().Select(body => k + "\n" + string.Join("\n", body)));
        var document = Gen.Zip(bodyLine.ListOf(), cell.ListOf()).Select(t => string.Join("\n", t.Item1) + "\n" + string.Join("\n", t.Item2));
        Prop.ForAll(document.ToArbitrary(), text =>
        {
            var parsed = CodeSubmission.Parse(text, KernelNames.Known());
            var firstLines = NotebookFile.CellFirstLines(text, "x.dib")!;
            var lines = text.Split('\n');
            var nonEmpty = parsed.Elements.Where(e => e.Contents.Length > 0).ToList();
            return nonEmpty.Count == firstLines.Count
                   && nonEmpty.Select((e, i) => e.Contents.Split('\n')[0] == lines[firstLines[i] - 1]).All(ok => ok);
        }).CheckOnSeed();
    }

    [Fact]
    public void A_dib_written_back_reads_as_the_same_cells()
    {
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "*.dib"))
        {
            var once = NotebookFile.Load(path);
            var again = NotebookFile.Parse(NotebookFile.ToDib(once), path);
            Assert.Equal(once.Elements.Select(e => (e.KernelName, e.Contents)), again.Elements.Select(e => (e.KernelName, e.Contents)));
            Assert.Equal(NotebookFile.ToDib(once), NotebookFile.ToDib(again));
        }
    }

    [Fact]
    public void An_executed_notebook_saves_as_nbformat_4_with_its_outputs()
    {
        var document = Notebooks.Of(("markdown", "# Title"), ("csharp", "Console.WriteLine(1);"));
        document.Elements[1].Outputs.Add(new TextElement("1\n", "stdout"));
        document.Elements[1].Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = "<b>x</b>" }));
        string path = Path.Combine(_dir, "out.ipynb");
        NotebookFile.SaveIpynb(document, path);
        string json = File.ReadAllText(path);
        Assert.Contains("\"nbformat\": 4", json);
        Assert.Contains("\"polyglot_notebook\"", json);
        var back = NotebookFile.Load(path);
        Assert.Equal("1\n", ((TextElement)back.Elements[1].Outputs[0]).Text);
        Assert.Equal("<b>x</b>", OutputData.Get(back.Elements[1].Outputs[1], "text/html"));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Theory]
    [InlineData("empty.dib", "", "has no cells")]
    [InlineData("blank.dib", "\n\n   \n", "has no cells")]
    [InlineData("only-meta.dib", "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[]}}\n", "has no cells")]
    [InlineData("bad-meta.dib", "#!meta\n\n{\"kernelInfo\": {\n\n#!csharp\n\nvar x = 1;\n", ":3: the #!meta header is not valid JSON")]
    [InlineData("notes.txt", "hello", "not a notebook: expected a .dib or .ipynb file")]
    [InlineData("broken.ipynb", "{\"cells\": [", "not valid notebook JSON")]
    [InlineData("number-source.ipynb",
        "{\"cells\":[{\"cell_type\":\"code\",\"source\":42,\"metadata\":{}}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}", "")]
    [InlineData("binary.dib", "#!csharp\n\0\0\u0001", "is a binary file")]
    // Reported: these ran as C# (and failed with exit 1) instead of being refused as unreadable (exit 2).
    [InlineData("nbformat3.ipynb",
        "{\"nbformat\":3,\"nbformat_minor\":0,\"metadata\":{},\"worksheets\":[{\"cells\":[]}]," +
        "\"cells\":[{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{}}]}",
        "nbformat 3: only nbformat 4 notebooks are read")]
    [InlineData("nbformat99.ipynb",
        "{\"nbformat\":99,\"nbformat_minor\":0,\"metadata\":{},\"cells\":[{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{}}]}",
        "nbformat 99: only nbformat 4")]
    [InlineData("nbformat-four.ipynb",
        "{\"nbformat\":\"four\",\"nbformat_minor\":0,\"metadata\":{},\"cells\":[{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{}}]}",
        "nbformat \"four\": only nbformat 4")]
    [InlineData("no-type.ipynb",
        "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[{\"source\":\"1\",\"metadata\":{}}]}", "cell 1 has no cell_type")]
    [InlineData("odd-type.ipynb",
        "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[{\"cell_type\":\"markdown\",\"source\":\"# x\",\"metadata\":{}}," +
        "{\"cell_type\":\"heading\",\"source\":\"1\",\"metadata\":{}}]}", "cell 2 has cell_type \"heading\"")]
    [InlineData("garbage.dib", "\u0013\u00e9x\u0002\u007f\u0010", ":1: holds the control character \\x13: a binary file")]
    public void Unreadable_notebooks_are_refused_naming_the_file_and_what_is_wrong(string name, string text, string expected)
    {
        string path = WriteFile(name, text);
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(path));
        Assert.Contains(name, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_as_binary_naming_the_line()
    {
        string path = Path.Combine(_dir, "random.dib");
        File.WriteAllBytes(path, [.. "#!csharp\n\n"u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, 0x80]);
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(path));
        Assert.Equal($"{path}:3: is not UTF-8 text (a binary file?), so not a notebook", e.Message);
    }

    [Fact]
    public async Task A_named_pipe_or_a_link_to_an_endless_device_is_refused_before_reading()
    {
        string fifo = Path.Combine(_dir, "waiting.dib");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        string link = Path.Combine(_dir, "endless.ipynb");
        File.CreateSymbolicLink(link, "/dev/urandom");
        // On another thread: a regression (opening the pipe waits for a writer forever) fails instead of hanging.
        var load = Task.Run(() => (
            Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(fifo)).Message,
            Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(link)).Message));
        Assert.True(await Task.WhenAny(load, Task.Delay(TimeSpan.FromMinutes(2))) == load, "loading a named pipe never ended");
        var (fifoMessage, linkMessage) = await load;
        Assert.Equal($"{fifo}: is a named pipe (FIFO), not a notebook file; only regular files are read", fifoMessage);
        Assert.Equal($"{link}: is a device, not a notebook file; only regular files are read", linkMessage);
    }

    [Fact]
    public void A_folder_or_a_missing_file_is_refused()
    {
        Assert.Contains("is a folder", Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(_dir)).Message);
        Assert.Contains("no such file", Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(Path.Combine(_dir, "nope.dib"))).Message);
    }

    [Fact]
    public void Loading_with_first_lines_gives_the_notebook_and_its_cells_file_lines_from_one_read()
    {
        string text = "\uFEFF#!markdown\r\n\r\n# Title\r\n\r\n#!csharp\r\n\r\n\r\nvar x = 1;\r\n";
        string path = WriteFile("lines.dib", text);
        var (notebook, firstLines) = NotebookFile.LoadWithFirstLines(path);
        Assert.Equal(NotebookFile.Load(path).Elements.Select(e => e.Contents), notebook.Elements.Select(e => e.Contents));
        Assert.Equal([3, 8], firstLines);
        string ipynb = Path.Combine(_dir, "lines.ipynb");
        NotebookFile.SaveIpynb(notebook, ipynb);
        Assert.Null(NotebookFile.LoadWithFirstLines(ipynb).FirstLines);
        Assert.Contains("no such file", Assert.Throws<NotebookFormatException>(() => NotebookFile.LoadWithFirstLines(Path.Combine(_dir, "nope.dib"))).Message);
    }
}
