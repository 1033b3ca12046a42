using FsCheck;
using FsCheck.Fluent;
using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.BadInput;

/// <summary>
/// Flags fed to <c>memcourse ostep SCRIPT</c>: any mix of the script's own flags with odd values (negative,
/// zero, huge, beyond 64 bits, not numbers, sizes such as 2g, lists with bad items, address files that are
/// missing, folders or hold junk) ends within its time limit the way the Python original ends: exit 0; exit 2
/// with optparse's usage error; exit 1 with the original's own error as its last line of output; or exit 1 with
/// one line on stderr saying where the original stops with a traceback, never finishes, or goes beyond what the
/// port holds. Never a stack trace, never a hang.
/// </summary>
public class OstepFuzzTests
{
    private enum Kind { Int, Size, List, Word, File, Switch }

    private static readonly Dictionary<string, (string Flag, Kind Kind)[]> Scripts = new()
    {
        ["relocation"] = [("-s", Kind.Int), ("-a", Kind.Size), ("-p", Kind.Size), ("-n", Kind.Int), ("-b", Kind.Size), ("-l", Kind.Size), ("-c", Kind.Switch)],
        ["segmentation"] = [("-s", Kind.Int), ("-A", Kind.List), ("-a", Kind.Size), ("-p", Kind.Size), ("-n", Kind.Int), ("-b", Kind.Size),
            ("-l", Kind.Size), ("-B", Kind.Size), ("-L", Kind.Size), ("-c", Kind.Switch)],
        ["paging-linear-translate"] = [("-A", Kind.List), ("-s", Kind.Int), ("-a", Kind.Size), ("-p", Kind.Size), ("-P", Kind.Size), ("-n", Kind.Int),
            ("-u", Kind.Int), ("-v", Kind.Switch), ("-c", Kind.Switch)],
        ["paging-multilevel-translate"] = [("-s", Kind.Int), ("-a", Kind.Int), ("-n", Kind.Int), ("-c", Kind.Switch)],
        ["paging-policy"] = [("-a", Kind.List), ("-f", Kind.File), ("-n", Kind.Int), ("-p", Kind.Word), ("-b", Kind.Int), ("-C", Kind.Int),
            ("-m", Kind.Int), ("-s", Kind.Int), ("-N", Kind.Switch), ("-c", Kind.Switch)],
        ["malloc"] = [("-s", Kind.Int), ("-S", Kind.Int), ("-b", Kind.Int), ("-H", Kind.Int), ("-a", Kind.Int), ("-p", Kind.Word), ("-l", Kind.Word),
            ("-C", Kind.Switch), ("-n", Kind.Int), ("-r", Kind.Int), ("-P", Kind.Int), ("-A", Kind.List), ("-c", Kind.Switch)],
    };

    private static readonly Gen<string> Int = Gen.OneOf(
        Gen.Choose(-20, 120).Select(i => i.ToString()),
        Gen.Elements("0", "1", "-1", "1000000000", "10000001", "99999999999999999999", "-99999999999999999999", "0x10", "0b101", "010", "2147483648",
            "9223372036854775807"),
        BadValues.BadNumber);

    private static readonly Gen<string> Size = Gen.OneOf(
        Gen.Elements("1k", "4k", "16k", "32k", "64k", "1m", "512m", "1g", "2g", "0", "-1", "1", "2", "100", "3k", "6k", "128", "1023", "1025", "4096"),
        Gen.Elements("abc", "", "k", "1.5k", "99999999999999999999k", "-5k", "0x10", "1K", "1G", "1kk"),
        Int);

    private static readonly Gen<string> ListItem = Gen.OneOf(Gen.Choose(-5, 20000).Select(i => i.ToString()),
        Gen.Elements("", "x", "+3", "-0", "1.5", "99999999999999999999", "0x1"));

    private static readonly Gen<string> Word = Gen.Elements("FIFO", "LRU", "MRU", "OPT", "UNOPT", "RAND", "CLOCK", "BEST", "WORST", "FIRST", "ADDRSORT",
        "SIZESORT+", "SIZESORT-", "INSERT-FRONT", "INSERT-BACK", "lru", "", "BOGUS", "\u0000");

