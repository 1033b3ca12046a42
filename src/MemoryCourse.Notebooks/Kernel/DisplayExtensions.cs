using MemoryCourse.Notebooks.Execution;

// The namespace is the real kernel's, so cell code written for VS Code (including an explicit
// `using Microsoft.DotNet.Interactive;`) compiles unchanged here.
namespace Microsoft.DotNet.Interactive;

/// <summary><c>value.Display()</c>: shows a value below the cell, as the C# kernel's extension does.</summary>
public static class DisplayExtensions
{
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
}

/// <summary>A value shown below a cell; <see cref="Update"/> replaces it in place (for progress, animation).</summary>
public sealed class DisplayedValue
{
    private readonly string _displayId;
    private readonly string[] _mimeTypes;

    private DisplayedValue(string displayId, string[] mimeTypes)
    {
        _displayId = displayId;
        _mimeTypes = mimeTypes;
    }

    internal static DisplayedValue Show(object? value, string[] mimeTypes)
    {
        var sink = ExecutionScope.CurrentSink ?? throw new InvalidOperationException("display() was called outside a running cell.");
        var id = sink.NewDisplayId();
        sink.Add(MemoryCourse.Notebooks.Documents.CellOutput.Display(ValueFormatter.Format(value, mimeTypes), id));
        return new DisplayedValue(id, mimeTypes);
    }

    /// <summary>Replaces what this display shows with <paramref name="value"/>.</summary>
    public void Update(object? value) => ExecutionScope.CurrentSink?.Replace(_displayId, ValueFormatter.Format(value, _mimeTypes));
}
