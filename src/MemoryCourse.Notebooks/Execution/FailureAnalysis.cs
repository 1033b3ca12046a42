using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Events;

namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Reads a failed cell's reply from the kernel and says, in a report's terms, what went wrong and on which
/// line of the cell: compile errors and unknown magic commands from the kernel's diagnostics (exact lines);
/// exceptions from the exception's stack. The kernel compiles cells without line information, so for an
/// exception the line is inferred: the call the cell's top-level code was making when it threw (or its
/// <c>throw</c>), disambiguated by text the exception message quotes; 0 when it stays ambiguous, rather
/// than a guess.
/// </summary>
internal static partial class FailureAnalysis
{
    public static CellFailure Analyse(KernelReply reply, string source)
    {
        var errors = reply.Events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics)
            .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var kind = first.Code.StartsWith("DNI", StringComparison.Ordinal) ? FailureKind.MagicCommand : FailureKind.CompileError;
            string message = string.Join("\n", errors.Select(d =>
                $"({d.LinePositionSpan.Start.Line + 1},{d.LinePositionSpan.Start.Character + 1}): error {d.Code}: {d.Message}"));
            return new CellFailure(kind, first.LinePositionSpan.Start.Line + 1, message);
        }
        string text = reply.FailureMessage ?? reply.Events.OfType<ErrorProduced>().Select(e => e.Message).FirstOrDefault() ?? "the cell failed";
        var (type, exceptionMessage, frames) = ParseException(text);
        if (type is null) return new CellFailure(FailureKind.Exception, LineOfCompilerPosition(text), FirstLine(text));
        var failureKind = type.EndsWith("OutOfMemoryException", StringComparison.Ordinal) ? FailureKind.OutOfMemory : FailureKind.Exception;
        return new CellFailure(failureKind, LineOfThrow(frames, exceptionMessage, source), $"{type}: {exceptionMessage}");
    }

    // "System.DivideByZeroException: Attempted to divide by zero.\n   at Submission#5.Divide(...)\n ..."
    private static (string? Type, string Message, IReadOnlyList<string> Frames) ParseException(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int firstFrame = Array.FindIndex(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        string head = string.Join("\n", firstFrame < 0 ? lines : lines[..firstFrame]).Trim();
        var m = ExceptionHead().Match(head);
        if (!m.Success) return (null, head, []);
        var frames = firstFrame < 0 ? [] : lines[firstFrame..].Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        return (m.Groups["type"].Value, m.Groups["message"].Value.Trim(), frames);
    }

    private static int LineOfThrow(IReadOnlyList<string> frames, string message, string source)
    {
        // The cell's own top-level code runs as Submission#N.<<Initialize>>; the frame above it is what it called.
        int top = -1;
        for (int i = 0; i < frames.Count; i++)
            if (frames[i].Contains("<Initialize>", StringComparison.Ordinal)) { top = i; break; } // also Submission#N.<<Initialize>>d__
        if (top < 0) return 0;
        var lines = source.Replace("\r\n", "\n").Split('\n');
        IEnumerable<int> candidates;
        if (top == 0)
            candidates = Enumerable.Range(0, lines.Length).Where(i => ThrowStatement().IsMatch(lines[i]));
        else
        {
            string callee = CalleeName(frames[top - 1]);
            if (callee.Length == 0) return 0;
            var call = new Regex($@"\b{Regex.Escape(callee)}\s*(<[^()]*>)?\s*\(");
            candidates = Enumerable.Range(0, lines.Length).Where(i => call.IsMatch(lines[i]) && !IsDeclaration(lines[i], callee));
        }
        var found = candidates.ToList();
        if (found.Count > 1)
        {
            // A check's message starts with its "what" text, which stands in the line that made the call.
            var quoted = found.Where(i => QuotedStrings(lines[i]).Any(q => q.Length >= 6 && message.Contains(q, StringComparison.Ordinal))).ToList();
            if (quoted.Count >= 1) found = quoted;
        }
        return found.Count == 1 ? found[0] + 1 : 0;
    }

    // "at Submission#5.Divide(Int32 x, Int32 y)" -> Divide; "at Submission#7.<<Initialize>>g__Run|0_0(...)" -> Run;
    // "at MemoryCourse.Teaching.Checks.Check.Equal[T](T expected, ...)" -> Equal.
    private static string CalleeName(string frame)
    {
        string method = frame[3..];
        int paren = method.IndexOf('(');
        if (paren >= 0) method = method[..paren];
        int generic = method.IndexOf('[');
        if (generic >= 0) method = method[..generic];
        var local = LocalFunction().Match(method);
        if (local.Success) return local.Groups["name"].Value;
        string name = method[(method.LastIndexOf('.') + 1)..];
        if (name is "MoveNext" or ".ctor")
        {
            // An async method's state machine (<Name>d__3.MoveNext) or a constructor: take the type or method before it.
            var parts = method.Split('.');
            string owner = parts.Length >= 2 ? parts[^2] : "";
            var asyncName = StateMachine().Match(owner);
            return asyncName.Success ? asyncName.Groups["name"].Value : owner;
        }
        return name;
    }

    private static bool IsDeclaration(string line, string name) =>
        new Regex($@"^\s*(static\s+|async\s+|public\s+|private\s+)*[\w<>\[\],.?]+\s+{Regex.Escape(name)}\s*\(").IsMatch(line)
        && !line.Contains('=');

    private static IEnumerable<string> QuotedStrings(string line) =>
        QuotedString().Matches(line).Select(m => m.Groups[1].Value.Split('{')[0]);

    private static int LineOfCompilerPosition(string text)
    {
        var m = CompilerPosition().Match(text);
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w.`+]*(Exception|Error)):\s?(?<message>[\s\S]*)$")]
    private static partial Regex ExceptionHead();

    [GeneratedRegex(@"\bthrow\b")]
    private static partial Regex ThrowStatement();

    [GeneratedRegex(@"g__(?<name>\w+)\|")]
    private static partial Regex LocalFunction();

    [GeneratedRegex(@"^<(?<name>\w+)>d__")]
    private static partial Regex StateMachine();

    [GeneratedRegex("\\$?@?\"([^\"]*)\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^\((\d+),\d+\)")]
    private static partial Regex CompilerPosition();
}
