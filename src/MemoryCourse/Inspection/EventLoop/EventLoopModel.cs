namespace MemoryCourse.Inspection.EventLoop;

/// <summary>
/// A small, deterministic model of Node.js's event loop, enough to explain <c>process.nextTick</c>:
/// a call stack, the nextTick queue, the microtask queue, and the macrotask phases (timers, I/O poll,
/// check for setImmediate). Time is virtual: the clock only moves when nothing is ready, jumping to the
/// next timer or I/O completion, so every run prints the same order. One simplification: in a real
/// main module, <c>setTimeout(f, 0)</c> versus <c>setImmediate(g)</c> can go either way (it depends on
/// how fast the process starts); here the immediate always wins, as it does in real Node inside an I/O
/// callback.
/// </summary>
public sealed class EventLoopModel
{
    private sealed record Pending(string Name, Action<EventLoopModel> Callback, double DueMs, long Sequence);

    private readonly Queue<Pending> _ticks = new();
    private readonly Queue<Pending> _microtasks = new();
    private readonly Queue<Pending> _immediates = new();
    private readonly List<Pending> _timers = new();
    private readonly List<Pending> _io = new();
    private readonly List<string> _stack = new();
    private readonly List<EventLoopStep> _steps = new();
    private readonly List<PrintedLine> _printed = new();
    private List<string> _currentOutput = new();
    private TaskQueue _currentQueue = TaskQueue.Script;
    private long _sequence;

    /// <summary>Every callback run, in order.</summary>
    public IReadOnlyList<EventLoopStep> Steps => _steps;

    /// <summary>Every printed line with its call stack.</summary>
    public IReadOnlyList<PrintedLine> Printed => _printed;

    /// <summary>Just the printed text, in order.</summary>
    public IReadOnlyList<string> Output => _printed.Select(p => p.Text).ToArray();

    /// <summary>The virtual clock in milliseconds.</summary>
    public double NowMs { get; private set; }

    /// <summary>Safety limit on callbacks, so a model of endless recursion stops instead of hanging the notebook.</summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>console.log: records a line and the call stack at that moment.</summary>
    public void Log(string text)
    {
        _printed.Add(new PrintedLine(text, _currentQueue, string.Join(" > ", _stack)));
        _currentOutput.Add(text);
    }

    /// <summary>A synchronous function call: runs <paramref name="body"/> now with <paramref name="name"/> pushed on the call stack.</summary>
    public void Call(string name, Action body)
    {
        _stack.Add(name);
        try { body(); }
        finally { _stack.RemoveAt(_stack.Count - 1); }
    }

    /// <summary>process.nextTick(cb): runs after the current callback, before promises and before the loop continues.</summary>
    public void NextTick(string name, Action<EventLoopModel> callback) => _ticks.Enqueue(New(name, callback, NowMs));

    /// <summary>queueMicrotask(cb) or Promise.resolve().then(cb): runs after the nextTick queue is empty.</summary>
    public void QueueMicrotask(string name, Action<EventLoopModel> callback) => _microtasks.Enqueue(New(name, callback, NowMs));

    /// <summary>setTimeout(cb, delay): Node turns delays below 1 ms into 1 ms.</summary>
    public void SetTimeout(string name, Action<EventLoopModel> callback, double delayMs = 0) =>
        _timers.Add(New(name, callback, NowMs + Math.Max(1, delayMs)));

    /// <summary>setImmediate(cb): runs in the check phase, right after the poll phase.</summary>
    public void SetImmediate(string name, Action<EventLoopModel> callback) => _immediates.Enqueue(New(name, callback, NowMs));

    /// <summary>An asynchronous I/O call such as fs.stat: its callback runs in the poll phase once the I/O completes.</summary>
    public void StartIo(string name, Action<EventLoopModel> callback, double durationMs = 1) =>
        _io.Add(New(name, callback, NowMs + durationMs));

    /// <summary>Runs a script and then the event loop until nothing is pending.</summary>
    public static EventLoopModel Run(Action<EventLoopModel> script, int maxSteps = 100_000)
    {
        var loop = new EventLoopModel { MaxSteps = maxSteps };
        loop.Execute(new Pending("main", script, 0, 0), TaskQueue.Script);
        loop.Loop();
        return loop;
    }

    private Pending New(string name, Action<EventLoopModel> cb, double due) => new(name, cb, due, ++_sequence);

    private void Loop()
    {
        while (_timers.Count + _io.Count + _immediates.Count > 0)
        {
            // timers phase: every timer already due, earliest first
            foreach (var t in _timers.Where(t => t.DueMs <= NowMs).OrderBy(t => t.DueMs).ThenBy(t => t.Sequence).ToList())
            {
                _timers.Remove(t);
                Execute(t, TaskQueue.Timer);
            }
            // poll phase: when nothing is ready, wait (move the clock) for the next I/O or timer
            if (_immediates.Count == 0 && !_io.Any(i => i.DueMs <= NowMs) && !_timers.Any(t => t.DueMs <= NowMs))
            {
                var next = _io.Concat(_timers).Select(p => p.DueMs).DefaultIfEmpty(NowMs).Min();
                NowMs = Math.Max(NowMs, next);
            }
            foreach (var io in _io.Where(i => i.DueMs <= NowMs).OrderBy(i => i.DueMs).ThenBy(i => i.Sequence).ToList())
            {
                _io.Remove(io);
                Execute(io, TaskQueue.Io);
            }
            // check phase: the immediates queued before this phase began
            int n = _immediates.Count;
            for (int i = 0; i < n; i++) Execute(_immediates.Dequeue(), TaskQueue.Immediate);
        }
    }

    private void Execute(Pending p, TaskQueue queue)
    {
        RunOne(p, queue);
        // After every macrotask: empty the nextTick queue, then the microtasks; repeat while either refills.
        while (_ticks.Count > 0 || _microtasks.Count > 0)
        {
            while (_ticks.Count > 0) RunOne(_ticks.Dequeue(), TaskQueue.NextTick);
            while (_microtasks.Count > 0) RunOne(_microtasks.Dequeue(), TaskQueue.Microtask);
        }
    }

    private void RunOne(Pending p, TaskQueue queue)
    {
        if (_steps.Count >= MaxSteps)
            throw new InvalidOperationException(
                $"more than {MaxSteps} callbacks: a nextTick or microtask that keeps rescheduling itself starves the event loop");
        _currentQueue = queue;
        _currentOutput = new List<string>();
        Call(p.Name, () => p.Callback(this));
        _steps.Add(new EventLoopStep(_steps.Count + 1, NowMs, queue, p.Name, _currentOutput));
    }
}
