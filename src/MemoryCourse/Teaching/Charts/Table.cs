using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace MemoryCourse.Teaching.Charts;

/// <summary>
/// Rows of records as an HTML table with one column per property. The course's setup notebook shows every
/// list of records this way (<see cref="RecordType"/> says which values are such lists); a notebook can also
/// call <c>HTML(Table.Of(rows))</c> itself. Without it the notebook formatter shows a list of records as one
/// collapsed row each, which hides the columns a learner wants to compare. Numbers are rounded to a few
/// decimals, lists as comma-separated values. A wide table scrolls sideways inside its own box, so the page
/// around it keeps its width.
/// </summary>
public static class Table
{
    /// <summary>The class of the box a table sits in (it scrolls sideways when the table is wider than the page).</summary>
    public const string BoxClass = "memorycourse-table";

    /// <summary>How many rows a table counts before it stops (an endless sequence is cut there).</summary>
    public const int CountLimit = 100_000;

    /// <summary>The rows as an HTML table (at most <paramref name="maxRows"/>, with a note when cut).</summary>
    public static string Of<T>(IEnumerable<T> rows, int maxRows = 60, int decimals = 3) =>
        Of(rows.Cast<object?>(), typeof(T), maxRows, decimals);

    /// <summary>
    /// The rows as an HTML table with a column per public property of <paramref name="type"/> (at most
    /// <paramref name="maxRows"/> rows, with a note when cut).
    /// </summary>
    public static string Of(IEnumerable rows, Type type, int maxRows = 60, int decimals = 3)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        // A sequence may be long or endless: only the rows shown are kept, and counting stops at CountLimit.
        var list = new List<object?>();
        int count = 0;
        foreach (var row in rows)
        {
            if (count < maxRows) list.Add(row);
            if (++count > CountLimit) break;
        }
        var html = new StringBuilder($"<div class=\"{BoxClass}\" style=\"overflow-x:auto;max-width:100%\"><table><thead><tr>");
        foreach (var p in props) html.Append("<th>").Append(WebUtility.HtmlEncode(p.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            foreach (var p in props) html.Append("<td>").Append(WebUtility.HtmlEncode(Cell(row is null ? null : p.GetValue(row), decimals))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        if (count > CountLimit) html.Append($"<p>… more than {CountLimit - maxRows} more rows</p>");
        else if (count > maxRows) html.Append($"<p>… {count - maxRows} more rows</p>");
        return html.ToString();
    }

    /// <summary>
    /// True for a type whose values read best as a table row: a record (class or struct) or an anonymous type,
    /// with at least one public property.
    /// </summary>
    public static bool IsRecord(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || typeof(IEnumerable).IsAssignableFrom(type)) return false;
        if (!type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.GetIndexParameters().Length == 0)) return false;
        bool anonymous = type.IsDefined(typeof(CompilerGeneratedAttribute), false) && type.Name.Contains("AnonymousType", StringComparison.Ordinal);
        // The compiler gives every record class and record struct a PrintMembers method (it writes ToString's body).
        bool record = type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, [typeof(StringBuilder)]) is not null;
        return anonymous || record;
    }

    /// <summary>
    /// When <paramref name="value"/> is a list (any sequence but a string or a dictionary) of records of one type,
    /// that type; otherwise null. The element type is the sequence's own (<c>IEnumerable&lt;T&gt;</c>) when it is a
    /// record, else the one type all the items have.
    /// </summary>
    public static Type? RecordType(object? value)
    {
        if (value is null or string or IDictionary || value is not IEnumerable sequence) return null;
        var declared = value.GetType().GetInterfaces().Append(value.GetType())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0]).FirstOrDefault();
        if (declared is not null && IsRecord(declared)) return declared;
        if (declared is not null && !declared.IsAssignableFrom(typeof(object)) && !declared.IsInterface && !declared.IsAbstract) return null;
        Type? only = null;
        int count = 0;
        foreach (var item in sequence)
        {
            if (item is null) return null;
            var t = item.GetType();
            if (only is null) only = t;
            else if (t != only) return null;
            if (++count > 10_000) break;
        }
        return only is not null && IsRecord(only) ? only : null;
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
