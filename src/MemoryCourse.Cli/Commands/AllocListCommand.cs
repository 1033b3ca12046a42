using System.CommandLine;
using MemoryCourse.Allocation.Allocators;

namespace MemoryCourse.Cli.Commands;

/// <summary><c>memcourse alloc list</c>: names the allocators <c>alloc replay</c> takes, each with what it is.</summary>
internal static class AllocListCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("list", "List the allocators.");
        command.SetAction(_ =>
        {
            foreach (var name in AllocatorCatalog.Names) stdout.WriteLine($"{name,-11} {AllocatorCatalog.Describe(name)}");
            return CliApp.Ok;
        });
        return command;
    }
}
