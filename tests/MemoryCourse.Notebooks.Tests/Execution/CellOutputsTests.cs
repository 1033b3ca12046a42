using MemoryCourse.Notebooks.Execution;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace MemoryCourse.Notebooks.Tests.Execution;

public class CellOutputsTests
{
    private static readonly SubmitCode Command = new("x");

    private static StandardOutputValueProduced Out(string text) => new(Command, [new FormattedValue("text/plain", text)]);

    private static StandardErrorValueProduced Err(string text) => new(Command, [new FormattedValue("text/plain", text)]);

    [Fact]
    public void Consecutive_writes_to_one_stream_are_one_output_in_order()
    {
        var outputs = new CellOutputs();
        var cell = outputs.BeginCell();
        for (int i = 0; i < 10_000; i++) outputs.Add(Out(i % 10 == 9 ? "9\n" : (i % 10).ToString()));
        outputs.Add(Err("oops"));
        outputs.Add(Out("after"));
        outputs.EndCell();

        Assert.Equal(3, cell.Count);
        var first = Assert.IsType<TextElement>(cell[0]);
        Assert.Equal("stdout", first.Name);
        Assert.Equal(string.Concat(Enumerable.Repeat("0123456789\n", 1000)), first.Text);
        Assert.Equal(("stderr", "oops"), (((TextElement)cell[1]).Name, ((TextElement)cell[1]).Text));
        Assert.Equal("after", ((TextElement)cell[2]).Text);
    }

    [Fact]
    public void A_flood_is_kept_up_to_the_limit_and_then_cut_with_a_note()
    {
        var outputs = new CellOutputs();
        var cell = outputs.BeginCell();
        string chunk = new('x', 1 << 16);
        for (int i = 0; i < 200; i++) outputs.Add(Out(chunk)); // 12.5 Mi characters
        outputs.EndCell();

        var text = Assert.IsType<TextElement>(Assert.Single(cell)).Text;
        Assert.Equal(new string('x', CellOutputs.StreamKeepLimit), text[..CellOutputs.StreamKeepLimit]);
        Assert.Contains("output cut", text[CellOutputs.StreamKeepLimit..]);
        Assert.True(text.Length < CellOutputs.StreamKeepLimit + 200);
    }

    [Fact]
    public void A_failure_comes_after_the_console_text_written_before_it()
    {
        var outputs = new CellOutputs();
        var cell = outputs.BeginCell();
        outputs.Add(Out("partial"));
        outputs.AddFailure(new CellFailure(FailureKind.Exception, 2, "boom"));
        Assert.Equal("partial", Assert.IsType<TextElement>(cell[0]).Text);
        Assert.IsType<ErrorElement>(cell[1]);
    }
}
