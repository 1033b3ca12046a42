using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// How the kernel itself reads an exercise cell before C# sees it. The kernel's submission parser (the
/// Microsoft.DotNet.Interactive build the tool carries) splits a cell at <c>#!</c> lines into commands for
/// other kernels (<c>#!fsharp</c>, <c>#!pwsh</c>) and magic commands (<c>#!set</c>, <c>#!time</c>), and it
/// breaks lines at characters C# does not (a lone <c>\r</c>, a vertical tab). An exercise cell is C# alone,
/// so it passes only when the parser gives it back whole, as one C# submission; and it may hold no
/// line-break or control character other than <c>\n</c> and <c>\t</c>, so there is exactly one way to read
/// where its lines are.
/// </summary>
public sealed class KernelReading
{
    // The kernel names the tool knows; a #! line naming any of them switches kernels, any other #! is a magic command.
    private static readonly string[] ToolKernels = ["csharp", "fsharp", "pwsh", "html", "javascript", "mermaid", "http", "value", "markdown", "sql", "kql"];

    private readonly CompositeKernel _kernel;
    private readonly object _gate = new();

    public KernelReading()
    {
        _kernel = new CompositeKernel();
        foreach (var name in ToolKernels) _kernel.Add(new NamedOnly(name));
        _kernel.DefaultKernelName = "csharp";
    }

    /// <summary>What in <paramref name="code"/> the kernel would not run as one C# cell, by line (1-based); empty when nothing.</summary>
    public IReadOnlyList<ScreenFinding> Read(string code)
    {
        var findings = new List<ScreenFinding>();
        int line = 1;
        foreach (char c in code)
        {
            if (c == '\n') { line++; continue; }
            if (c != '\t' && (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF'))
            {
                findings.Add(new ScreenFinding(line, $"the character U+{(int)c:X4}",
                    "a line break or control character other than a newline or a tab, which the kernel and C# read differently"));
                return findings; // where such a character stands, the kernel's lines and the screen's no longer agree
            }
        }
        IReadOnlyList<KernelCommand> commands;
        lock (_gate) commands = _kernel.SubmissionParser.SplitSubmission(new SubmitCode(code, "csharp")).GetAwaiter().GetResult();
        if (commands is [SubmitCode { TargetKernelName: "csharp" } whole] && whole.Code == code) return findings;
        findings.Add(new ScreenFinding(DirectiveLine(code),
            commands.Any(c => c.TargetKernelName is { } k && k != "csharp") ? "a cell for another kernel" : "a magic command",
            "the kernel would not run this cell as C# alone"));
        return findings;
    }

    // The first line that the kernel can read as a directive: one starting with '#' once indented.
    private static int DirectiveLine(string code)
    {
        var lines = code.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].TrimStart().StartsWith('#')) return i + 1;
        return 1;
    }

    // A kernel that only lends the parser its name: nothing is ever sent to it.
    private sealed class NamedOnly(string name) : Microsoft.DotNet.Interactive.Kernel(name), IKernelCommandHandler<SubmitCode>
    {
        public Task HandleAsync(SubmitCode command, KernelInvocationContext context) =>
            throw new InvalidOperationException("grading only reads cells with this kernel");
    }
}
