using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Isolation;

/// <summary>
/// The child process one notebook runs in. It reads its job file, runs the notebook's cells and reports
/// each cell's start and result on its real standard output. The cells' own console output is captured
/// into their outputs, never mixed into the report. A cell that calls <c>Environment.Exit</c> is
/// reported from the process-exit hook, before the process goes.
/// </summary>
internal static class WorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "--job")
        {
            Console.Error.WriteLine("This is the course's notebook worker; run notebooks with 'memcourse run'.");
            return 2;
        }
        var job = JsonSerializer.Deserialize<WorkerJob>(await File.ReadAllTextAsync(args[1]), WorkerProtocol.Json)!;
        var report = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var gate = new object();
        void Send(WorkerEvent e) { lock (gate) report.WriteLine(WorkerProtocol.Encode(job.Nonce, e)); }

        int running = 0;
        bool finished = false;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!Volatile.Read(ref finished)) Send(new WorkerEvent("exit", Volatile.Read(ref running), ExitCode: Environment.ExitCode));
        };

        Console.SetOut(new SinkWriter(() => ExecutionScope.CurrentSink, "stdout"));
        Console.SetError(new SinkWriter(() => ExecutionScope.CurrentSink, "stderr"));
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(job.NotebookPath))!);

        Notebook notebook;
        try
        {
            notebook = DibFormat.Parse(job.NotebookText, job.NotebookPath);
        }
        catch (NotebookFormatException e)
        {
            Send(new WorkerEvent("unreadable", Message: e.Message));
            Volatile.Write(ref finished, true);
            return 2;
        }

        var executor = new NotebookExecutor(job.NotebookPath, job.ContinueOnError);
        await executor.RunAsync(notebook,
            onStart: i => { Volatile.Write(ref running, i); Send(new WorkerEvent("start", i)); },
            onEnd: r => { Volatile.Write(ref running, 0); Send(new WorkerEvent("end", r.Index, r)); });
        Volatile.Write(ref finished, true);
        Send(new WorkerEvent("done"));
        return 0;
    }
}
