using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Turns the kernel's events into a notebook's outputs, as VS Code shows them: each displayed value and
/// return value an output of its own, console text gathered into one stream output per stream, an update
/// of a displayed value replacing it in place (in whichever cell it was displayed), and errors last.
/// One instance serves a whole notebook, because a cell may update what an earlier cell displayed.
/// </summary>
internal sealed class CellOutputs
{
    // Where each displayed value lives, so DisplayedValueUpdated can replace it: O(1) per update.
    private readonly Dictionary<string, (List<InteractiveDocumentOutputElement> Cell, int Index)> _displays = [];
    private List<InteractiveDocumentOutputElement> _current = [];

    /// <summary>The most of one stream output that is kept (characters); a flood beyond it is cut with a note.</summary>
    public const int StreamKeepLimit = 1 << 20;

    // The console stream being written, as a builder, so many small writes cost O(total) rather than a copy
    // of everything so far per write; it becomes the list's last TextElement at Flush.
    private StringBuilder? _stream;
    private string _streamName = "";
    private bool _streamCut;

    /// <summary>Starts collecting the outputs of the next cell.</summary>
    public List<InteractiveDocumentOutputElement> BeginCell()
    {
        Flush();
        return _current = [];
    }

    /// <summary>Completes the current cell's outputs (the console text written so far becomes its output).</summary>
    public void EndCell() => Flush();

    /// <summary>Adds what one event shows, if it shows anything.</summary>
    public void Add(KernelEvent e)
    {
        if (e is not (StandardOutputValueProduced or StandardErrorValueProduced)) Flush();
        switch (e)
        {
            case DisplayedValueUpdated updated when updated.ValueId is { } id && _displays.TryGetValue(id, out var at):
                at.Cell[at.Index] = Display(updated);
                break;
            case DisplayedValueProduced displayed:
                if (displayed.ValueId is { } valueId) _displays[valueId] = (_current, _current.Count);
                _current.Add(Display(displayed));
                break;
            case ReturnValueProduced value:
                var element = new ReturnValueElement();
                foreach (var (mime, text) in Data(value)) element.Data[mime] = text;
                _current.Add(element);
                break;
            case StandardOutputValueProduced stdout:
                AppendStream("stdout", Text(stdout));
                break;
            case StandardErrorValueProduced stderr:
                AppendStream("stderr", Text(stderr));
                break;
            case ErrorProduced error:
                _current.Add(new ErrorElement(errorValue: error.Message, errorName: "Error"));
                break;
        }
    }

    /// <summary>Adds the cell's failure as its error output.</summary>
    public void AddFailure(CellFailure failure)
    {
        Flush();
        string errorValue = failure.Line > 0 ? $"line {failure.Line}: {failure.Message}" : failure.Message;
        _current.Add(new ErrorElement(errorValue: errorValue, errorName: failure.Kind.ToString()));
    }

    // Consecutive writes to one stream are one output, as Jupyter shows them.
    private void AppendStream(string name, string text)
    {
        if (_stream is null || _streamName != name)
        {
            Flush();
            _current.Add(new TextElement("", name));
            _stream = new StringBuilder();
            _streamName = name;
            _streamCut = false;
        }
        if (_streamCut) return;
        if (_stream.Length + text.Length <= StreamKeepLimit) { _stream.Append(text); return; }
        _streamCut = true;
        _stream.Append(text, 0, StreamKeepLimit - _stream.Length);
        _stream.Append($"\n... (output cut: only the first {StreamKeepLimit >> 20} MiB of characters of a stream are kept)\n");
    }

    private void Flush()
    {
        if (_stream is null) return;
        _current[^1] = new TextElement(_stream.ToString(), _streamName);
        _stream = null;
    }

    private static DisplayElement Display(DisplayEvent e) => new(Data(e));

    private static IDictionary<string, object> Data(DisplayEvent e) =>
        e.FormattedValues.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.Last().Value);

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";
}
