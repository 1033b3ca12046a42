using System.Collections;
using MemoryCourse.Teaching.Charts;
using Microsoft.DotNet.Interactive.Formatting;

namespace MemoryCourse.Charts.Tables;

/// <summary>
/// The notebook's HTML formatter for sequences, taught one thing: a list of records (records, record structs,
/// anonymous types) shows as a table with a column per property (<see cref="Table.Of(IEnumerable, Type, int, int)"/>),
/// in a box that scrolls sideways when the table is wider than the page. Every other sequence goes to the formatter
/// that was in place before, so it shows exactly as it did.
/// </summary>
public sealed class RecordListFormatter(ITypeFormatter others) : ITypeFormatter
{
    /// <summary>How many rows a list shows before it says how many more there are.</summary>
    public const int MaxRows = 100;

    /// <inheritdoc/>
    public string MimeType => HtmlFormatter.MimeType;

    /// <inheritdoc/>
    public Type Type => typeof(IEnumerable);

    /// <inheritdoc/>
    public bool Format(object value, FormatContext context)
    {
        if (Table.RecordType(value) is not { } type) return others.Format(value, context);
        context.Writer.Write(Table.Of((IEnumerable)value, type, maxRows: MaxRows));
        return true;
    }
}
