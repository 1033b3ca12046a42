namespace MemoryCourse.Inspection.EventLoop;

/// <summary>
/// Where a callback waited before it ran, in the order Node.js serves them: the main script; the
/// nextTick queue and the microtask queue (promise reactions), both drained completely after every
/// callback, nextTick first; then the event loop's phases: expired timers, I/O completions (poll),
/// setImmediate callbacks (check).
/// </summary>
public enum TaskQueue { Script, NextTick, Microtask, Timer, Io, Immediate }

/// <summary>One callback run by the model: when (virtual milliseconds), from which queue, the call stack while it ran, and what it printed.</summary>
public sealed record EventLoopStep(int Index, double TimeMs, TaskQueue Queue, string Callback, IReadOnlyList<string> Output);

/// <summary>One printed line with the call stack at the moment it was printed (outermost first).</summary>
public sealed record PrintedLine(string Text, TaskQueue Queue, string CallStack);
