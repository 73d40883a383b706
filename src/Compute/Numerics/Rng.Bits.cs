using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

/// <summary>
/// Kernels that turn raw random words into uniforms and random angles for the bulk fills; each has a
/// Vector512, a Vector256 and a scalar path. Outputs may alias the input words.
/// </summary>
public partial struct Rng
{
    /// <summary>
    /// y_i = float(w_i ≫ shift)·scale + offset. The shifted word has at most 31 bits; float rounding drops only bits
    /// below 2⁻²⁴ of the value, and none when it has at most 24 bits (the uniform fill).
    /// </summary>
    private static void BitsToFloat(ReadOnlySpan<uint> w, Span<float> y, int shift, float scale, float offset)
    {
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = w.Length;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vs = Vector512.Create(scale);
            var vo = Vector512.Create(offset);
            for (; i <= n - Vector512<uint>.Count; i += Vector512<uint>.Count)
            {
                // After the shift the top bit is clear, so the signed int→float conversion (one instruction) is exact for the value.
                var k = Vector512.ShiftRightLogical(Vector512.LoadUnsafe(ref wr, (nuint)i), shift).AsInt32();
                Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(k), vs, vo).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(scale);
            var vo = Vector256.Create(offset);
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                var k = Vector256.ShiftRightLogical(Vector256.LoadUnsafe(ref wr, (nuint)i), shift).AsInt32();
                Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(k), vs, vo).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = MathF.FusedMultiplyAdd((int)(Unsafe.Add(ref wr, i) >> shift), scale, offset);
    }

    private const ulong OneBits = 0x3FF0_0000_0000_0000UL;

    /// <summary>
    /// u_i = k_i·2⁻⁵³ with k_i = w_i ≫ 11 (exactly NextDouble's value), or 1 − u_i ∈ (0, 1] when <paramref name="complement"/>.
    /// Built from bits rather than by integer conversion: (w ≫ 12) as the mantissa of a double in [1, 2), minus 1,
    /// plus the 53rd bit as 2⁻⁵³ — every step exact.
    /// </summary>
    private static void BitsToUnitDouble(ReadOnlySpan<ulong> w, Span<double> y, bool complement)
    {
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = w.Length;
        var i = 0;
        const double half53 = 1.0 / (1UL << 53);
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(OneBits);
            var low = Vector512.Create(BitConverter.DoubleToUInt64Bits(half53));
            for (; i <= n - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
            {
                var v = Vector512.LoadUnsafe(ref wr, (nuint)i);
                var hi = ((v >> 12) | one).AsDouble() - Vector512<double>.One;
                // Bit 11 of w is the 53rd bit of k: all-ones mask where set, selecting 2⁻⁵³.
                var bit = (Vector512<ulong>.Zero - ((v >> 11) & Vector512<ulong>.One)) & low;
                var u = hi + bit.AsDouble();
                (complement ? Vector512<double>.One - u : u).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(OneBits);
            var low = Vector256.Create(BitConverter.DoubleToUInt64Bits(half53));
            for (; i <= n - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                var v = Vector256.LoadUnsafe(ref wr, (nuint)i);
                var hi = ((v >> 12) | one).AsDouble() - Vector256<double>.One;
                var bit = (Vector256<ulong>.Zero - ((v >> 11) & Vector256<ulong>.One)) & low;
                var u = hi + bit.AsDouble();
                (complement ? Vector256<double>.One - u : u).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var u = (Unsafe.Add(ref wr, i) >> 11) * half53;
            Unsafe.Add(ref yr, i) = complement ? 1 - u : u;
        }
    }

    // Minimax polynomials for sin and cos on [−π/4, π/4] (Cephes sinf/cosf, single; sin/cos, double).
    private const float S1f = -1.6666654611e-1f, S2f = 8.3321608736e-3f, S3f = -1.9515295891e-4f;
    private const float C1f = 4.166664568298827e-2f, C2f = -1.388731625493765e-3f, C3f = 2.443315711809948e-5f;
    private const double S1 = -1.66666666666666307295e-1, S2 = 8.33333333332211858878e-3, S3 = -1.98412698295895385996e-4,
        S4 = 2.75573136213857245213e-6, S5 = -2.50507477628578072866e-8, S6 = 1.58962301576546568060e-10;
    private const double C1 = 4.16666666666665929218e-2, C2 = -1.38888888888730564116e-3, C3 = 2.48015872888517045348e-5,
        C4 = -2.75573141792967388112e-7, C5 = 2.08757008419747316778e-9, C6 = -1.13585365213876817300e-11;

    /// <summary>
    /// (cos φ, sin φ) of a uniform random angle φ = qπ/2 + θ per word: the quadrant q from the word's two lowest
    /// bits and θ = (π/4)·t with t = (w as int ≫ 8)·2⁻²³ ∈ [−1, 1) from its top 24 bits. The polynomials only ever
    /// see |θ| ≤ π/4, and the quarter turn is an exact swap and sign flips — no argument reduction needed.
    /// Ref: Moshier, Cephes Math Library (sinf.c, cosf.c).
    /// </summary>
    private static void RandomTurn(ReadOnlySpan<uint> w, Span<float> cos, Span<float> sin)
    {
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var cr = ref MemoryMarshal.GetReference(cos);
        ref var sr = ref MemoryMarshal.GetReference(sin);
        var n = w.Length;
        var i = 0;
        const float thetaScale = MathF.PI / 4 / (1 << 23);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<uint>.Count; i += Vector512<uint>.Count)
            {
                var v = Vector512.LoadUnsafe(ref wr, (nuint)i);
                var theta = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(v.AsInt32(), 8)) * thetaScale;
                var z = theta * theta;
                var s = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(S3f), z, Vector512.Create(S2f)), z, Vector512.Create(S1f)) * z, theta, theta);
                var c = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(C3f), z, Vector512.Create(C2f)), z, Vector512.Create(C1f)) * z, z, Vector512.FusedMultiplyAdd(Vector512.Create(-0.5f), z, Vector512<float>.One));
                var q = v & Vector512.Create(3u);
                // Odd quadrants swap cos and sin: 0 − (q & 1) is all ones there, selecting the other value.
                var swap = (Vector512<uint>.Zero - (q & Vector512<uint>.One)).AsSingle();
                var cc = Vector512.ConditionalSelect(swap, s, c);
                var ss = Vector512.ConditionalSelect(swap, c, s);
                // cos is negated in quadrants 1, 2 (bit 1 of q + 1), sin in 2, 3 (bit 1 of q); moved to the sign bit.
                (cc ^ (((q + Vector512<uint>.One) & Vector512.Create(2u)) << 30).AsSingle()).StoreUnsafe(ref cr, (nuint)i);
                (ss ^ ((q & Vector512.Create(2u)) << 30).AsSingle()).StoreUnsafe(ref sr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                var v = Vector256.LoadUnsafe(ref wr, (nuint)i);
                var theta = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(v.AsInt32(), 8)) * thetaScale;
                var z = theta * theta;
                var s = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(S3f), z, Vector256.Create(S2f)), z, Vector256.Create(S1f)) * z, theta, theta);
                var c = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(C3f), z, Vector256.Create(C2f)), z, Vector256.Create(C1f)) * z, z, Vector256.FusedMultiplyAdd(Vector256.Create(-0.5f), z, Vector256<float>.One));
                var q = v & Vector256.Create(3u);
                var swap = (Vector256<uint>.Zero - (q & Vector256<uint>.One)).AsSingle();
                var cc = Vector256.ConditionalSelect(swap, s, c);
                var ss = Vector256.ConditionalSelect(swap, c, s);
                (cc ^ (((q + Vector256<uint>.One) & Vector256.Create(2u)) << 30).AsSingle()).StoreUnsafe(ref cr, (nuint)i);
                (ss ^ ((q & Vector256.Create(2u)) << 30).AsSingle()).StoreUnsafe(ref sr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref wr, i);
            var theta = ((int)v >> 8) * thetaScale;
            var z = theta * theta;
            var s = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(S3f, z, S2f), z, S1f) * z, theta, theta);
            var c = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(C3f, z, C2f), z, C1f) * z, z, MathF.FusedMultiplyAdd(-0.5f, z, 1f));
            var q = v & 3;
            (c, s) = (q & 1) != 0 ? (s, c) : (c, s);
            Unsafe.Add(ref cr, i) = ((q + 1) & 2) != 0 ? -c : c;
            Unsafe.Add(ref sr, i) = (q & 2) != 0 ? -s : s;
        }
    }

    /// <summary>
    /// Double version of the random turn: q from the two lowest bits, t = 2·(w ≫ 12)·2⁻⁵² − 1 ∈ [−1, 1) from the top 52.
    /// Ref: Moshier, Cephes Math Library (sin.c).
    /// </summary>
    private static void RandomTurn(ReadOnlySpan<ulong> w, Span<double> cos, Span<double> sin)
    {
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var cr = ref MemoryMarshal.GetReference(cos);
        ref var sr = ref MemoryMarshal.GetReference(sin);
        var n = w.Length;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(OneBits);
            for (; i <= n - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
            {
                var v = Vector512.LoadUnsafe(ref wr, (nuint)i);
                // (w ≫ 12) as the mantissa of f ∈ [1, 2): t = 2f − 3 ∈ [−1, 1) exactly.
                var f = ((v >> 12) | one).AsDouble();
                var theta = Vector512.FusedMultiplyAdd(f, Vector512.Create(Math.PI / 2), Vector512.Create(-3 * Math.PI / 4));
                var z = theta * theta;
                var ps = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
                    Vector512.Create(S6), z, Vector512.Create(S5)), z, Vector512.Create(S4)), z, Vector512.Create(S3)), z, Vector512.Create(S2)), z, Vector512.Create(S1));
                var pc = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
                    Vector512.Create(C6), z, Vector512.Create(C5)), z, Vector512.Create(C4)), z, Vector512.Create(C3)), z, Vector512.Create(C2)), z, Vector512.Create(C1));
                var s = Vector512.FusedMultiplyAdd(ps * z, theta, theta);
                var c = Vector512.FusedMultiplyAdd(pc * z, z, Vector512.FusedMultiplyAdd(Vector512.Create(-0.5), z, Vector512<double>.One));
                var q = v & Vector512.Create(3UL);
                var swap = (Vector512<ulong>.Zero - (q & Vector512<ulong>.One)).AsDouble();
                var cc = Vector512.ConditionalSelect(swap, s, c);
                var ss = Vector512.ConditionalSelect(swap, c, s);
                (cc ^ (((q + Vector512<ulong>.One) & Vector512.Create(2UL)) << 62).AsDouble()).StoreUnsafe(ref cr, (nuint)i);
                (ss ^ ((q & Vector512.Create(2UL)) << 62).AsDouble()).StoreUnsafe(ref sr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(OneBits);
            for (; i <= n - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                var v = Vector256.LoadUnsafe(ref wr, (nuint)i);
                var f = ((v >> 12) | one).AsDouble();
                var theta = Vector256.FusedMultiplyAdd(f, Vector256.Create(Math.PI / 2), Vector256.Create(-3 * Math.PI / 4));
                var z = theta * theta;
                var ps = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
                    Vector256.Create(S6), z, Vector256.Create(S5)), z, Vector256.Create(S4)), z, Vector256.Create(S3)), z, Vector256.Create(S2)), z, Vector256.Create(S1));
                var pc = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
                    Vector256.Create(C6), z, Vector256.Create(C5)), z, Vector256.Create(C4)), z, Vector256.Create(C3)), z, Vector256.Create(C2)), z, Vector256.Create(C1));
                var s = Vector256.FusedMultiplyAdd(ps * z, theta, theta);
                var c = Vector256.FusedMultiplyAdd(pc * z, z, Vector256.FusedMultiplyAdd(Vector256.Create(-0.5), z, Vector256<double>.One));
                var q = v & Vector256.Create(3UL);
                var swap = (Vector256<ulong>.Zero - (q & Vector256<ulong>.One)).AsDouble();
                var cc = Vector256.ConditionalSelect(swap, s, c);
                var ss = Vector256.ConditionalSelect(swap, c, s);
                (cc ^ (((q + Vector256<ulong>.One) & Vector256.Create(2UL)) << 62).AsDouble()).StoreUnsafe(ref cr, (nuint)i);
                (ss ^ ((q & Vector256.Create(2UL)) << 62).AsDouble()).StoreUnsafe(ref sr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref wr, i);
            var f = BitConverter.UInt64BitsToDouble((v >> 12) | OneBits);
            var theta = Math.FusedMultiplyAdd(f, Math.PI / 2, -3 * Math.PI / 4);
            var z = theta * theta;
            var ps = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(S6, z, S5), z, S4), z, S3), z, S2), z, S1);
            var pc = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(C6, z, C5), z, C4), z, C3), z, C2), z, C1);
            var s = Math.FusedMultiplyAdd(ps * z, theta, theta);
            var c = Math.FusedMultiplyAdd(pc * z, z, Math.FusedMultiplyAdd(-0.5, z, 1.0));
            var q = v & 3;
            (c, s) = (q & 1) != 0 ? (s, c) : (c, s);
            Unsafe.Add(ref cr, i) = ((q + 1) & 2) != 0 ? -c : c;
            Unsafe.Add(ref sr, i) = (q & 2) != 0 ? -s : s;
        }
    }

    // Cephes logf: ln(1 + x) ≈ x − x²/2 + x³·P(x) for the mantissa reduced to [√½, √2) − 1.
    private const float L0 = 7.0376836292e-2f, L1 = -1.1514610310e-1f, L2 = 1.1676998740e-1f, L3 = -1.2420140846e-1f,
        L4 = 1.4249322787e-1f, L5 = -1.6668057665e-1f, L6 = 2.0000714765e-1f, L7 = -2.4999993993e-1f, L8 = 3.3333331174e-1f;

    /// <summary>
    /// In place r_i = √(−2 ln u_i) for u_i ∈ (0, 1] (normal floats only: the fills never produce less than 2⁻³²).
    /// ln u = e·ln 2 + ln m with u = m·2^e, m ∈ [√½, √2), ln 2 split in two parts so that e·ln 2 is exact to float.
    /// Written out because TensorPrimitives.Log was the bottleneck of the float normal fill (one pass instead of three).
    /// Ref: Moshier, Cephes Math Library (logf.c).
    /// </summary>
    private static void BoxMullerRadius(Span<float> u)
    {
        ref var ur = ref MemoryMarshal.GetReference(u);
        var n = u.Length;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var bits = Vector512.LoadUnsafe(ref ur, (nuint)i).AsInt32();
                // Exponent e with u = m·2^e, m ∈ [½, 1): the biased exponent field minus 126.
                var e = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(126);
                var m = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F000000)).AsSingle();
                // Below √½ take 2m (one binade up) so that m − 1 ∈ [√½ − 1, √2 − 1): the mask is −1 there.
                var low = Vector512.LessThan(m, Vector512.Create(0.70710678f));
                e += low.AsInt32();
                var x = m - Vector512<float>.One + (m & low);
                var z = x * x;
                var p = Vector512.FusedMultiplyAdd(Vector512.Create(L0), x, Vector512.Create(L1));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L2));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L3));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L4));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L5));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L6));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L7));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(L8));
                var fe = Vector512.ConvertToSingle(e);
                var y = Vector512.FusedMultiplyAdd(fe, Vector512.Create(-2.12194440e-4f), p * x * z);
                y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
                var ln = Vector512.FusedMultiplyAdd(fe, Vector512.Create(0.693359375f), x + y);
                Vector512.Sqrt(ln * Vector512.Create(-2f)).StoreUnsafe(ref ur, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var bits = Vector256.LoadUnsafe(ref ur, (nuint)i).AsInt32();
                var e = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(126);
                var m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F000000)).AsSingle();
                var low = Vector256.LessThan(m, Vector256.Create(0.70710678f));
                e += low.AsInt32();
                var x = m - Vector256<float>.One + (m & low);
                var z = x * x;
                var p = Vector256.FusedMultiplyAdd(Vector256.Create(L0), x, Vector256.Create(L1));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L2));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L3));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L4));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L5));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L6));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L7));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(L8));
                var fe = Vector256.ConvertToSingle(e);
                var y = Vector256.FusedMultiplyAdd(fe, Vector256.Create(-2.12194440e-4f), p * x * z);
                y = Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), y);
                var ln = Vector256.FusedMultiplyAdd(fe, Vector256.Create(0.693359375f), x + y);
                Vector256.Sqrt(ln * Vector256.Create(-2f)).StoreUnsafe(ref ur, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            ref var ui = ref Unsafe.Add(ref ur, i);
            ui = MathF.Sqrt(-2f * MathF.Log(ui));
        }
    }

    // Cephes log: ln(1 + x) ≈ x − x²/2 + x³·P(x)/Q(x) on [√½ − 1, √2 − 1), relative error ≈ 1e-16.
    private const double P0 = 1.01875663804580931796e-4, P1 = 4.97494994976747001425e-1, P2 = 4.70579119878881725854e0,
        P3 = 1.44989225341610930846e1, P4 = 1.79368678507819816313e1, P5 = 7.70838733755885391666e0;
    private const double Q0 = 1.12873587189167450590e1, Q1 = 4.52279145837532221105e1, Q2 = 8.29875266912776603211e1,
        Q3 = 7.11544750618563894466e1, Q4 = 2.31251620126765340583e1;

    /// <summary>
    /// In place r_i = √(−2 ln u_i) for u_i ∈ (0, 1] (normal doubles only: the fills never produce less than 2⁻⁵³),
    /// with the same reduction as the float version and Cephes' double-precision rational approximation.
    /// Ref: Moshier, Cephes Math Library (log.c).
    /// </summary>
    private static void BoxMullerRadius(Span<double> u)
    {
        ref var ur = ref MemoryMarshal.GetReference(u);
        var n = u.Length;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var bits = Vector512.LoadUnsafe(ref ur, (nuint)i).AsInt64();
                var e = Vector512.ShiftRightArithmetic(bits, 52) - Vector512.Create(1022L);
                var m = ((bits & Vector512.Create(0x000F_FFFF_FFFF_FFFFL)) | Vector512.Create(0x3FE0_0000_0000_0000L)).AsDouble();
                var low = Vector512.LessThan(m, Vector512.Create(0.70710678118654752440));
                e += low.AsInt64();
                var x = m - Vector512<double>.One + (m & low);
                var z = x * x;
                var p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), x, Vector512.Create(P1));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(P2));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(P3));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(P4));
                p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(P5));
                var q = x + Vector512.Create(Q0);
                q = Vector512.FusedMultiplyAdd(q, x, Vector512.Create(Q1));
                q = Vector512.FusedMultiplyAdd(q, x, Vector512.Create(Q2));
                q = Vector512.FusedMultiplyAdd(q, x, Vector512.Create(Q3));
                q = Vector512.FusedMultiplyAdd(q, x, Vector512.Create(Q4));
                // e as a double without an int64 conversion: 1.5·2⁵² + e holds e (of either sign) in its low mantissa bits.
                var fe = (Vector512.Create(0x4338_0000_0000_0000L) + e).AsDouble() - Vector512.Create(6755399441055744.0);
                var y = Vector512.FusedMultiplyAdd(fe, Vector512.Create(-2.121944400546905827679e-4), x * (z * p / q));
                y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5), y);
                var ln = Vector512.FusedMultiplyAdd(fe, Vector512.Create(0.693359375), x + y);
                Vector512.Sqrt(ln * Vector512.Create(-2.0)).StoreUnsafe(ref ur, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var bits = Vector256.LoadUnsafe(ref ur, (nuint)i).AsInt64();
                var e = Vector256.ShiftRightArithmetic(bits, 52) - Vector256.Create(1022L);
                var m = ((bits & Vector256.Create(0x000F_FFFF_FFFF_FFFFL)) | Vector256.Create(0x3FE0_0000_0000_0000L)).AsDouble();
                var low = Vector256.LessThan(m, Vector256.Create(0.70710678118654752440));
                e += low.AsInt64();
                var x = m - Vector256<double>.One + (m & low);
                var z = x * x;
                var p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), x, Vector256.Create(P1));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(P2));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(P3));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(P4));
                p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(P5));
                var q = x + Vector256.Create(Q0);
                q = Vector256.FusedMultiplyAdd(q, x, Vector256.Create(Q1));
                q = Vector256.FusedMultiplyAdd(q, x, Vector256.Create(Q2));
                q = Vector256.FusedMultiplyAdd(q, x, Vector256.Create(Q3));
                q = Vector256.FusedMultiplyAdd(q, x, Vector256.Create(Q4));
                // e as a double without an int64 conversion: 1.5·2⁵² + e holds e (of either sign) in its low mantissa bits.
                var fe = (Vector256.Create(0x4338_0000_0000_0000L) + e).AsDouble() - Vector256.Create(6755399441055744.0);
                var y = Vector256.FusedMultiplyAdd(fe, Vector256.Create(-2.121944400546905827679e-4), x * (z * p / q));
                y = Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5), y);
                var ln = Vector256.FusedMultiplyAdd(fe, Vector256.Create(0.693359375), x + y);
                Vector256.Sqrt(ln * Vector256.Create(-2.0)).StoreUnsafe(ref ur, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            ref var ui = ref Unsafe.Add(ref ur, i);
            ui = Math.Sqrt(-2.0 * Math.Log(ui));
        }
    }
}
