using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compute.Numerics.Nn;

/// <summary>
/// Direct circular 3×3 convolution on the 8×8 torus (the lattice of the standard φ⁴ flow), float, channel-planar
/// ([channel][batch][64 sites]). One lattice row is exactly one Vector256, so a row shift is a choice of register
/// and a column shift is one in-register rotation: each input plane is expanded once per sample into its three
/// column-rotated copies (24 vectors, L1-resident), and every multiply-add then reads them directly. This replaces
/// im2col + GEMM, whose megabyte Cols buffer streamed through L2 on every call and whose 8-row GEMM had no
/// register blocking on AVX2.
/// Same sums as <see cref="CircularConv3x3{T}"/>'s reference path; only the order of float additions differs.
/// </summary>
internal static class TorusConv8
{
    public const int Sites = 64;
    private const int Taps = 9;

    /// <summary>Rows are Vector256 and rotations use vpermps.</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Floats of scratch <see cref="Forward"/> and <see cref="WeightGradient"/> need for <paramref name="inChannels"/>.</summary>
    public static int ShiftedLength(int inChannels) => inChannels * 3 * 8 * 8;

    /// <summary>
    /// y[o][b] = bias[o] + Σ_i Σ_taps W[o][i][dr][dc] · x[i][b] shifted by (dr, dc). An empty <paramref name="bias"/> means none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        int inChannels, int outChannels, int batch, Span<float> shifted)
    {
        var plane = batch * Sites;
        ref var s = ref MemoryMarshal.GetReference(shifted);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var yRef = ref MemoryMarshal.GetReference(y);
        for (var b = 0; b < batch; b++)
        {
            Expand(x, inChannels, plane, b, shifted);
            var o = 0;
            for (; o + 2 <= outChannels; o += 2)
            {
                var b0 = bias.IsEmpty ? 0f : bias[o];
                var b1 = bias.IsEmpty ? 0f : bias[o + 1];
                ref var y0 = ref Unsafe.Add(ref yRef, o * plane + b * Sites);
                ref var y1 = ref Unsafe.Add(ref y0, plane);
                ref var w0 = ref Unsafe.Add(ref w, o * inChannels * Taps);
                ref var w1 = ref Unsafe.Add(ref w0, inChannels * Taps);
                PairOfChannels(ref s, ref w0, ref w1, b0, b1, ref y0, ref y1, inChannels, 0);
                PairOfChannels(ref s, ref w0, ref w1, b0, b1, ref y0, ref y1, inChannels, 4);
            }
            if (o < outChannels)
                SingleChannel(ref s, ref Unsafe.Add(ref w, o * inChannels * Taps), bias.IsEmpty ? 0f : bias[o],
                    ref Unsafe.Add(ref yRef, o * plane + b * Sites), inChannels);
        }
    }

    /// <summary>
    /// ∂L/∂x of the convolution: the convolution of ∂L/∂y with the transposed, point-reflected kernel
    /// (W′[i][o][tap] = W[o][i][8 − tap]), which <see cref="ReflectTransposed"/> prepares.
    /// </summary>
    public static void ReflectTransposed(ReadOnlySpan<float> weights, Span<float> reflected, int inChannels, int outChannels)
    {
        for (var o = 0; o < outChannels; o++)
        for (var i = 0; i < inChannels; i++)
        for (var tap = 0; tap < Taps; tap++)
            reflected[(i * outChannels + o) * Taps + tap] = weights[(o * inChannels + i) * Taps + Taps - 1 - tap];
    }

