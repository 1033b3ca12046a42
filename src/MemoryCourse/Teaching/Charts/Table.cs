using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace MemoryCourse.Teaching.Charts;

/// <summary>
/// Rows of records as an HTML table with one column per property, for <c>HTML(Table.Of(rows))</c> in a
/// notebook: the notebook formatter shows a list of records as one collapsed row each, which hides the
/// columns a learner wants to compare. Numbers are rounded to a few decimals,
/// lists as comma-separated values.
/// </summary>
public static class Table
{
    /// <summary>The rows as an HTML table (at most <paramref name="maxRows"/>, with a note when cut).</summary>
    public static string Of<T>(IEnumerable<T> rows, int maxRows = 60, int decimals = 3)
    {
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        var list = rows.ToList();
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var p in props) html.Append("<th>").Append(WebUtility.HtmlEncode(p.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in list.Take(maxRows))
        {
            html.Append("<tr>");
            foreach (var p in props) html.Append("<td>").Append(WebUtility.HtmlEncode(Cell(p.GetValue(row), decimals))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (list.Count > maxRows) html.Append($"<p>… {list.Count - maxRows} more rows</p>");
        return html.ToString();
    }

    /// <summary>How one value is printed in a cell.</summary>
    public static string Cell(object? value, int decimals = 3) => value switch
    {
        null => "",
        string s => s,
        double d => Math.Round(d, decimals).ToString(CultureInfo.InvariantCulture),
        float f => Math.Round(f, decimals).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => string.Join(", ", e.Cast<object?>().Select(x => Cell(x, decimals))),
        _ => value.ToString() ?? "",
    };
}
