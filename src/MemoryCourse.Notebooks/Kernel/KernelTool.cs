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

    /// <summary>The tool's entry assembly, the one <c>dotnet</c> runs.</summary>
    public const string EntryAssembly = "Microsoft.DotNet.Interactive.App.dll";

    /// <summary>True when <see cref="OverrideVariable"/> names another build of the kernel to run.</summary>
    public static bool Overridden => Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 };

    /// <summary>
    /// The kernel to start: the other build <see cref="OverrideVariable"/> names, else the fast kernel when it
    /// is prepared (see <see cref="FastKernel"/>), else the plain tool; null when none is installed. It never
    /// prepares anything: <see cref="FastKernel.ChooseAsync"/> does.
    /// </summary>
    public static string? Find()
    {
        if (Overridden || !FastKernel.Enabled) return FindPlain();
        return FastKernel.FindPrepared() ?? FindPlain();
    }

    /// <summary>The tool's entry assembly as installed (or as <see cref="OverrideVariable"/> names it), or null when it is not installed.</summary>
    public static string? FindPlain()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } over)
            return File.Exists(over) ? Path.GetFullPath(over) : null;
        string path = Path.Combine(PackageCache(), "microsoft.dotnet-interactive", Version, "tools", "net10.0", "any", EntryAssembly);
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

    /// <summary>The <c>dotnet</c> host of the running runtime, so the kernel runs on the same runtime as the engine.</summary>
    public static string DotNetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string candidate = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(candidate) ? candidate : exe;
    }

    /// <summary>The NuGet global packages folder, where <c>dotnet tool restore</c> puts local tools.</summary>
    public static string PackageCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
