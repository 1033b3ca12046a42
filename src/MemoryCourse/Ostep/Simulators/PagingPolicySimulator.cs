using System.Globalization;
using System.Numerics;
using System.Text;
using MemoryCourse.Foundation.Input;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Ostep.PythonCompat;
using MemoryCourse.Paging.Replacement;
using static MemoryCourse.Ostep.PythonCompat.PythonOptionParser.Kind;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// OSTEP's paging-policy.py (chapter "Beyond Physical Memory: Policies"): replays a random (or given)
/// page-reference string under FIFO, LRU, MRU, OPT, UNOPT, RAND or CLOCK and prints every access with
/// the cache contents. Same flags, draws and output as the original; the replay itself is
/// <see cref="PageCache"/>.
/// </summary>
public sealed class PagingPolicySimulator : IOstepSimulator
{
    public string Name => "paging-policy";

    public OstepRun Run(IReadOnlyList<string> args)
    {
        const PythonOptionParser.Kind Str = PythonOptionParser.Kind.String;
        var parser = new PythonOptionParser("paging-policy.py")
            .Add("-a", "--addresses", "addresses", Str, "-1", "a set of comma-separated pages to access; -1 means randomly generate")
            .Add("-f", "--addressfile", "addressfile", Str, "", "a file with a bunch of addresses in it")
            .Add("-n", "--numaddrs", "numaddrs", Str, "10", "if -a (--addresses) is -1, this is the number of addrs to generate")
            .Add("-p", "--policy", "policy", Str, "FIFO", "replacement policy: FIFO, LRU, OPT, UNOPT, RAND, CLOCK")
            .Add("-b", "--clockbits", "clockbits", Int, 2, "for CLOCK policy, how many clock bits to use")
            .Add("-C", "--cachesize", "cachesize", Str, "3", "size of the page cache, in pages")
            .Add("-m", "--maxpage", "maxpage", Str, "10", "if randomly generating page accesses, this is the max page number")
            .Add("-s", "--seed", "seed", Str, "0", "random number seed")
            .Add("-N", "--notrace", "notrace", Flag, false, "do not print out a detailed trace")
            .Add("-c", "--compute", "solve", Flag, false, "compute answers for me");
        return OstepScript.Run("paging-policy.py", parser, args, Body);
    }

