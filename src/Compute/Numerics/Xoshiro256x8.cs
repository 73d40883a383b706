using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

/// <summary>
/// Eight independent xoshiro256** generators advanced in lock step, the bulk engine behind
/// <see cref="Rng"/>'s Fill methods. Lane j's state is seeded by SplitMix64 from one 64-bit seed, and its
/// outputs land at positions 8b + j of a filled span, so the output is the same with Vector512, Vector256
/// or plain scalar code (integer arithmetic only).
/// Ref: Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47 (2021).
/// </summary>
internal struct Xoshiro256x8
{
    public const int Lanes = 8;

    /// <summary>State words as four rows of eight lanes: s0[0..8), s1[8..16), s2[16..24), s3[24..32).</summary>
    [InlineArray(32)]
    private struct State
    {
        private ulong _element;
    }

    private State _s;

    public Xoshiro256x8(ulong seed)
    {
        var sm = seed;
        for (var i = 0; i < 32; i++) _s[i] = Rng.SplitMix64(ref sm);
    }

    /// <summary>Fills <paramref name="destination"/> (a multiple of 8 long) with raw 64-bit outputs, 8 lanes at a time.</summary>
    public void Fill(Span<ulong> destination)
    {
        if (destination.Length % Lanes != 0) throw new ArgumentException("Length must be a multiple of 8.", nameof(destination));
        Span<ulong> s = _s;
        ref var d = ref MemoryMarshal.GetReference(destination);
        var blocks = destination.Length / Lanes;
        if (Vector512.IsHardwareAccelerated) Fill512(s, ref d, blocks);
        else if (Vector256.IsHardwareAccelerated) Fill256(s, ref d, blocks);
        else FillScalar(s, destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill512(Span<ulong> s, ref ulong d, int blocks)
    {
        ref var sr = ref MemoryMarshal.GetReference(s);
        var s0 = Vector512.LoadUnsafe(ref sr, 0);
        var s1 = Vector512.LoadUnsafe(ref sr, 8);
        var s2 = Vector512.LoadUnsafe(ref sr, 16);
        var s3 = Vector512.LoadUnsafe(ref sr, 24);
        for (nuint b = 0; b < (nuint)blocks; b++)
        {
            // result = rotl(s1·5, 7)·9, with the multiplications as shift-adds (no 64-bit vector multiply needed).
            var x = (s1 << 2) + s1;
            x = (x << 7) | (x >> 57);
            ((x << 3) + x).StoreUnsafe(ref d, b * Lanes);
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << 45) | (s3 >> 19);
        }
        s0.StoreUnsafe(ref sr, 0);
        s1.StoreUnsafe(ref sr, 8);
        s2.StoreUnsafe(ref sr, 16);
        s3.StoreUnsafe(ref sr, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill256(Span<ulong> s, ref ulong d, int blocks)
    {
        // Lanes 0-3 in the "a" vectors, lanes 4-7 in the "b" vectors: the same output order as Fill512.
        ref var sr = ref MemoryMarshal.GetReference(s);
        var a0 = Vector256.LoadUnsafe(ref sr, 0);
        var b0 = Vector256.LoadUnsafe(ref sr, 4);
        var a1 = Vector256.LoadUnsafe(ref sr, 8);
        var b1 = Vector256.LoadUnsafe(ref sr, 12);
        var a2 = Vector256.LoadUnsafe(ref sr, 16);
        var b2 = Vector256.LoadUnsafe(ref sr, 20);
        var a3 = Vector256.LoadUnsafe(ref sr, 24);
        var b3 = Vector256.LoadUnsafe(ref sr, 28);
        for (nuint b = 0; b < (nuint)blocks; b++)
        {
            var x = (a1 << 2) + a1;
            x = (x << 7) | (x >> 57);
            ((x << 3) + x).StoreUnsafe(ref d, b * Lanes);
            var y = (b1 << 2) + b1;
            y = (y << 7) | (y >> 57);
            ((y << 3) + y).StoreUnsafe(ref d, b * Lanes + 4);
            var ta = a1 << 17;
            var tb = b1 << 17;
            a2 ^= a0; b2 ^= b0;
            a3 ^= a1; b3 ^= b1;
            a1 ^= a2; b1 ^= b2;
            a0 ^= a3; b0 ^= b3;
            a2 ^= ta; b2 ^= tb;
            a3 = (a3 << 45) | (a3 >> 19);
            b3 = (b3 << 45) | (b3 >> 19);
        }
        a0.StoreUnsafe(ref sr, 0);
        b0.StoreUnsafe(ref sr, 4);
        a1.StoreUnsafe(ref sr, 8);
        b1.StoreUnsafe(ref sr, 12);
        a2.StoreUnsafe(ref sr, 16);
        b2.StoreUnsafe(ref sr, 20);
        a3.StoreUnsafe(ref sr, 24);
        b3.StoreUnsafe(ref sr, 28);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillScalar(Span<ulong> s, Span<ulong> destination)
    {
        for (var b = 0; b < destination.Length; b += Lanes)
        {
            for (var j = 0; j < Lanes; j++)
            {
                ref var s0 = ref s[j];
                ref var s1 = ref s[8 + j];
                ref var s2 = ref s[16 + j];
                ref var s3 = ref s[24 + j];
                destination[b + j] = ulong.RotateLeft(s1 * 5, 7) * 9;
                var t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = ulong.RotateLeft(s3, 45);
            }
        }
    }
}
