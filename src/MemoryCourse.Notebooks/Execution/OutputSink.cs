using System.Text;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Collects the outputs of the cell that is running, in the order they happen: displayed values, console
/// text and the trailing expression's value. Console writes are appended to the last output when it is the
/// same stream, so printed lines and displayed tables interleave exactly as the cell produced them.
/// </summary>
internal sealed class OutputSink
{
    private readonly object _gate = new();
    private readonly List<CellOutput> _outputs = [];
    private int _nextDisplayId;

    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (_gate) return _outputs.ToList();
    }

    public void Clear()
    {
        lock (_gate) _outputs.Clear();
    }

    public void Add(CellOutput output)
    {
        lock (_gate) _outputs.Add(output);
    }

    public string NewDisplayId()
    {
        lock (_gate) return $"display-{++_nextDisplayId}";
    }

    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is { Kind: OutputKind.Stream } last && last.StreamName == stream)
                _outputs[^1] = last with { Text = last.Text + text };
            else
                _outputs.Add(CellOutput.Stream(stream, text));
        }
    }

    /// <summary>Replaces a displayed value in place, as <c>DisplayedValue.Update</c> does in a live notebook.</summary>
    public void Replace(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_gate)
        {
            for (int i = 0; i < _outputs.Count; i++)
                if (_outputs[i].DisplayId == displayId) _outputs[i] = _outputs[i] with { Data = data };
        }
    }
}

/// <summary>A <see cref="TextWriter"/> that sends everything written to it into the running cell's outputs.</summary>
internal sealed class SinkWriter(Func<OutputSink?> sink, string stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;
    public override void Write(char value) => sink()?.Write(stream, value.ToString());
    public override void Write(string? value) { if (value is not null) sink()?.Write(stream, value); }
    public override void Write(char[] buffer, int index, int count) => sink()?.Write(stream, new string(buffer, index, count));
}
