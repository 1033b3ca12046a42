namespace MemoryCourse.Tests;

/// <summary>
/// The code style no analyzer checks. The rest (naming, usings, unused members and parameters, file-scoped
/// namespaces) is in .editorconfig, which every build enforces.
/// </summary>
public class CodeStyleTests
{
    /// <summary>The longest line a .cs file may have; .editorconfig's <c>max_line_length</c> says the same.</summary>
    public const int MaxLineLength = 160;

    [Fact]
    public void No_cs_line_under_src_or_tests_is_longer_than_160_characters()
    {
        var tooLong = LongLines(RepositoryFiles.InRepo("src"))
            .Concat(LongLines(RepositoryFiles.InRepo("tests")))
            .ToList();
        Assert.True(tooLong.Count == 0,
            $"{tooLong.Count} lines are longer than {MaxLineLength} characters (wrap the string, argument list or chain):\n"
            + string.Join("\n", tooLong));
    }

    [Fact]
    public void A_long_line_is_named_by_file_line_and_length_and_build_output_is_not_read()
    {
        string root = Path.Combine(Path.GetTempPath(), $"memcourse-style-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Wing", "obj"));
            File.WriteAllLines(Path.Combine(root, "Wing", "Model.cs"), ["namespace X;", new string('a', MaxLineLength), new string('b', MaxLineLength + 1)]);
            File.WriteAllText(Path.Combine(root, "Wing", "obj", "Generated.cs"), new string('c', 500));
            File.WriteAllText(Path.Combine(root, "Wing", "notes.txt"), new string('d', 500));

            var found = LongLines(root).ToList();

            Assert.Equal([$"{Path.Combine("Wing", "Model.cs")}:3 ({MaxLineLength + 1} characters)"], found);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Every line over the limit in the .cs files under a folder, as "path:line (length characters)" with the path
    // relative to the repository (or to the folder, when it is outside it); build output (bin/, obj/) is skipped.
    private static IEnumerable<string> LongLines(string folder)
    {
        string root = folder.StartsWith(RepositoryFiles.Root, StringComparison.Ordinal) ? RepositoryFiles.Root : folder;
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            int number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.Length > MaxLineLength) yield return $"{Path.GetRelativePath(root, file)}:{number} ({line.Length} characters)";
            }
        }
    }
}
