using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Tests.Execution;

public class NotebookParametersTests
{
    private static readonly Microsoft.DotNet.Interactive.Documents.InteractiveDocument Sample = Notebooks.Of(
        ("markdown", "# t"),
        ("csharp", "// parameters\nint frames = 4;      // a comment\nstring policy = \"LRU\";\ndouble scale = 1.5;\nvar seed = 7L;\nbool fast = true;"),
        ("csharp", "frames"));

    private static Dictionary<string, string> P(params (string, string)[] values) => values.ToDictionary(v => v.Item1, v => v.Item2);

    [Fact]
    public void The_parameters_cell_declares_names_with_their_types()
    {
        Assert.Equal([("frames", "int"), ("policy", "string"), ("scale", "double"), ("seed", "long"), ("fast", "bool")],
            NotebookParameters.Declarations(Sample.Elements[1].Contents).Select(d => (d.Name, d.Type)));
    }

    [Fact]
    public void Values_become_assignments_of_literals_of_the_declared_types()
    {
        Assert.Equal("// injected parameters\nframes = 8;\npolicy = \"FIFO\";\nscale = 2.25d;\nseed = 3L;\nfast = false;",
            NotebookParameters.InjectedCode(Sample, P(("frames", "8"), ("policy", "FIFO"), ("scale", "2.25"), ("seed", "3"), ("fast", "false"))));
    }

    [Fact]
    public void A_parameter_the_cell_does_not_declare_is_reported_with_the_names_it_does()
    {
        var problems = NotebookParameters.Validate(Sample, "ch.dib", P(("frame", "8")));
        Assert.Equal("ch.dib: parameter 'frame' is not declared at the top level of the parameters cell (cell 2); " +
            "it declares frames, policy, scale, seed, fast", problems.Single());
    }

    [Theory]
    [InlineData("frames", "eight", "ch.dib: parameter 'frames' is an int (cell 2), and 'eight' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("frames", "3000000000", "is an int (cell 2), and '3000000000' is not a whole number")]
    [InlineData("scale", "NaN", "parameter 'scale' is a double (cell 2), and 'NaN' is not a finite number")]
    [InlineData("fast", "yes", "parameter 'fast' is a bool (cell 2), and 'yes' is not true or false")]
    public void A_value_of_the_wrong_type_names_the_parameter_the_value_and_the_type(string name, string value, string expected)
    {
        Assert.Contains(expected, NotebookParameters.Validate(Sample, "ch.dib", P((name, value))).Single());
    }

    [Fact]
    public void A_notebook_without_a_parameters_cell_is_reported()
    {
        var nb = Notebooks.Of(("csharp", "var x = 1;"));
        Assert.Contains("no parameters cell", NotebookParameters.Validate(nb, "x.dib", P(("x", "2"))).Single());
    }

    [Theory]
    [InlineData("string", "LRU", "\"LRU\"")]
    [InlineData("string", "say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("int", "2_000", "2000")]
    [InlineData("long", "-5", "-5L")]
    [InlineData("double", "1e300", "1E+300d")]
    public void Values_become_csharp_literals(string type, string value, string literal) => Assert.Equal(literal, NotebookParameters.Literal(type, value));

    // Reported: each of these passed the check and failed later as a compile error in code the learner did not write,
    // or silently ran with another value.
    private static readonly Microsoft.DotNet.Interactive.Documents.InteractiveDocument Odd = Notebooks.Of(
        ("csharp", "// parameters\nint @class = 3;\nconst int Pages = 4;\nstatic readonly int Frames = 2;\n" +
            "int Twice(int n) { int local = 2; return n * local; }\ndouble ratio = 0.5;"));

    [Fact]
    public void A_parameter_named_by_a_keyword_is_assigned_with_its_at_sign()
    {
        Assert.Empty(NotebookParameters.Validate(Odd, "odd.dib", P(("class", "5"))));
        Assert.Equal("// injected parameters\n@class = 5;", NotebookParameters.InjectedCode(Odd, P(("class", "5"))));
    }

    [Theory]
    [InlineData("Pages", "odd.dib: parameter 'Pages' is a const in the parameters cell (cell 1), which no assignment can change")]
    [InlineData("Frames", "odd.dib: parameter 'Frames' is readonly in the parameters cell (cell 1), which no assignment can change")]
    [InlineData("local", "odd.dib: parameter 'local' is not declared at the top level of the parameters cell (cell 1); it declares class, ratio")]
    public void A_const_a_readonly_field_or_a_methods_local_is_not_a_parameter(string name, string expected)
    {
        Assert.StartsWith(expected, NotebookParameters.Validate(Odd, "odd.dib", P((name, "5"))).Single());
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("-2.5e-999")]
    public void A_double_too_small_to_hold_is_refused_rather_than_made_zero(string value)
    {
        Assert.Contains($"parameter 'ratio' is a double (cell 1), and '{value}' is not a finite number a double holds",
            NotebookParameters.Validate(Odd, "odd.dib", P(("ratio", value))).Single());
        Assert.Empty(NotebookParameters.Validate(Odd, "odd.dib", P(("ratio", "0.0e-400"))));
    }
}
