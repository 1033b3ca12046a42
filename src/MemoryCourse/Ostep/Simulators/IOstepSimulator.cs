namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// One of the OSTEP virtual-memory homework simulators (relocation.py, segmentation.py, malloc.py, ...)
/// ported to C#. Given the same flags it produces exactly what Python 3 prints running the original
/// script, so an instructor can assign the same problems and check answers against either version.
/// </summary>
public interface IOstepSimulator
{
    /// <summary>The script's name without <c>.py</c>, as typed after <c>memcourse ostep</c>.</summary>
    string Name { get; }

    /// <summary>Runs the simulator with the script's original command-line flags.</summary>
    OstepRun Run(IReadOnlyList<string> args);
}

/// <summary>What a simulator run printed and how it exited, as the original script would have.</summary>
/// <param name="Stdout">Everything the script prints to standard output.</param>
/// <param name="Stderr">Messages for standard error (where the original would have crashed or complained).</param>
/// <param name="ExitCode">The process exit status the original script ends with.</param>
public sealed record OstepRun(string Stdout, string Stderr, int ExitCode);
