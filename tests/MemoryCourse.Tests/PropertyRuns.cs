using FsCheck;
using Microsoft.FSharp.Core;

namespace MemoryCourse.Tests;

/// <summary>
/// How every FsCheck property of the course's tests is run. In the normal suite (<c>./test.sh</c>) on one fixed,
/// recorded seed, so a run on any machine checks the same cases and a failure is a real regression, never the
/// luck of the draw. The fuzz run (<c>.ci/fuzz.sh</c>) sets <c>MEMCOURSE_FUZZ_SEED</c> to a fresh seed, which it
/// prints (a failure there is replayed with that seed), and <c>MEMCOURSE_FUZZ_SCALE=N</c> for N times as many
/// cases. A case a fuzz run finds becomes a named test.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>The seed of the normal suite (recorded: change it only with a reason in the commit).</summary>
    public const ulong RecordedSeed = 20261207_0019;

    // SplitMix's gamma must be odd; this is the usual golden-ratio one.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    /// <summary>The seed this run uses: <c>MEMCOURSE_FUZZ_SEED</c> when set (a fuzz run), otherwise <see cref="RecordedSeed"/>.</summary>
    public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("MEMCOURSE_FUZZ_SEED"), out ulong seed) ? seed : RecordedSeed;

    /// <summary>How many times the usual number of cases this run checks (<c>MEMCOURSE_FUZZ_SCALE</c>, default 1).</summary>
    public static int Scale => int.TryParse(Environment.GetEnvironmentVariable("MEMCOURSE_FUZZ_SCALE"), out int n) && n > 0 ? n : 1;

    /// <summary>The configuration of a property checked on <paramref name="maxTest"/> cases (times <see cref="Scale"/>) from <see cref="Seed"/>.</summary>
    public static Config Config(int maxTest = 100) =>
        FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest * Scale)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, Gamma), FSharpOption<int>.None)));

    /// <summary>Checks <paramref name="property"/> on <see cref="Seed"/>, throwing on the first counter-example.</summary>
    public static void CheckOnSeed(this Property property, int maxTest = 100) => Check.One(Config(maxTest), property);
}
