using System.Runtime.CompilerServices;
using Compute.Numerics;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// xoshiro256** with exactly four state words, the same generator as <see cref="Rng"/>, for seeding the lanes of the
/// multi-spin kernel (which runs four of them side by side in vector registers) and for its scalar oracle.
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

    /// <summary>A generator in the given state (not all zero).</summary>
    public Xoshiro256(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    public ulong S0 => _s0;
    public ulong S1 => _s1;
    public ulong S2 => _s2;
    public ulong S3 => _s3;

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
