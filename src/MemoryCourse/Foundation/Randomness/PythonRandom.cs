using System.Numerics;

namespace MemoryCourse.Foundation.Randomness;

/// <summary>
/// A bit-exact port of CPython's <c>random.Random</c> for integer seeds: the Mersenne Twister MT19937,
/// seeded the way <c>random.seed(n)</c> seeds it (<c>init_by_array</c> over the 32-bit words of |n|), and
/// <c>random()</c> built from two 32-bit draws into a 53-bit double. The OSTEP homework simulators draw all
/// their randomness from <c>random.random()</c>, so with this class the course's simulators produce the
/// same problems as the Python originals for the same <c>-s</c> seed.
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _mt = new uint[N];
    private int _index = N + 1;

    /// <summary>Seeds as <c>random.seed(seed)</c> does for a Python int (the sign is dropped, as CPython does).</summary>
    public PythonRandom(BigInteger seed)
    {
        InitByArray(KeyWords(BigInteger.Abs(seed)));
    }

    /// <summary>The next double in [0, 1), exactly as <c>random.random()</c> returns it.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>The next raw 32-bit output of the generator (CPython's <c>genrand_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    // CPython splits |seed| into little-endian 32-bit words; zero becomes the single word 0.
    private static uint[] KeyWords(BigInteger magnitude)
    {
        if (magnitude.IsZero) return [0u];
        var words = new List<uint>();
        while (!magnitude.IsZero)
        {
            words.Add((uint)(magnitude & uint.MaxValue));
            magnitude >>= 32;
        }
        return words.ToArray();
    }

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++)
            _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i);
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = unchecked((_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j);
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = unchecked((_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u; // guarantees a non-zero initial state
    }

    private void Twist()
    {
        for (int kk = 0; kk < N; kk++)
        {
            uint y = (_mt[kk] & UpperMask) | (_mt[(kk + 1) % N] & LowerMask);
            _mt[kk] = _mt[(kk + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }
        _index = 0;
    }
}
