using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// What the parent asks a worker to run: the notebook's text (already with any injected parameters) and
/// the path it stands for, whose folder is the working directory for <c>#r</c> and <c>#!import</c>.
/// </summary>
internal sealed record WorkerJob(string NotebookPath, string NotebookText, bool ContinueOnError, string Nonce);

/// <summary>
/// One line a worker prints on its real standard output for the parent: a cell started, a cell ended
/// (with its result), the process is exiting in a cell, or the notebook is done. Lines start with a
/// per-run nonce so that anything else a cell manages to write to the raw stdout cannot be mistaken for one.
/// </summary>
internal sealed record WorkerEvent(string Type, int Cell = 0, CellResult? Result = null, int ExitCode = 0, string? Message = null);

internal static class WorkerProtocol
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Prefix(string nonce) => $"@@memcourse:{nonce}:";

    public static string Encode(string nonce, WorkerEvent e) => Prefix(nonce) + JsonSerializer.Serialize(e, Json);

    public static WorkerEvent? TryDecode(string nonce, string line)
    {
        string prefix = Prefix(nonce);
        if (!line.StartsWith(prefix, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<WorkerEvent>(line.AsSpan(prefix.Length), Json); }
        catch (JsonException) { return null; }
    }
}
