using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse run</c>'s outputs: every one checked before any notebook starts (these tests run no kernel: a
/// run that got as far as a notebook would fail them on time and on its output), and the book never replaces a
/// file of the user's. Reported: --junit /proc/x, --trx onto a folder and --out onto a file ran the whole class
/// and then exited 70; `run same2 --out same2` overwrote the user's nb.ipynb with the results of nb.dib.
/// </summary>
public class RunCommandTests
{
    private static string Notebook(string folder, string name = "nb.dib")
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!csharp\n\n1 + 1\n");
        return path;
    }

    [Fact]
    public void Every_report_path_is_checked_before_any_notebook_runs()
    {
        string folder = TempFolder("run-out");
        string nb = Notebook(folder);
        string file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "x");
        AssertRefused(Run("run", nb, "--junit", "/proc/x.xml"), "memcourse run: --junit /proc/x.xml: /proc is the kernel's own file system");
        AssertRefused(Run("run", nb, "--trx", folder), "memcourse run: --trx " + folder + ": is a folder");
        AssertRefused(Run("run", nb, "--trx", "/dev/null"), "memcourse run: --trx /dev/null: /dev holds devices");
        AssertRefused(Run("run", nb, "--out", file), "memcourse run: --out " + file + ": is a file, not a folder");
        AssertRefused(Run("run", nb, "--junit", Path.Combine(file, "x.xml")), "memcourse run: --junit", file + " is a file, not a folder");
        AssertRefused(Run("run", nb, "--junit", nb), "memcourse run: --junit " + nb + ": is one of the command's inputs");
        string same = Path.Combine(folder, "r.xml");
        AssertRefused(Run("run", nb, "--junit", same, "--trx", same), "memcourse run: --trx " + same + ": is also where --junit writes");
        AssertRefused(Run("run", nb, "--junit", Path.Combine(folder, "ok.xml"), "--trx", "/proc/bad.trx"), "memcourse run: --trx /proc/bad.trx");
        Assert.Equal(["a-file", "nb.dib"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_book_written_into_the_notebooks_own_folder_never_replaces_the_users_ipynb()
    {
        string folder = TempFolder("same2");
        string dib = Notebook(folder);
        const string Users = "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[{\"cell_type\":\"code\",\"source\":\"2 + 2\","
                             + "\"metadata\":{},\"outputs\":[],\"execution_count\":null}]}";
        File.WriteAllText(Path.Combine(folder, "nb.ipynb"), Users);
        // nb.dib's executed notebook would be nb.ipynb: the user's file, one of the inputs here.
        AssertRefused(Run("run", folder, "--out", folder), "memcourse run: --out " + folder + ": would replace", Path.Combine(folder, "nb.ipynb"));
        AssertRefused(Run("run", dib, "--out", folder), "memcourse run: --out " + folder + ": would replace", Path.Combine(folder, "nb.ipynb"),
            "memcourse did not write there");
        Assert.Equal(Users, File.ReadAllText(Path.Combine(folder, "nb.ipynb")));
        Assert.Equal(["nb.dib", "nb.ipynb"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_book_folder_holding_a_page_memcourse_did_not_write_is_refused_before_any_work()
    {
        string folder = TempFolder("run-book");
        string nb = Notebook(Path.Combine(folder, "in"));
        string book = Path.Combine(folder, "book");
        Directory.CreateDirectory(book);
        File.WriteAllText(Path.Combine(book, "index.html"), "someone's site");
        AssertRefused(Run("run", nb, "--out", book), "memcourse run: --out " + book + ": would replace " + Path.Combine(book, "index.html"));
        Assert.Equal("someone's site", File.ReadAllText(Path.Combine(book, "index.html")));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("922337203600")]
    [InlineData("-1")]
    [InlineData("0")]
    public void A_timeout_that_is_not_a_sane_number_of_seconds_is_refused_naming_the_option(string timeout)
    {
        string nb = Notebook(TempFolder("run-timeout"));
        AssertRefused(Run("run", nb, "--timeout", timeout), "memcourse run: --timeout", "seconds from 0.001 to 86400");
    }

    [Fact]
    public void A_memory_cap_no_kernel_can_start_in_is_refused_naming_the_option()
    {
        string nb = Notebook(TempFolder("run-memory"));
        AssertRefused(Run("run", nb, "--memory", "1"), "memcourse run: --memory 1: the memory cap must be from 256 MiB");
    }

    [Fact]
    public void A_parameter_given_twice_is_refused_rather_than_one_value_silently_kept()
    {
        string nb = Notebook(TempFolder("run-p"));
        AssertRefused(Run("run", nb, "-p", "x=1", "-p", "x=2"), "memcourse run: -p x is given twice ('1' and '2'); give each parameter once.");
    }

    // Reported: --ouput was read as a path (a notebook to run, a folder to create).
    [Fact]
    public void A_mistyped_option_is_answered_as_one_with_the_nearest_real_option()
    {
        string folder = TempFolder("run-typo");
        string nb = Notebook(folder);
        AssertRefused(Run("run", nb, "--ouput", Path.Combine(folder, "book")), "memcourse run: unknown option '--ouput' (did you mean --out?)");
        AssertRefused(Run("alloc", "generate", "--ouput"), "memcourse alloc generate: unknown option '--ouput'");
        Assert.False(Directory.Exists("--ouput"));
        Assert.Equal(["nb.dib"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    // Reported: a FIFO among the notebooks blocked the run forever; binary garbage ran and exited 1.
    [Fact]
    public void A_notebook_that_is_a_named_pipe_or_binary_garbage_is_refused_as_unreadable()
    {
        string folder = TempFolder("run-special");
        string fifo = Path.Combine(folder, "waiting.dib");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        AssertRefused(Run("run", fifo), "memcourse run: ", fifo, "is a named pipe (FIFO), not a notebook file");
        string garbage = Path.Combine(folder, "garbage.dib");
        File.WriteAllBytes(garbage, [0x13, 0xE9, 0x02, 0x7F, 0x10, 0xFF, 0xC3]);
        AssertRefused(Run("run", garbage), "memcourse run: ", garbage, "not UTF-8 text");
    }

    [Fact]
    public void A_parameter_the_notebook_does_not_declare_is_a_usage_error_and_nothing_runs()
    {
        var (code, output, error) = Memcourse.Run("run", Memcourse.InRepo("notebooks", "00-start-here.dib"), "-p", "nosuch=3");
        Assert.Equal(2, code);
        Assert.Contains("parameter 'nosuch' is not declared", error);
        Assert.Equal("", output); // no "Notebooks: 0 passed, 1 failed": nothing ran
    }

    [Fact]
    public void Run_help_says_what_parallel_defaults_to_and_offers_checks_must_pass()
    {
        var (code, output, _) = Memcourse.Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("default: number of cores", output);
        Assert.Contains("--checks-must-pass", output);
        // The README says the same of --parallel, and nowhere another default.
        string readme = File.ReadAllText(Memcourse.InRepo("README.md"));
        Assert.Contains("as many at once as the machine has cores unless `--parallel N` says otherwise", readme);
        Assert.DoesNotContain("two at a time by default", readme);
    }

    [Fact]
    public void Checks_must_pass_fails_a_run_whose_cells_all_passed_but_a_check_did_not()
    {
        if (MemoryCourse.Notebooks.Kernel.KernelTool.Find() is null) return; // no kernel tool restored: nothing to run
        string dir = Directory.CreateTempSubdirectory("memcourse-run-checks-").FullName;
        try
        {
            string notebook = Path.Combine(dir, "checked.dib");
            File.WriteAllText(notebook,
                "#!csharp\n\nConsole.WriteLine(\"Passed: one\");\nConsole.WriteLine(\"Not yet: two: your value 0 is not it. Hint: think\");\n");
            var relaxed = Memcourse.Run("run", notebook);
            Assert.Equal(0, relaxed.Code);
            Assert.Contains("checks: 1 passed, 1 not yet", relaxed.Out);
            Assert.Contains("cell   1: Not yet: two: your value 0 is not it. Hint: think", relaxed.Out);

            var strict = Memcourse.Run("run", notebook, "--checks-must-pass");
            Assert.Equal(1, strict.Code);
            Assert.Contains("--checks-must-pass: 1 check not passed yet.", strict.Out);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_passing_notebook_exits_0_and_writes_its_book_and_both_reports_together()
    {
        if (MemoryCourse.Notebooks.Kernel.KernelTool.Find() is null) return; // no kernel tool restored: nothing to run
        string folder = TempFolder("run-outputs");
        string nb = Notebook(Path.Combine(folder, "in"));
        string book = Path.Combine(folder, "book"), junit = Path.Combine(folder, "r.xml"), trx = Path.Combine(folder, "r.trx");
        var (_, code, output, error, _) = Run("run", nb, "--out", book, "--junit", junit, "--trx", trx, "--parallel", "1");
        Assert.True(code == 0, error);
        Assert.Contains("Executed book: " + Path.Combine(book, "index.html"), output);
        // The book is what its manifest lists, all of it written: the page, the executed notebook and the index among it.
        var manifest = File.ReadAllLines(Path.Combine(book, ".memcourse-outputs"));
        Assert.Subset(manifest.ToHashSet(), new HashSet<string> { "index.html", "nb.html", "nb.ipynb" });
        Assert.All(manifest, name => Assert.True(File.Exists(Path.Combine(book, name)), name));
        Assert.Contains("<testcase", File.ReadAllText(junit));
        Assert.Contains("<UnitTestResult", File.ReadAllText(trx));
        // The executed notebook holds the cell's result: 1 + 1 ran.
        Assert.Contains("2", File.ReadAllText(Path.Combine(book, "nb.ipynb")));
    }
}
