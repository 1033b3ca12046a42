namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// The Polyglot Notebooks kernel: the <c>dotnet-interactive</c> tool that VS Code starts for a notebook,
/// at the version the repository pins in <c>.config/dotnet-tools.json</c>. The build installs it with
/// <c>dotnet tool restore</c>, which puts it in the NuGet package cache; the engine starts it from there
/// with the arguments VS Code uses, so a cell runs here exactly as it runs in a learner's editor.
/// </summary>
public static class KernelTool
{
    /// <summary>The pinned version (the manifest says the same; a test keeps the two equal).</summary>
    public const string Version = "1.0.712001";

    /// <summary>Set this variable to a <c>Microsoft.DotNet.Interactive.App.dll</c> to run another build of the kernel.</summary>
    public const string OverrideVariable = "MEMCOURSE_KERNEL_DLL";

    /// <summary>Where the tool's entry assembly is, or null when it is not installed.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } over)
            return File.Exists(over) ? Path.GetFullPath(over) : null;
        string path = Path.Combine(PackageCache(), "microsoft.dotnet-interactive", Version, "tools", "net10.0", "any", "Microsoft.DotNet.Interactive.App.dll");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The message for a machine where <see cref="Find"/> came back empty.</summary>
    public static string NotInstalledMessage =>
        $"the Polyglot Notebooks kernel (dotnet-interactive {Version}) is not installed: run 'dotnet tool restore' in the repository " +
        $"(the build does this; it needs the NuGet feed once), or set {OverrideVariable}";

    /// <summary>
    /// The arguments VS Code's Polyglot Notebooks extension passes (its <c>kernelTransportArgs</c>):
    /// the <c>[vscode]</c> frontend directive, stdio mode, and the notebook's folder as working directory.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string toolDll, string workingDirectory) =>
        [toolDll, "[vscode]", "stdio", "--working-dir", workingDirectory];

    /// <summary>The NuGet global packages folder, where <c>dotnet tool restore</c> puts local tools.</summary>
    public static string PackageCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