    /// <summary>
    /// ∂W[o][i][tap] += Σ_b Σ_sites ∂y[o][b] · (x[i][b] shifted by tap); ∂b[o] += Σ ∂y[o].
    /// <paramref name="partial"/> holds one Vector256 partial sum per weight (outChannels·inChannels·9·8 floats),
    /// reduced once after the whole batch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> weightGradient, Span<float> biasGradient,
        int inChannels, int outChannels, int batch, Span<float> shifted, Span<float> partial)
    {
        var plane = batch * Sites;
        var weightsCount = outChannels * inChannels * Taps;
        partial[..(weightsCount * 8)].Clear();
        ref var s = ref MemoryMarshal.GetReference(shifted);
        ref var g = ref MemoryMarshal.GetReference(partial);
        ref var dyRef = ref MemoryMarshal.GetReference(dy);
        for (var b = 0; b < batch; b++)
        {
            Expand(x, inChannels, plane, b, shifted);
            for (var o = 0; o < outChannels; o++)
            {
                ref var d = ref Unsafe.Add(ref dyRef, o * plane + b * Sites);
                var d0 = Vector256.LoadUnsafe(ref d, 0);
                var d1 = Vector256.LoadUnsafe(ref d, 8);
                var d2 = Vector256.LoadUnsafe(ref d, 16);
                var d3 = Vector256.LoadUnsafe(ref d, 24);
                var d4 = Vector256.LoadUnsafe(ref d, 32);
                var d5 = Vector256.LoadUnsafe(ref d, 40);
                var d6 = Vector256.LoadUnsafe(ref d, 48);
                var d7 = Vector256.LoadUnsafe(ref d, 56);
                for (var i = 0; i < inChannels; i++)
                {
                    ref var gi = ref Unsafe.Add(ref g, (o * inChannels + i) * Taps * 8);
                    ref var si = ref Unsafe.Add(ref s, i * 192);
                    for (var dc = 0; dc < 3; dc++)
                    {
                        // Taps (dr, dc) for dr = −1, 0, 1 sit 3 vectors apart in the partial sums.
                        ref var sc = ref Unsafe.Add(ref si, dc * 64);
                        ref var gt = ref Unsafe.Add(ref gi, dc * 8);
                        Correlate(d0, d1, d2, d3, d4, d5, d6, d7, ref sc, ref gt, -1);
                        Correlate(d0, d1, d2, d3, d4, d5, d6, d7, ref sc, ref Unsafe.Add(ref gt, 24), 0);
                        Correlate(d0, d1, d2, d3, d4, d5, d6, d7, ref sc, ref Unsafe.Add(ref gt, 48), 1);
                    }
                }
            }
        }
        for (var k = 0; k < weightsCount; k++)
            weightGradient[k] += Vector256.Sum(Vector256.LoadUnsafe(ref g, (nuint)(k * 8)));
        for (var o = 0; o < outChannels; o++)
            biasGradient[o] += System.Numerics.Tensors.TensorPrimitives.Sum(dy.Slice(o * plane, plane));
    }

    /// <summary>
    /// partial += Σ_r dy row r ⊙ copy row (r + dr) mod 8, in two chains (even, odd rows) that hide the FMA latency.
    /// Called with a literal <paramref name="dr"/> so that every row offset folds into a constant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Correlate(Vector256<float> d0, Vector256<float> d1, Vector256<float> d2, Vector256<float> d3,
        Vector256<float> d4, Vector256<float> d5, Vector256<float> d6, Vector256<float> d7, ref float copy, ref float partial, int dr)
    {
        var even = Fma.MultiplyAdd(d0, Row(ref copy, dr), Vector256.LoadUnsafe(ref partial));
        var odd = d1 * Row(ref copy, 1 + dr);
        even = Fma.MultiplyAdd(d2, Row(ref copy, 2 + dr), even);
        odd = Fma.MultiplyAdd(d3, Row(ref copy, 3 + dr), odd);
        even = Fma.MultiplyAdd(d4, Row(ref copy, 4 + dr), even);
        odd = Fma.MultiplyAdd(d5, Row(ref copy, 5 + dr), odd);
        even = Fma.MultiplyAdd(d6, Row(ref copy, 6 + dr), even);
        odd = Fma.MultiplyAdd(d7, Row(ref copy, 7 + dr), odd);
        (even + odd).StoreUnsafe(ref partial);
    }

    /// <summary>Row (r mod 8) of one column-rotated copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(ref float copy, int r) => Vector256.LoadUnsafe(ref copy, (nuint)((r & 7) * 8));

    /// <summary>
    /// The three column rotations of every input plane of sample b: shifted[(i·3 + dc + 1)·64 + r·8 + c] = x[i][b][r, (c + dc) mod 8].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Expand(ReadOnlySpan<float> x, int inChannels, int plane, int b, Span<float> shifted)
    {
        var left = Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6);
        var right = Vector256.Create(1, 2, 3, 4, 5, 6, 7, 0);
        ref var s = ref MemoryMarshal.GetReference(shifted);
        ref var xRef = ref MemoryMarshal.GetReference(x);
        for (var i = 0; i < inChannels; i++)
        {
            ref var src = ref Unsafe.Add(ref xRef, i * plane + b * Sites);
            ref var dst = ref Unsafe.Add(ref s, i * 192);
            for (var r = 0; r < 8; r++)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)(r * 8));
                Avx2.PermuteVar8x32(v, left).StoreUnsafe(ref dst, (nuint)(r * 8));
                v.StoreUnsafe(ref dst, (nuint)(64 + r * 8));
                Avx2.PermuteVar8x32(v, right).StoreUnsafe(ref dst, (nuint)(128 + r * 8));
            }
        }
    }

    /// <summary>
    /// Rows r0..r0+3 of two output channels in 8 accumulators. For each input channel and column shift the six rows
    /// r0−1..r0+4 are loaded once and serve the three row shifts (4 rows each), rotating through 4 registers:
    /// 6 loads and 6 weight broadcasts feed 24 FMAs. Called with r0 = 0 or 4 as literals, so row offsets are constants.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairOfChannels(ref float s, ref float w0, ref float w1, float bias0, float bias1,
        ref float y0, ref float y1, int inChannels, int r0)
    {
        var a0 = Vector256.Create(bias0);
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        var c0 = Vector256.Create(bias1);
        var c1 = c0;
        var c2 = c0;
        var c3 = c0;
        for (var i = 0; i < inChannels; i++)
        {
            ref var si = ref Unsafe.Add(ref s, i * 192);
            ref var wi0 = ref Unsafe.Add(ref w0, i * Taps);
            ref var wi1 = ref Unsafe.Add(ref w1, i * Taps);
            for (var dc = 0; dc < 3; dc++)
            {
                ref var sc = ref Unsafe.Add(ref si, dc * 64);
                // dr = −1: rows r0−1..r0+2.
                var x0 = Row(ref sc, r0 - 1);
                var x1 = Row(ref sc, r0);
                var x2 = Row(ref sc, r0 + 1);
                var x3 = Row(ref sc, r0 + 2);
                var v0 = Vector256.Create(Unsafe.Add(ref wi0, dc));
                var v1 = Vector256.Create(Unsafe.Add(ref wi1, dc));
                a0 = Fma.MultiplyAdd(v0, x0, a0); a1 = Fma.MultiplyAdd(v0, x1, a1);
                a2 = Fma.MultiplyAdd(v0, x2, a2); a3 = Fma.MultiplyAdd(v0, x3, a3);
                c0 = Fma.MultiplyAdd(v1, x0, c0); c1 = Fma.MultiplyAdd(v1, x1, c1);
                c2 = Fma.MultiplyAdd(v1, x2, c2); c3 = Fma.MultiplyAdd(v1, x3, c3);
                // dr = 0: rows r0..r0+3 (x1, x2, x3, new x0).
                x0 = Row(ref sc, r0 + 3);
                v0 = Vector256.Create(Unsafe.Add(ref wi0, 3 + dc));
                v1 = Vector256.Create(Unsafe.Add(ref wi1, 3 + dc));
                a0 = Fma.MultiplyAdd(v0, x1, a0); a1 = Fma.MultiplyAdd(v0, x2, a1);
                a2 = Fma.MultiplyAdd(v0, x3, a2); a3 = Fma.MultiplyAdd(v0, x0, a3);
                c0 = Fma.MultiplyAdd(v1, x1, c0); c1 = Fma.MultiplyAdd(v1, x2, c1);
                c2 = Fma.MultiplyAdd(v1, x3, c2); c3 = Fma.MultiplyAdd(v1, x0, c3);
                // dr = +1: rows r0+1..r0+4 (x2, x3, x0, new x1).
                x1 = Row(ref sc, r0 + 4);
                v0 = Vector256.Create(Unsafe.Add(ref wi0, 6 + dc));
                v1 = Vector256.Create(Unsafe.Add(ref wi1, 6 + dc));
                a0 = Fma.MultiplyAdd(v0, x2, a0); a1 = Fma.MultiplyAdd(v0, x3, a1);
                a2 = Fma.MultiplyAdd(v0, x0, a2); a3 = Fma.MultiplyAdd(v0, x1, a3);
                c0 = Fma.MultiplyAdd(v1, x2, c0); c1 = Fma.MultiplyAdd(v1, x3, c1);
                c2 = Fma.MultiplyAdd(v1, x0, c2); c3 = Fma.MultiplyAdd(v1, x1, c3);
            }
        }
        var at = (nuint)(r0 * 8);
        a0.StoreUnsafe(ref y0, at);
        a1.StoreUnsafe(ref y0, at + 8);
        a2.StoreUnsafe(ref y0, at + 16);
        a3.StoreUnsafe(ref y0, at + 24);
        c0.StoreUnsafe(ref y1, at);
        c1.StoreUnsafe(ref y1, at + 8);
        c2.StoreUnsafe(ref y1, at + 16);
        c3.StoreUnsafe(ref y1, at + 24);
    }

    /// <summary>All eight rows of one output channel (an odd channel count's last one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleChannel(ref float s, ref float w, float bias, ref float y, int inChannels)
    {
        var a0 = Vector256.Create(bias);
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        var a4 = a0;
        var a5 = a0;
        var a6 = a0;
        var a7 = a0;
        for (var i = 0; i < inChannels; i++)
        {
            ref var si = ref Unsafe.Add(ref s, i * 192);
            ref var wi = ref Unsafe.Add(ref w, i * Taps);
            for (var dc = 0; dc < 3; dc++)
            {
                ref var sc = ref Unsafe.Add(ref si, dc * 64);
                ShiftedRows(ref sc, Vector256.Create(Unsafe.Add(ref wi, dc)), -1, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                ShiftedRows(ref sc, Vector256.Create(Unsafe.Add(ref wi, 3 + dc)), 0, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                ShiftedRows(ref sc, Vector256.Create(Unsafe.Add(ref wi, 6 + dc)), 1, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }
        }
        a0.StoreUnsafe(ref y, 0);
        a1.StoreUnsafe(ref y, 8);
        a2.StoreUnsafe(ref y, 16);
        a3.StoreUnsafe(ref y, 24);
        a4.StoreUnsafe(ref y, 32);
        a5.StoreUnsafe(ref y, 40);
        a6.StoreUnsafe(ref y, 48);
        a7.StoreUnsafe(ref y, 56);
    }

    /// <summary>a_r += w · copy row (r + dr) mod 8 for all eight rows; a literal <paramref name="dr"/> makes the offsets constants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftedRows(ref float copy, Vector256<float> w, int dr, ref Vector256<float> a0, ref Vector256<float> a1,
        ref Vector256<float> a2, ref Vector256<float> a3, ref Vector256<float> a4, ref Vector256<float> a5,
        ref Vector256<float> a6, ref Vector256<float> a7)
    {
        a0 = Fma.MultiplyAdd(w, Row(ref copy, dr), a0);
        a1 = Fma.MultiplyAdd(w, Row(ref copy, 1 + dr), a1);
        a2 = Fma.MultiplyAdd(w, Row(ref copy, 2 + dr), a2);
        a3 = Fma.MultiplyAdd(w, Row(ref copy, 3 + dr), a3);
        a4 = Fma.MultiplyAdd(w, Row(ref copy, 4 + dr), a4);
        a5 = Fma.MultiplyAdd(w, Row(ref copy, 5 + dr), a5);
        a6 = Fma.MultiplyAdd(w, Row(ref copy, 6 + dr), a6);
        a7 = Fma.MultiplyAdd(w, Row(ref copy, 7 + dr), a7);
    }
}
