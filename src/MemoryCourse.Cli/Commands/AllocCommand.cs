using System.CommandLine;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse alloc</c>: the chapter 04 allocators on malloc-lab traces: <see cref="AllocReplayCommand"/>,
/// <see cref="AllocGenerateCommand"/> and <see cref="AllocListCommand"/>.
/// </summary>
internal static class AllocCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("alloc", "Heap allocators on malloc-lab traces: replay, generate, list.")
        {
            AllocReplayCommand.Create(stdout, stderr), AllocGenerateCommand.Create(stdout, stderr), AllocListCommand.Create(stdout),
        };
}
