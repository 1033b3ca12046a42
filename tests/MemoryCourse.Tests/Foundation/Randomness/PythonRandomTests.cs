using System.Numerics;
using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Tests.Foundation.Randomness;

public class PythonRandomTests
{
    // Reference values printed by CPython 3.11:
    //   python3 -c "import random; random.seed(S, version=1); print([repr(random.random()) for _ in range(3)])"
    [Theory]
    [InlineData("0", 0.8444218515250481, 0.7579544029403025, 0.420571580830845)]
    [InlineData("1", 0.13436424411240122, 0.8474337369372327, 0.763774618976614)]
    [InlineData("13", 0.2590084917154736, 0.6852579929645369, 0.6840819180161107)]
    [InlineData("1099511627783", 0.6137037779936511, 0.8149162973309487, 0.9450115087592873)]
    [InlineData("-3", 0.23796462709189137, 0.5442292252959519, 0.36995516654807925)]
    public void Random_matches_CPython_for_the_same_seed(string seed, double first, double second, double third)
    {
        var random = new PythonRandom(BigInteger.Parse(seed));
        Assert.Equal(first, random.NextDouble());
        Assert.Equal(second, random.NextDouble());
        Assert.Equal(third, random.NextDouble());
    }

    [Fact]
    public void Draws_stay_in_the_unit_interval_across_a_twist()
    {
        var random = new PythonRandom(42);
        for (int i = 0; i < 2000; i++)
        {
            double x = random.NextDouble();
            Assert.InRange(x, 0.0, 0.9999999999999999);
        }
    }
}
