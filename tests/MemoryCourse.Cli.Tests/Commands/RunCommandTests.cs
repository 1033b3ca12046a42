using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

public class RunCommandTests
{
    [Fact]
    public void A_parameter_the_notebook_does_not_declare_is_a_usage_error_and_nothing_runs()
    {
        var (code, output, error) = Run("run", InRepo("notebooks", "00-start-here.dib"), "-p", "nosuch=3");
        Assert.Equal(2, code);
        Assert.Contains("parameter 'nosuch' is not declared in the parameters cell", error);
        Assert.Equal("", output); // no "Notebooks: 0 passed, 1 failed": nothing ran
    }

    [Fact]
    public void Run_help_says_what_parallel_defaults_to_and_offers_checks_must_pass()
    {
        var (code, output, _) = Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("default: number of cores", output);
        Assert.Contains("--checks-must-pass", output);
        // The README says the same of --parallel, and nowhere another default.
        string readme = File.ReadAllText(InRepo("README.md"));
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
            File.WriteAllText(notebook, "#!csharp\n\nConsole.WriteLine(\"Passed: one\");\nConsole.WriteLine(\"Not yet: two: your value 0 is not it. Hint: think\");\n");
            var relaxed = Run("run", notebook);
            Assert.Equal(0, relaxed.Code);
            Assert.Contains("checks: 1 passed, 1 not yet", relaxed.Out);
            Assert.Contains("cell   1: Not yet: two: your value 0 is not it. Hint: think", relaxed.Out);

            var strict = Run("run", notebook, "--checks-must-pass");
            Assert.Equal(1, strict.Code);
            Assert.Contains("--checks-must-pass: 1 check not passed yet.", strict.Out);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