    private static void Body(PythonOptionParser.Result o, StringBuilder out_)
    {
        out_.Line($"ARG addresses {o.Str("addresses")}");
        out_.Line($"ARG addressfile {o.Str("addressfile")}");
        out_.Line($"ARG numaddrs {o.Str("numaddrs")}");
        out_.Line($"ARG policy {o.Str("policy")}");
        out_.Line($"ARG clockbits {o.Int("clockbits")}");
        out_.Line($"ARG cachesize {o.Str("cachesize")}");
        out_.Line($"ARG maxpage {o.Str("maxpage")}");
        out_.Line($"ARG seed {o.Str("seed")}");
        out_.Line($"ARG notrace {(o.Flag("notrace") ? "True" : "False")}");
        out_.Line();

        string addresses = o.Str("addresses"), addressFile = o.Str("addressfile"), policyName = o.Str("policy");
        long numaddrs = OstepScript.ToLong(OstepScript.PyInt(o.Str("numaddrs"), "-n"), "-n");
        BigInteger cachesize = OstepScript.PyInt(o.Str("cachesize"), "-C");
        BigInteger seed = OstepScript.PyInt(o.Str("seed"), "-s");
        long maxpage = OstepScript.ToLong(OstepScript.PyInt(o.Str("maxpage"), "-m"), "-m");
        bool notrace = o.Flag("notrace");
        int clockbits = (int)BigInteger.Clamp(o.Int("clockbits"), int.MinValue, int.MaxValue);

        var random = new PythonRandom(seed);
        // Each reference is a long, or null where the text is not an int (the original fails only when it reaches it).
        var refs = new List<long?>();
        var texts = new List<string>();
        if (addressFile != "")
        {
            string content;
            try { content = InputFile.ReadAllText(addressFile, MaxAddressFileBytes); }
            catch (InputFileException e)
            {
                throw new OstepScript.Crash($"-f: cannot open address file {PythonText.StrRepr(addressFile)}: {e.Problem}");
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new OstepScript.Crash($"-f: cannot open address file {PythonText.StrRepr(addressFile)}: {e.Message}");
            }
            int lineNumber = 0;
            foreach (var fileLine in SplitLines(content))
            {
                lineNumber++;
                if (lineNumber > OstepScript.MaxItems)
                    throw new OstepScript.Crash(
                        $"-f: {addressFile} has more than {OstepScript.MaxItems} lines; this port prints at most {OstepScript.MaxItems} references per run",
                        OstepScript.Stop.PortLimit);
                if (!PythonText.TryParseInt(fileLine, 10, out var v))
                    throw new OstepScript.Crash($"-f: {addressFile}, line {lineNumber}: {PythonText.IntErrorMessage(fileLine)}");
                refs.Add(OstepScript.ToLong(v, $"-f {addressFile}, line {lineNumber}"));
            }
        }
        else if (addresses == "-1")
        {
            long count = OstepScript.Count(numaddrs, "-n", "references");
            for (long i = 0; i < count; i++) refs.Add((long)(maxpage * random.NextDouble()));
        }
        else
        {
            foreach (var token in addresses.Split(','))
            {
                texts.Add(token);
                refs.Add(PythonText.TryParseInt(token, 10, out var v) && v >= long.MinValue && v <= long.MaxValue ? (long)v : null);
            }
        }

        // A page Python reads but 64 bits cannot hold is this port's limit, not the original's ValueError.
        long Ref(int i) => refs[i] ?? (PythonText.TryParseInt(texts[i], 10, out var big)
            ? throw new OstepScript.Crash($"-a: page {big} is too large for this simulation", OstepScript.Stop.TooLarge)
            : throw new OstepScript.Crash($"-a: {PythonText.IntErrorMessage(texts[i])}"));
        // The questions only print the pages, which Python does at any size.
        string Shown(int i) => refs[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? (PythonText.TryParseInt(texts[i], 10, out var big)
                ? big.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Ref(i).ToString(System.Globalization.CultureInfo.InvariantCulture));

        if (!o.Flag("solve"))
        {
            out_.Line($"Assuming a replacement policy of {policyName}, and a cache of size {cachesize} pages,");
            out_.Line("figure out whether each of the following page references hit or miss");
            out_.Line("in the page cache.");
            out_.Line();
            for (int i = 0; i < refs.Count; i++) out_.Line($"Access: {Shown(i)}  Hit/Miss?  State of Memory?");
            out_.Line();
            return;
        }

        if (!notrace) { out_.Line("Solving..."); out_.Line(); }
        (string left, string right) = policyName switch
        {
            "FIFO" => ("FirstIn", "Lastin "),
            "LRU" or "MRU" => ("LRU", "MRU"),
            "OPT" or "RAND" or "UNOPT" or "CLOCK" => ("Left ", "Right"),
            _ => (null!, null!),
        };
        if (left is null)
        {
            out_.Line($"Policy {policyName} is not yet implemented");
            throw new OstepScript.Exit(1);
        }
        var policy = ReplacementPolicies.Parse(policyName);

        // A cache size of zero makes the original pop from an empty list at the first miss; a negative one
        // is never "full", so every page stays.
        int frames = cachesize <= 0 || cachesize > int.MaxValue ? int.MaxValue : (int)cachesize;
        var good = new List<long>(refs.Count);
        int firstBad = refs.IndexOf(null);
        for (int i = 0; i < refs.Count && (firstBad < 0 || i < firstBad); i++) good.Add(refs[i]!.Value);
        bool looksAhead = policy is ReplacementPolicy.Opt or ReplacementPolicy.Unopt;
        // Every policy keeps the cache as the original's list, scanning up to one entry per page resident.
        long resident = Math.Min(frames, good.Distinct().Count());
        if ((double)refs.Count * resident > OstepScript.MaxSteps)
            throw new OstepScript.Crash(
                $"{refs.Count} references with up to {resident} pages resident: more than {OstepScript.MaxSteps} steps for {policyName}",
                OstepScript.Stop.PortLimit);
        var cache = new PageCache(policy, frames, good, random, clockbits);
        var line = new StringBuilder();
        for (int i = 0; i < refs.Count; i++)
        {
            long page = Ref(i);
            bool miss = !cache.Resident.Contains(page);
            if (cachesize.IsZero && miss)
                throw new OstepScript.Crash("-C 0: the first miss evicts from an empty cache (IndexError: pop from empty list)");
            // OPT/UNOPT look ahead with int(): an eviction fails on a bad token when some resident page is
            // not referenced again before it.
            if (firstBad >= 0 && looksAhead && miss && cache.Resident.Count == frames
                && cache.Resident.Any(p => !good.Skip(i + 1).Contains(p)))
                throw new OstepScript.Crash($"-a: {PythonText.IntErrorMessage(texts[firstBad])} (met while looking ahead for {policyName})");
            var access = cache.Next();
            if (notrace) continue;
            line.Clear()
                .Append("Access: ").Append(page.ToString(CultureInfo.InvariantCulture)).Append("  ")
                .Append(access.Hit ? "HIT " : "MISS").Append(' ').Append(left).Append(" -> ")
                .Append(PythonText.RightAlign(PythonText.ListRepr(cache.Resident), 12))
                .Append(" <- ").Append(right).Append(" Replaced:")
                .Append(access.Victim is long v ? v.ToString(CultureInfo.InvariantCulture) : "-")
                .Append(" [Hits:").Append(access.Hits).Append(" Misses:").Append(access.Misses).Append(']');
            out_.Line(line.ToString());
        }
        out_.Line();
        if (cache.Hits + cache.Misses == 0) throw new OstepScript.Crash("no page references to compute a hit rate from (ZeroDivisionError)");
        double hitrate = 100.0 * cache.Hits / ((double)cache.Hits + cache.Misses);
        out_.Line($"FINALSTATS hits {cache.Hits}   misses {cache.Misses}   hitrate {PythonText.FixedTwo(hitrate)}");
        out_.Line();
    }

    /// <summary>Largest address file <c>-f</c> reads: 64 MiB.</summary>
    public const long MaxAddressFileBytes = 64L << 20;

    // Python's text-mode line iteration: \n, \r\n and \r end lines; a final line without one still counts.
    private static IEnumerable<string> SplitLines(string content)
    {
        int start = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] != '\n' && content[i] != '\r') continue;
            yield return content[start..i];
            if (content[i] == '\r' && i + 1 < content.Length && content[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < content.Length) yield return content[start..];
    }
}
