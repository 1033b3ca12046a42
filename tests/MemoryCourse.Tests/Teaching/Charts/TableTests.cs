using MemoryCourse.Teaching.Charts;

namespace MemoryCourse.Tests.Teaching.Charts;

public class TableTests
{
    private sealed record Row(string Name, double Ms, IReadOnlyList<long> Ids);

    [Fact]
    public void A_table_has_a_column_per_property_and_a_row_per_record_with_values_escaped()
    {
        string html = Table.Of(new[] { new Row("a<b", 1.23456, [1, 2]), new Row("c", 2, []) });
        Assert.Contains("<th>Name</th><th>Ms</th><th>Ids</th>", html);
        Assert.Contains("<td>a&lt;b</td><td>1.235</td><td>1, 2</td>", html);
        Assert.Equal(3, html.Split("<tr>").Length - 1);
    }

    [Fact]
    public void Long_tables_are_cut_with_a_note()
    {
        string html = Table.Of(Enumerable.Range(0, 10).Select(i => new { I = i }), maxRows: 4);
        Assert.Contains("… 6 more rows", html);
        Assert.Equal(5, html.Split("<tr>").Length - 1);
    }
}

public class RecordListTests
{
    private sealed record Row(string Name, int Pages);
    private readonly record struct Point(int X, int Y);
    private sealed class Plain { public int X { get; init; } }

    [Fact]
    public void Records_record_structs_and_anonymous_types_are_records()
    {
        Assert.True(Table.IsRecord(typeof(Row)));
        Assert.True(Table.IsRecord(typeof(Point)));
        Assert.True(Table.IsRecord(new { A = 1 }.GetType()));
        Assert.False(Table.IsRecord(typeof(Plain)));
        Assert.False(Table.IsRecord(typeof(string)));
        Assert.False(Table.IsRecord(typeof(int)));
    }

    [Fact]
    public void A_list_of_records_of_one_type_is_shown_as_a_table_of_that_type()
    {
        Assert.Equal(typeof(Row), Table.RecordType(new List<Row> { new("a", 1) }));
        Assert.Equal(typeof(Point), Table.RecordType(new[] { new Point(1, 2) }));
        var anonymous = Enumerable.Range(0, 3).Select(i => new { I = i });
        Assert.Equal(anonymous.First().GetType(), Table.RecordType(anonymous));
        Assert.Equal(typeof(Row), Table.RecordType(new List<object> { new Row("a", 1), new Row("b", 2) }));
    }

    [Fact]
    public void Other_values_are_left_to_the_notebook()
    {
        Assert.Null(Table.RecordType(new[] { 1, 2 }));
        Assert.Null(Table.RecordType("text"));
        Assert.Null(Table.RecordType(new Dictionary<string, Row> { ["a"] = new("a", 1) }));
        Assert.Null(Table.RecordType(new List<object> { new Row("a", 1), new Point(1, 2) }));
        Assert.Null(Table.RecordType(new List<object>()));
        Assert.Null(Table.RecordType(new Row("a", 1)));
        Assert.Null(Table.RecordType(new[] { new Plain() }));
    }

    [Fact]
    public void A_table_scrolls_sideways_inside_its_own_box()
    {
        string html = Table.Of(new[] { new Row("a", 1) }, typeof(Row));
        Assert.StartsWith($"<div class=\"{Table.BoxClass}\" style=\"overflow-x:auto;max-width:100%\"><table>", html);
        Assert.Contains("<th>Name</th><th>Pages</th>", html);
        Assert.EndsWith("</table></div>", html);
    }
}

public class EndlessTableTests
{
    [Fact]
    public void An_endless_sequence_is_cut_and_says_so()
    {
        static IEnumerable<object> Forever() { for (int i = 0; ; i++) yield return new { I = i }; }
        string html = Table.Of(Forever(), Forever().First().GetType(), maxRows: 3);
        Assert.Contains($"… more than {Table.CountLimit - 3} more rows", html);
    }
}
