namespace MemoryCourse.Notebooks.Execution;

/// <summary>
/// Serves <c>#r "nuget:Name, Version"</c> from the local NuGet package folder, because the course runs
/// offline: a package that some build on this machine already restored is found; anything else is a clear
/// error saying how to get it. Only the package's own assemblies are referenced, not its dependencies.
/// </summary>
internal static class NuGetCache
{
    // The framework folders a package may ship, most specific first; the worker runs on net10.0.
    private static readonly string[] Frameworks =
        ["net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0", "netstandard1.6"];

    public static string Root =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The package's assemblies for the newest compatible framework. Throws with a learner-friendly message when absent.</summary>
    public static IReadOnlyList<string> Resolve(string package, string? version)
    {
        string folder = Path.Combine(Root, package.ToLowerInvariant());
        if (!Directory.Exists(folder))
            throw new InvalidOperationException(
                $"package '{package}' is not in the local NuGet cache ({Root}) and this engine cannot download packages. " +
                $"Restore it once with a project (dotnet add package {package}) or open the notebook in VS Code.");
        string? chosen = version is null
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().OrderByDescending(v => v, VersionComparer.Instance).FirstOrDefault()
            : Directory.Exists(Path.Combine(folder, version.ToLowerInvariant())) ? version.ToLowerInvariant() : null;
        if (chosen is null)
        {
            string have = string.Join(", ", Directory.GetDirectories(folder).Select(Path.GetFileName));
            throw new InvalidOperationException(
                $"package '{package}' version {version} is not in the local NuGet cache ({Root}); versions there: {(have.Length > 0 ? have : "none")}.");
        }
        string lib = Path.Combine(folder, chosen, "lib");
        foreach (var tfm in Frameworks)
        {
            string dir = Path.Combine(lib, tfm);
            if (Directory.Exists(dir)) return Directory.GetFiles(dir, "*.dll");
        }
        throw new InvalidOperationException($"package '{package}' {chosen} has no assemblies for .NET (looked in {lib}).");
    }

    private sealed class VersionComparer : IComparer<string?>
    {
        public static readonly VersionComparer Instance = new();
        public int Compare(string? x, string? y)
        {
            static (Version, string) Key(string? s)
            {
                s ??= "";
                int dash = s.IndexOf('-');
                string core = dash < 0 ? s : s[..dash];
                return (Version.TryParse(core, out var v) ? v : new Version(0, 0), dash < 0 ? "~" : s[dash..]); // releases sort after pre-releases
            }
            var (vx, sx) = Key(x);
            var (vy, sy) = Key(y);
            int c = vx.CompareTo(vy);
            return c != 0 ? c : string.CompareOrdinal(sx, sy);
        }
    }
}
