using System.Runtime.CompilerServices;

namespace Compute.Numerics;

/// <summary>
/// xoshiro256** pseudo-random generator (Blackman &amp; Vigna 2018), a value type so that each chain,
/// sample or thread owns its own stream. Streams are derived from (seed, stream index) through SplitMix64,
/// so results do not depend on how work is spread over threads.
/// </summary>
public partial struct Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates stream <paramref name="stream"/> of the generator family for <paramref name="seed"/>.</summary>
    public Rng(ulong seed, ulong stream = 0)
    {
        // Mix the stream index in with a different odd constant so (seed, stream) pairs don't collide.
        var sm = seed ^ (stream * 0xD1B54A32D192ED03UL + 0x8BB84B93962EACC9UL);
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
        _spareNormal = 0;
        _hasSpare = false;
    }

    /// <summary>An independent generator for sub-stream <paramref name="stream"/>, derived from this one's next output.</summary>
    public Rng Split(ulong stream) => new(NextUInt64(), stream);

    internal static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire 2019).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        var m = Math.BigMul(NextUInt64() >> 32, (ulong)n);
        if ((uint)m < (uint)n)
        {
            var threshold = (uint)(-n) % (uint)n;
            while ((uint)m < threshold) m = Math.BigMul(NextUInt64() >> 32, (ulong)n);
        }
        return (int)(m >> 32);
    }

    /// <summary>±1 with equal probability.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextSign() => (int)(NextUInt64() >> 63) * 2 - 1;

    /// <summary>Standard normal deviate (Marsaglia polar method; the second deviate is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }
}
