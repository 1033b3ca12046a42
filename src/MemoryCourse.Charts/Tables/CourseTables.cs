using System.Collections;
using System.Reflection;
using MemoryCourse.Teaching.Charts;
using Microsoft.DotNet.Interactive.Formatting;

namespace MemoryCourse.Charts.Tables;

/// <summary>
/// Teaches the notebook to show the course's records as tables: a list of records as a table with a column per
/// property (<see cref="RecordListFormatter"/>), and a single record whose properties are plain values as a one-row
/// table. <c>setup.dib</c> calls <see cref="Register"/> once per kernel. The kernel picks a formatter by the value's
/// type, and every cell compiles its own types (its records, its anonymous types) into an assembly of its own, so
/// each cell's records are registered as its assembly loads; the models' records are registered at once. A record
/// holding a list keeps the kernel's tree view, which can open the list.
/// </summary>
public static class CourseTables
{
    // Kept on the AppDomain, not in a static field: a setup imported twice (a chapter that imports it again, or a
    // learner re-running the setup) must not register twice, and the guard must hold for the whole kernel process.
    private const string RegisteredKey = "memorycourse.course-tables";

    private static readonly object Gate = new();

    /// <summary>
    /// Registers the table formatters in this process, once: later calls do nothing and return false.
    /// </summary>
    public static bool Register()
    {
        lock (Gate)
        {
            if (AppDomain.CurrentDomain.GetData(RegisteredKey) is not null) return false;
            AppDomain.CurrentDomain.SetData(RegisteredKey, true);
        }
        var others = Formatter.GetPreferredFormatterFor(typeof(IEnumerable), HtmlFormatter.MimeType);
        Formatter.Register(new RecordListFormatter(others));
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            if (IsCellAssembly(e.LoadedAssembly)) RegisterRecordsOf(e.LoadedAssembly);
        };
        RegisterRecordsOf(typeof(Table).Assembly);
        return true;
    }

    /// <summary>
    /// Registers a one-row table formatter for every record type of <paramref name="assembly"/> whose properties are
    /// plain values (see <see cref="IsFlatRecord"/>). O(types × properties) reflection, once per assembly.
    /// </summary>
    public static void RegisterRecordsOf(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = e.Types.OfType<Type>().ToArray(); }
        foreach (var type in types.Where(IsFlatRecord))
            Formatter.Register(type, (value, writer) => writer.Write(Table.Of(new[] { value }, value.GetType())), HtmlFormatter.MimeType);
    }

    /// <summary>
    /// True for a record (<see cref="Table.IsRecord"/>) none of whose properties is a list: such a record reads best
    /// as one table row. A string is a plain value here, not a list of characters.
    /// </summary>
    public static bool IsFlatRecord(Type type) =>
        Table.IsRecord(type)
        && type.GetProperties().All(p => p.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(p.PropertyType));

    // Roslyn's scripting gives each cell's assembly a name starting with "ℛ*" ("ℛ*<session>#<n>-<m>").
    internal static bool IsCellAssembly(Assembly assembly) =>
        assembly.GetName().Name?.StartsWith("\u211B*", StringComparison.Ordinal) == true;
}
