using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using MemoryCourse.Foundation.Input;
using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.BadInput;

/// <summary>
/// Command-line values: a valid, quick command with one fault injected (a bad number where INTERVAL, COUNT,
/// --pid or --runs goes, an option that does not go with the mode, a path that is not the folder it should be,
/// an unknown option or allocator, two modes or none) is refused with exit 2 and one message naming the option
/// and the value.
/// </summary>
public class CommandLineFuzzTests
{
    private static string Fixture => Memcourse.InRepo("data", "proc", "fixture");

    /// <summary>A command with one fault, and what the message must name.</summary>
    public sealed record Case(string[] Args, string[] Names)
    {
        public override string ToString() => string.Join(' ', Args) + " => " + string.Join(", ", Names);
    }

    // What a refused value is called in the message: an option-like value is reported by the parser as it is.
    private static string[] Named(string option, string value) =>
        value.StartsWith('-') ? [InputText.Printable(value)] : [option, InputText.Quote(value)];

    // "--" ends the options: what follows it is taken as it is, so it is no bad value itself.
    private static bool ValidInterval(string s) => s == "--" ||
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x >= 0.001 && x <= 86400;

    private static bool ValidCount(string s) => s == "--" || int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1;

    private static readonly Gen<string[]> Base = Gen.Elements<string[]>(
        ["inspect", "--pmap", "--capture", Fixture],
        ["inspect", "--usage", "--capture", Fixture],
        ["inspect", "--meminfo"],
        ["inspect", "--vmstat", "0.001", "2"],
        ["inspect", "--usage", "--json"]);

    private static readonly Gen<Case> InspectFault = Gen.OneOf(
        from bad in Gen.OneOf(BadValues.BadNumber, Gen.Elements("0", "86400.001", "3000000", "1e300", "NaN", "0.0001")).Where(v => !ValidInterval(v))
        select new Case(["inspect", "--vmstat", bad, "2"], Named("INTERVAL", bad)),
        from bad in Gen.OneOf(BadValues.BadNumber, Gen.Elements("0", "2147483648", "1.0")).Where(v => !ValidCount(v))
        select new Case(["inspect", "--vmstat", "0.001", bad], Named("COUNT", bad)),
        from args in Base
        from bad in Gen.OneOf(BadValues.BadNumber, Gen.Elements("0", "-1", "2147483648"))
        where !bad.StartsWith('-') || int.TryParse(bad, out _)
        select new Case([.. args, "--pid", bad], ["--pid"]),
        from args in Gen.Elements<string[]>(["inspect", "--meminfo"], ["inspect", "--vmstat", "0.001", "2"], ["inspect", "--meminfo", "--json"])
        select new Case([.. args, "--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)], ["--pid", "whole machine"]),
        from mode in Gen.Elements("--pmap", "--usage", "--meminfo")
        from path in Gen.Elements("/no/such/capture", Memcourse.InRepo("data", "proc", "meminfo.txt"), "", " ",
            Path.Combine(Memcourse.InRepo("data", "proc", "meminfo.txt"), "x"))
        select new Case(["inspect", mode, "--capture", path], ["--capture"]),
        from args in Gen.Elements<string[]>(["inspect", "--pmap"], ["inspect", "--meminfo"], ["inspect", "--usage"])
        from n in Gen.Choose(1, 2)
        select new Case([.. args, .. Enumerable.Repeat("1", n)], ["INTERVAL and COUNT only go with --vmstat"]),
        from args in Base
        from second in Gen.Elements("--pmap", "--vmstat", "--meminfo", "--usage")
        where !args.Contains(second)
        select new Case([.. args.Where(a => a != "0.001" && a != "2"), second], ["only one of"]),
        from args in Base
        from unknown in Gen.Elements("--bogus", "-x", "--PMAP", "--pid=")
        select new Case([.. args, unknown], [unknown.TrimEnd('=')]),
        from args in Base
        select new Case([.. args.Where(a => !(a is "--pmap" or "--usage" or "--meminfo" or "--vmstat" or "0.001" or "2"))], ["choose one of"]),
        Gen.Constant(new Case(["inspect", "--vmstat", "--capture", Memcourse.InRepo("data", "proc"), "--json"],
            ["--json does not go with --vmstat --capture"])),
        Gen.Constant(new Case(["inspect", "--vmstat", "1", "3", "--capture", Memcourse.InRepo("data", "proc")],
            ["INTERVAL and COUNT do not go with --capture"])));

    [Fact]
    public void Inspect_refuses_a_bad_option_or_value_naming_it()
    {
        Check(InspectFault, c => AssertRefused(Run(c.Args), "memcourse inspect", c.Names), tests: 120);
    }

    private static readonly Gen<Case> AllocFault = Gen.OneOf(
        from bad in BadValues.BadNumber.Where(v => !(int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= 1000))
        select new Case(["alloc", "replay", Memcourse.InRepo("data", "traces", "random-gen.rep"), "-a", "best", "--runs", bad],
            bad.StartsWith('-') ? [InputText.Printable(bad)] : ["--runs"]),
        from name in Gen.Elements("", "Best", "bestfit", "\u0000", "first ", "../first")
        select new Case(["alloc", "replay", Memcourse.InRepo("data", "traces", "random-gen.rep"), "-a", name], ["unknown allocator", InputText.Quote(name)]),
        from path in Gen.Elements("/no/such.rep", "", Memcourse.InRepo("notebooks"))
        select new Case(["alloc", "replay", path, "-a", "best"], [path.Length == 0 ? "no such file or folder" : path]));

    [Fact]
    public void Alloc_refuses_a_bad_option_or_value_naming_it()
    {
        Check(AllocFault, c => AssertRefused(Run(c.Args), "memcourse alloc", c.Names), tests: 60);
    }

    [Fact]
    public void Misuse_of_any_command_is_one_line_naming_the_command_and_pointing_at_its_help()
    {
        foreach (var args in new[] { new[] { "bogus" }, ["gc"], ["alloc"], ["alloc", "replay"], ["inspect", "--pid"], ["ostep"], ["alloc", "list", "extra"] })
        {
            var o = Run(args);
            string command = "memcourse"
                + string.Concat(args.TakeWhile(a => a is "gc" or "alloc" or "replay" or "inspect" or "ostep" or "list").Select(a => " " + a));
            AssertRefused(o, command + ": ", $"(see '{command} --help')");
        }
    }
}
