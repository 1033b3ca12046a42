namespace MemoryCourse.Cli.Tests;

/// <summary>
/// Runs <c>memcourse</c> in-process with its output captured, as a shell would see it, and finds the
/// repository's files (captures, traces, reference runs) that a command's output is compared with.
/// </summary>
internal static class Memcourse
{
    /// <summary>Runs <c>memcourse ARGS</c>: its exit code, stdout and stderr, lines ending in "\n".</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A path inside the repository: the folder holding MemoryCourse.sln, found above the test binary.</summary>
    public static string InRepo(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) return Path.Combine([dir.FullName, .. parts]);
        throw new DirectoryNotFoundException("MemoryCourse.sln not found above " + AppContext.BaseDirectory);
    }
}