    private static Gen<string> Value(Kind kind) => kind switch
    {
        Kind.Int => Int,
        Kind.Size => Size,
        Kind.List => Gen.Choose(1, 6).SelectMany(n => ListItem.ArrayOf(n)).Select(items => string.Join(',', items)),
        Kind.Word => Word,
        _ => AddressFile,
    };

    // An address file: missing, a folder, or lines of numbers and junk.
    private static readonly Gen<string> AddressFile = Gen.OneOf(
        Gen.Constant("/no/such/addresses.txt"),
        Gen.Constant("@folder"),
        Gen.Choose(0, 8).SelectMany(n => ListItem.ArrayOf(n)).Select(lines => "@" + string.Join('\n', lines)));

    private static string Materialise(string value)
    {
        if (!value.StartsWith('@')) return value;
        string dir = TempFolder("ostep");
        if (value == "@folder") return dir;
        string path = Path.Combine(dir, "addresses.txt");
        File.WriteAllText(path, value[1..]);
        return path;
    }

    private static readonly Gen<string[]> Invocation =
        from script in Gen.Elements(Scripts.Keys.ToArray())
        from count in Gen.Choose(0, 5)
        from flags in Gen.Elements(Scripts[script]).ArrayOf(count)
        from values in Gen.CollectToArray(flags, f => f.Kind == Kind.Switch ? Gen.Constant("") : Value(f.Kind))
        from solve in Gen.Elements(true, false)
        select (string[])["ostep", script,
            .. flags.Zip(values).SelectMany(p => p.First.Kind == Kind.Switch ? [p.First.Flag] : new[] { p.First.Flag, p.Second }),
                .. solve ? new[] { "-c" } : []];

    [Fact]
    public void Any_flags_end_as_the_original_ends_with_one_clear_message()
    {
        Check(Invocation, args =>
        {
            string[] real = [.. args.Select(Materialise)];
            var o = Run(real);
            string prog = real[1] + ".py";
            string why = $"{o.Command}\nexit {o.Code}\nstdout tail: {Tail(o.Out)}\nstderr: {o.Err}";
            Assert.True(o.Out.Length < 64 << 20, $"more output than any run should print:\n{why}");
            switch (o.Code)
            {
                case 0:
                    Assert.True(o.Err.Length == 0, $"a successful run prints nothing on stderr:\n{why}");
                    break;
                case 2:
                    Assert.True(o.Out.Length == 0 && o.Err.StartsWith($"Usage: {prog} [options]\n\n{prog}: error: ", StringComparison.Ordinal)
                        && o.Err.Split('\n').Length == 4, $"exit 2 is optparse's usage error:\n{why}");
                    break;
                case 1 when o.Err.Length == 0:
                    // The original printed its own error and called exit(1).
                    string last = o.Out.TrimEnd('\n').Split('\n')[^1];
                    Assert.True(last.StartsWith("Error", StringComparison.Ordinal) || last.StartsWith("Base + Limit", StringComparison.Ordinal)
                        || last.EndsWith("is not yet implemented", StringComparison.Ordinal),
                            $"exit 1 without a message must end in the original's error line:\n{why}");
                    break;
                case 1:
                    AssertOneLine(o, why);
                    Assert.True(o.Err.StartsWith(prog + ": ", StringComparison.Ordinal)
                        && (o.Err.EndsWith("(the Python original stops here with a traceback)\n", StringComparison.Ordinal)
                        || o.Err.EndsWith("(the Python original never finishes here)\n", StringComparison.Ordinal)
                        || o.Err.EndsWith("(a limit of this port; the Python original would go on)\n", StringComparison.Ordinal)
                        || o.Err.EndsWith("(a limit of this port, which computes in 64-bit numbers; Python's integers have no such limit)\n",
                            StringComparison.Ordinal)),
                        $"exit 1 with a message says where and why the original stops:\n{why}");
                    break;
                default:
                    Assert.Fail($"unexpected exit code:\n{why}");
                    break;
            }
        }, tests: 300);
    }

    private static string Tail(string s) => s.Length > 400 ? "..." + s[^400..] : s;
}
