namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Where <c>display(...)</c> and <c>Console</c> writes go: the sink of the notebook running in this
/// process. Each notebook runs in its own worker process, one cell at a time, so a process-wide slot is
/// enough and lets background threads a cell starts still reach its outputs.
/// </summary>
internal static class ExecutionScope
{
    private static OutputSink? _current;

    public static OutputSink? CurrentSink => Volatile.Read(ref _current);

    public static void Enter(OutputSink sink) => Volatile.Write(ref _current, sink);
}
