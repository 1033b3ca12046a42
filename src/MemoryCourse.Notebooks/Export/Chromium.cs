using System.Diagnostics;

namespace MemoryCourse.Notebooks.Export;

/// <summary>
/// Headless Chromium, driven from the command line: load a page, let its scripts run, and return the DOM
/// or a PNG screenshot. Used to check that the book's charts really draw, and to make the images the README
/// shows. Chromium comes from the system (Debian's <c>chromium</c> package, or <c>CHROMIUM</c> = its path).
/// </summary>
public static class Chromium
{
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } custom && File.Exists(custom)) return custom;
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>The page's DOM after its scripts ran (up to <paramref name="budgetMs"/> of virtual time).</summary>
    public static string DumpDom(string htmlPath, int budgetMs = 10000) =>
        Run(htmlPath, ["--dump-dom", $"--virtual-time-budget={budgetMs}"], expectOutput: true);

    /// <summary>Writes a PNG screenshot of the page at the given viewport size.</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height, int budgetMs = 10000)
    {
        string temp = pngPath + ".tmp.png";
        string[] arguments = [$"--screenshot={temp}", $"--window-size={width},{height}", "--hide-scrollbars", $"--virtual-time-budget={budgetMs}"];
        Run(htmlPath, arguments, expectOutput: false);
        if (!File.Exists(temp)) throw new InvalidOperationException($"Chromium wrote no screenshot for {htmlPath}");
        File.Move(temp, pngPath, overwrite: true);
    }

    private static string Run(string htmlPath, string[] args, bool expectOutput)
    {
        string chromium = Find() ?? throw new InvalidOperationException(
            "Chromium was not found (looked for $CHROMIUM, /usr/bin/chromium). Install Debian's 'chromium' package; the test command does this.");
        string profile = Directory.CreateTempSubdirectory("memcourse-chromium-").FullName;
        try
        {
            // Flags for a closed network: no background connections, no sync, no first-run work.
            var info = new ProcessStartInfo(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-file-access-from-files", $"--user-data-dir={profile}", .. args, new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish loading {htmlPath} in 90 s");
            }
            string output = stdout.GetAwaiter().GetResult();
            if (expectOutput && output.Length == 0)
                throw new InvalidOperationException($"Chromium printed nothing for {htmlPath}: {stderr.GetAwaiter().GetResult()}");
            return output;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
