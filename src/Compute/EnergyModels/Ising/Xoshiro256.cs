using System.Runtime.CompilerServices;
using Compute.Numerics;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// xoshiro256** with exactly four state words, the same generator as <see cref="Rng"/>. The multi-spin kernel keeps
/// one per row in a local: a four-field struct is promoted to registers by the JIT, while <see cref="Rng"/> (which
/// also carries a spare Gaussian) stays in memory and costs loads and stores on every draw.
/// Ref: D. Blackman &amp; S. Vigna, ACM TOMS 47 (2021).
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds from four outputs of stream (seed, stream) of <see cref="Rng"/>.</summary>
    public Xoshiro256(ulong seed, ulong stream)
    {
        var rng = new Rng(seed, stream);
        _s0 = rng.NextUInt64();
        _s1 = rng.NextUInt64();
        _s2 = rng.NextUInt64();
        _s3 = rng.NextUInt64();
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
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
}
