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
