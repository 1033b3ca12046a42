using System.Text.Json;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Tests.Documents;

public class IpynbFormatTests
{
    private static Notebook Sample() => new(
    [
        new NotebookCell("markdown", "# Title\n\nText"),
        new NotebookCell("csharp", "var x = 1;\nx") { Outputs =
        [
            CellOutput.Stream("stdout", "line 1\nline 2\n"),
            CellOutput.Result(new Dictionary<string, string> { ["text/html"] = "<b>1</b>" }),
        ] },
        new NotebookCell("csharp", "throw new Exception();") { Outputs = [CellOutput.Failure("Exception", "line 1: boom")] },
    ], Notebook.DefaultKernelInfoJson);

    [Fact]
    public void The_notebook_carries_the_polyglot_metadata_vs_code_needs()
    {
        using var doc = JsonDocument.Parse(IpynbFormat.Write(Sample()));
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(".net-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", root.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        var code = root.GetProperty("cells")[1];
        Assert.Equal("code", code.GetProperty("cell_type").GetString());
        Assert.Equal("csharp", code.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
        Assert.Equal(["var x = 1;\n", "x"], code.GetProperty("source").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("execute_result", code.GetProperty("outputs")[1].GetProperty("output_type").GetString());
    }

    [Fact]
    public void Cells_and_outputs_survive_a_write_and_read()
    {
        var back = IpynbFormat.Parse(IpynbFormat.Write(Sample()));
        Assert.Equal(Sample().Cells.Select(c => (c.KernelName, c.Source)), back.Cells.Select(c => (c.KernelName, c.Source)));
        Assert.Equal("line 1\nline 2\n", back.Cells[1].Outputs[0].Text);
        Assert.Equal("<b>1</b>", back.Cells[1].Outputs[1].Data["text/html"]);
        Assert.Equal(OutputKind.Error, back.Cells[2].Outputs[0].Kind);
        Assert.Equal(Notebook.DefaultKernelInfoJson, back.KernelInfoJson);
    }

    [Fact]
    public void A_dib_converted_to_ipynb_and_back_keeps_every_cell()
    {
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "*.dib"))
        {
            var dib = DibFormat.Load(path);
            var back = IpynbFormat.Parse(IpynbFormat.Write(dib));
            Assert.Equal(dib.Cells.Select(c => (c.KernelName, c.Source)), back.Cells.Select(c => (c.KernelName, c.Source)));
        }
    }

    [Fact]
    public void Json_that_is_not_a_notebook_is_rejected_with_the_reason()
    {
        Assert.Contains("no \"cells\" array", Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("{\"a\":1}", "x.ipynb")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("{", "x.ipynb")).Message);
    }
}
