using MemoryCourse.Charts.Tables;
using MemoryCourse.Paging.Translation;
using Microsoft.DotNet.Interactive.Formatting;

namespace MemoryCourse.Charts.Tests.Tables;

/// <summary>
/// The record formatters on the kernel's own formatting library, in this process. The real kernel's view of them
/// (through setup.dib) is tested by the notebook tests' SetupFormattersTests.
/// </summary>
public class CourseTablesTests
{
    private sealed record Row(int AddressBits, int Pages);

    private sealed record Trace(string Name, int[] Pages);

    private sealed class Plain
    {
        public int A { get; set; } = 1;
    }

    [Fact]
    public void A_list_of_records_is_written_as_a_table_with_a_column_per_property()
    {
        var formatter = new RecordListFormatter(Formatter.GetPreferredFormatterFor(typeof(System.Collections.IEnumerable), HtmlFormatter.MimeType));
        var html = Write(formatter, new[] { new Row(16, 16), new Row(32, 1 << 20) });
        Assert.StartsWith("<div class=\"memorycourse-table\"", html);
        Assert.Contains("<th>AddressBits</th><th>Pages</th>", html);
        Assert.Contains("<td>32</td><td>1048576</td>", html);
    }

    [Fact]
    public void Any_other_sequence_goes_to_the_formatter_that_was_there_before()
    {
        var before = Formatter.GetPreferredFormatterFor(typeof(System.Collections.IEnumerable), HtmlFormatter.MimeType);
        var formatter = new RecordListFormatter(before);
        int[] numbers = [1, 2, 3];
        Assert.Equal(Write(before, numbers), Write(formatter, numbers));
        Assert.DoesNotContain("memorycourse-table", Write(formatter, numbers));
    }

    [Theory]
    [InlineData(typeof(Row), true)]
    [InlineData(typeof(BaseAndBounds), true)] // a record of the models
    [InlineData(typeof(Trace), false)] // holds a list: the kernel's tree can open it
    [InlineData(typeof(AddressTranslation), false)]
    [InlineData(typeof(Plain), false)] // a class, not a record
    [InlineData(typeof(string), false)]
    public void Only_records_of_plain_values_are_one_row_tables(Type type, bool flat) => Assert.Equal(flat, CourseTables.IsFlatRecord(type));

    [Fact]
    public void The_models_records_of_plain_values_show_as_one_row_tables()
    {
        CourseTables.RegisterRecordsOf(typeof(BaseAndBounds).Assembly);
        var html = new BaseAndBounds(1000, 4096).ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<th>Base</th><th>Limit</th></tr></thead><tbody><tr><td>1000</td><td>4096</td></tr>", html);
    }

    [Fact]
    public void Registering_twice_in_one_process_registers_once()
    {
        CourseTables.Register();
        Assert.False(CourseTables.Register());
        var html = new List<Row> { new(48, 1 << 30) }.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(1, Count(html, "<table>"));
        Assert.Contains("<td>48</td><td>1073741824</td>", html);
    }

    private static string Write(ITypeFormatter formatter, object value)
    {
        using var writer = new StringWriter();
        formatter.Format(value, new FormatContext(writer));
        return writer.ToString();
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
