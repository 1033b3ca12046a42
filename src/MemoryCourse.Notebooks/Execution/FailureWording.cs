namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// How a failed cell is put into words, in one place for every reader: the run's report, which names the limit
/// and the option that sets it (<see cref="Timeout"/>, <see cref="MemoryCap"/>, <see cref="KernelDied"/>), and a
/// grade's row, which tells a learner in a few words what their code did (<see cref="Brief"/>).
/// </summary>
public static class FailureWording
{
    /// <summary>The cell ran past the run's cell timeout.</summary>
    public static CellFailure Timeout(TimeSpan cellTimeout) => new(FailureKind.Timeout, 0,
        $"the cell ran longer than the {cellTimeout.TotalSeconds:0.#} s cell timeout (--timeout) and was stopped (an endless loop?)");

    /// <summary>The kernel's process tree grew past the run's memory cap.</summary>
    public static CellFailure MemoryCap(int memoryLimitMiB) => new(FailureKind.OutOfMemory, 0,
        $"the notebook's kernel process grew past the {memoryLimitMiB} MiB memory cap (--memory) and was stopped");

    /// <summary>
    /// Why the kernel's process ended while it ran a cell: the output limit it reached, or what its last lines on
    /// standard error (<paramref name="standardErrorTail"/>) and its exit code (<paramref name="exitCode"/>, null when
    /// unknown) tell: a stack overflow, an OutOfMemoryException, a signal, an exit of its own.
    /// </summary>
    public static CellFailure KernelDied(bool outputLimitExceeded, string standardErrorTail, int? exitCode)
    {
        if (outputLimitExceeded)
            return new CellFailure(FailureKind.OutputLimit, 0, "the cell wrote more output than a run allows and was stopped");
        string tail = standardErrorTail.Trim();
        int code = exitCode ?? -1;
        string firstLines = string.Join("\n", tail.Split('\n').Take(5));
        if (tail.Contains("Stack overflow", StringComparison.Ordinal))
            return new CellFailure(FailureKind.StackOverflow, 0,
                "stack overflow: the cell recursed too deeply (is there a recursion without a base case?), which ends the kernel's process");
        if (tail.Contains("OutOfMemoryException", StringComparison.Ordinal))
            return new CellFailure(FailureKind.OutOfMemory, 0, "the notebook's kernel process ran out of memory");
        if (code > 128 && code < 128 + 32)
        {
            string name = code switch { 137 => " (SIGKILL)", 134 => " (SIGABRT)", _ => "" };
            return new CellFailure(FailureKind.Crash, 0,
                $"the kernel's process was killed by signal {code - 128}{name}{(tail.Length > 0 ? ": " + firstLines : "")}");
        }
        if (tail.Length == 0 && code >= 0)
            return new CellFailure(FailureKind.ProcessExit, 0, $"the cell ended the kernel's process with exit code {code} (Environment.Exit?)");
        return new CellFailure(FailureKind.Crash, 0, $"the kernel's process exited with code {code}{(firstLines.Length > 0 ? ": " + firstLines : "")}");
    }

    /// <summary>
    /// A failure as a grade's row says it to a learner: the limit their code reached, without the run's options and
    /// numbers; a crash with what the process said; a compile error by its first error only.
    /// </summary>
    public static string Brief(CellFailure failure)
    {
        // A failed exercise check is the learner's own message; the exception's type name is noise to them.
        string message = failure.Message.Replace("MemoryCourse.Teaching.Checks.CheckFailedException: ", "");
        return failure.Kind switch
        {
            FailureKind.Timeout => "it ran past the time limit (an endless loop?)",
            FailureKind.OutOfMemory => "it used more memory than a submission may",
            FailureKind.StackOverflow => "stack overflow (a recursion without a base case?)",
            FailureKind.ProcessExit => "it ended the process (Environment.Exit?)",
            FailureKind.OutputLimit => "it wrote more output than a submission may",
            FailureKind.Crash or FailureKind.KernelUnavailable => $"the process crashed: {message}",
            // The compiler's first error is the one to fix: the ones after it (a CS0103 for every use of a name
            // the broken line failed to declare) mostly follow from it, and only crowd the row.
            FailureKind.CompileError => $"it does not compile: {message.Replace("\r\n", "\n").Split('\n')[0].Trim()}; fix this first",
            _ => $"{failure.Kind}: {message}",
        };
    }
}
