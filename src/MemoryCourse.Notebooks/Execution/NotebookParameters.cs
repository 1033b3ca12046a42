using System.Globalization;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Papermill-style parameters. A notebook marks one C# cell as its parameters cell by making
/// <c>// parameters</c> its first line; <c>memcourse run -p name=value</c> then inserts, right after that
/// cell, a cell assigning the new values (<c>name = value;</c>). Assignment rather than redeclaration keeps
/// each parameter's type, so a value of the wrong type is a compile error naming the parameter.
/// Numbers and <c>true</c>/<c>false</c> are written as C# literals; anything else becomes a string literal.
/// </summary>
public static class NotebookParameters
{
    public const string Marker = "// parameters";
    public const string InjectedMarker = "// injected parameters";

    public static int FindParametersCell(Notebook notebook)
    {
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.KernelName != KernelNames.CSharp) continue;
            string first = cell.Source.Split('\n')[0].Trim();
            if (string.Equals(first, Marker, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>Checks that the notebook has a parameters cell declaring every name; returns the problems found.</summary>
    public static IReadOnlyList<string> Validate(Notebook notebook, string path, IReadOnlyDictionary<string, string> parameters)
    {
        if (parameters.Count == 0) return [];
        int at = FindParametersCell(notebook);
        if (at < 0) return [$"{path}: -p given, but the notebook has no parameters cell (a C# cell whose first line is '{Marker}')"];
        var source = notebook.Cells[at].Source;
        return parameters.Keys
            .Where(name => !Regex.IsMatch(source, $@"\b{Regex.Escape(name)}\s*=(?!=)"))
            .Select(name => $"{path}: parameter '{name}' is not set in the parameters cell (cell {at + 1})")
            .ToList();
    }

    /// <summary>The notebook with the injected cell after its parameters cell (unchanged when there are no parameters).</summary>
    public static Notebook Inject(Notebook notebook, IReadOnlyDictionary<string, string> parameters)
    {
        if (parameters.Count == 0) return notebook;
        int at = FindParametersCell(notebook);
        if (at < 0) return notebook;
        var lines = parameters.Select(p => $"{p.Key} = {Literal(p.Value)};");
        var injected = new NotebookCell(KernelNames.CSharp, InjectedMarker + "\n" + string.Join("\n", lines));
        var cells = notebook.Cells.ToList();
        cells.Insert(at + 1, injected);
        return notebook with { Cells = cells };
    }

    public static string Literal(string value)
    {
        if (value is "true" or "false") return value;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return value;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && value.Contains('.')) return value;
        return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
