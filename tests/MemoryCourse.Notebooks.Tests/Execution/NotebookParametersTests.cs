using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Tests.Execution;

public class NotebookParametersTests
{
    private static readonly Notebook Sample = new(
    [
        new NotebookCell("markdown", "# t"),
        new NotebookCell("csharp", "// parameters\nint frames = 4;\nstring policy = \"LRU\";\ndouble scale = 1.5;"),
        new NotebookCell("csharp", "frames"),
    ], null);

    [Fact]
    public void Values_are_injected_as_a_cell_right_after_the_parameters_cell()
    {
        var nb = NotebookParameters.Inject(Sample, new Dictionary<string, string> { ["frames"] = "8", ["policy"] = "FIFO", ["scale"] = "2.25" });
        Assert.Equal(4, nb.Cells.Count);
        Assert.Equal("// injected parameters\nframes = 8;\npolicy = \"FIFO\";\nscale = 2.25;", nb.Cells[2].Source);
    }

    [Fact]
    public void A_parameter_the_cell_does_not_set_is_reported()
    {
        var problems = NotebookParameters.Validate(Sample, "ch.dib", new Dictionary<string, string> { ["frame"] = "8" });
        Assert.Equal("ch.dib: parameter 'frame' is not set in the parameters cell (cell 2)", problems.Single());
    }

    [Fact]
    public void A_notebook_without_a_parameters_cell_is_reported()
    {
        var nb = new Notebook([new NotebookCell("csharp", "var x = 1;")], null);
        Assert.Contains("no parameters cell", NotebookParameters.Validate(nb, "x.dib", new Dictionary<string, string> { ["x"] = "2" }).Single());
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("-3", "-3")]
    [InlineData("0.5", "0.5")]
    [InlineData("true", "true")]
    [InlineData("LRU", "\"LRU\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    public void Values_become_csharp_literals(string value, string literal) => Assert.Equal(literal, NotebookParameters.Literal(value));
}
