using System.CommandLine;
using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests;

/// <summary>
/// A command's rules are System.CommandLine validators: a rule's problem is a whole line naming the command, a value
/// the parser cannot read is left to the parser's own words (and they come first), and a rule on an option with a
/// default is checked even when the option is not given.
/// </summary>
public class CommandRulesTests
{
    private static (Command Command, RootCommand Root) Example()
    {
        var size = new Option<int>("--size") { DefaultValueFactory = _ => -1 };
        size.Rule("demo", value => value < 0 ? $"--size must not be negative, got {value}" : null);
        var command = new Command("demo") { size };
        return (command, new RootCommand { command });
    }

    [Fact]
    public void A_rules_problem_is_one_whole_line_naming_the_command()
    {
        var (_, root) = Example();
        var error = Assert.Single(root.Parse("demo --size -5").Errors);
        Assert.Equal("memcourse demo: --size must not be negative, got -5", error.Message);
        Assert.True(CommandRules.IsRuleProblem(error));
    }

    [Fact]
    public void A_rule_on_an_option_with_a_default_is_checked_when_the_option_is_not_given()
    {
        var (_, root) = Example();
        Assert.Equal("memcourse demo: --size must not be negative, got -1", Assert.Single(root.Parse("demo").Errors).Message);
        Assert.Empty(root.Parse("demo --size 3").Errors);
    }

    [Fact]
    public void A_value_the_parser_cannot_read_is_left_to_the_parsers_own_error()
    {
        var (_, root) = Example();
        var error = Assert.Single(root.Parse("demo --size many").Errors);
        Assert.False(CommandRules.IsRuleProblem(error));
        Assert.Contains("'many'", error.Message);
    }

    [Fact]
    public void Through_memcourse_the_parsers_error_comes_first_and_a_rules_problem_is_printed_as_it_is()
    {
        string nb = Path.Combine(TempFolder("rules"), "nb.dib");
        File.WriteAllText(nb, "#!csharp\n\n1\n");
        AssertRefused(Run("run", nb, "--timeout", "soon", "--memory", "1"), "memcourse run: --timeout: 'soon' is not a number (see 'memcourse run --help')");
        AssertRefused(Run("run", nb, "--memory", "1"), "memcourse run: --memory 1: the memory cap must be from 256 MiB");
        AssertRefused(Run("gc", "v8", "--objects", "10", "--object-size", "0"), "memcourse gc v8: --object-size must be positive, got 0.");
    }
}
