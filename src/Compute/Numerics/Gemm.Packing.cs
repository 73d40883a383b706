using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compute.Numerics;

public static partial class Gemm
{
    /// <summary>
    /// Packs the mc×kc block of op(A) at (ic, pc) into MR-row micro-panels: panel t holds, for each p, the MR values
    /// op(A)[ic + t·MR + r, pc + p] contiguously (rows past the edge are zero), so the micro-kernel reads A as one stream.
    /// </summary>
    private static unsafe void PackA(float* a, float* dst, in Problem pr, int ic, int mc, int pc, int kc) =>
        PackA(a, dst, pr, ic, mc, pc, kc, Avx512F.IsSupported);

    /// <summary>
    /// <see cref="PackA(float*, float*, in Problem, int, int, int, int)"/> with the choice of the transposing
    /// 16×16-tile path (AVX-512, A not transposed, 14-row panels) left to the caller (taken only where AVX-512 is supported), so tests can compare it with
    /// the scalar copy. Both write identical bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void PackA(float* a, float* dst, in Problem pr, int ic, int mc, int pc, int kc, bool vectorized)
    {
        var mr = pr.MR;
        // A row-major m×k: 16 rows × 16 p are loaded as vectors and transposed in registers; the remaining p scalar.
        var pVector = vectorized && Avx512F.IsSupported && !pr.TransposeA && pr.Shape == MicroKernel.Avx512 ? kc & ~15 : 0;
        for (var ir = 0; ir < mc; ir += mr)
        {
            var panel = dst + (long)ir * kc;
            var rows = Math.Min(mr, mc - ir);
            if (!pr.TransposeA)
            {
                for (var p0 = 0; p0 < pVector; p0 += 16)
                {
                    // Column q of the tile holds the 16 rows at p0 + q; only MR of them belong to this p. The 16-wide
                    // store spills 16 − MR values into the next p's slot (or the next panel's start, or the buffer's
                    // spare panel), which the following store overwrites, so ascending order is required.
                    TransposeTile16(a + (long)(ic + ir) * pr.K + pc + p0, pr.K, rows, panel + (long)p0 * mr, mr);
                }
                // A is m×k: each row of the panel is contiguous in p and lands with stride MR.
                for (var r = 0; r < rows; r++)
                {
                    var src = a + (long)(ic + ir + r) * pr.K + pc;
                    var d = panel + r;
                    for (var p = pVector; p < kc; p++) d[(long)p * mr] = src[p];
                }
                for (var r = rows; r < mr; r++)
                    for (var p = pVector; p < kc; p++) panel[(long)p * mr + r] = 0f;
            }
            else
            {
                // A is stored k×m: the MR values for one p are already contiguous.
                for (var p = 0; p < kc; p++)
                {
                    var src = a + (long)(pc + p) * pr.M + ic + ir;
                    var d = panel + (long)p * mr;
                    for (var r = 0; r < rows; r++) d[r] = src[r];
                    for (var r = rows; r < mr; r++) d[r] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// Packs the kc×nc block of op(B) at (pc, jc) into NR-column micro-panels: panel t holds, for each p, the NR values
    /// op(B)[pc + p, jc + t·NR + j] contiguously (columns past the edge are zero).
    /// </summary>
    private static unsafe void PackB(float* b, float* dst, in Problem pr, int pc, int kc, int jc, int nc) =>
        PackB(b, dst, pr, pc, kc, jc, nc, Avx512F.IsSupported);

    /// <summary>
    /// <see cref="PackB(float*, float*, in Problem, int, int, int, int)"/> with the choice of the transposing
    /// 16×16-tile path (AVX-512, B transposed, 32-column panels) left to the caller. Both write identical bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void PackB(float* b, float* dst, in Problem pr, int pc, int kc, int jc, int nc, bool vectorized)
    {
        var nr = pr.NR;
        // B stored n×k: each half panel (16 columns) × 16 p is loaded as 16 row vectors and transposed in registers.
        var pVector = vectorized && Avx512F.IsSupported && pr.TransposeB && pr.Shape == MicroKernel.Avx512 ? kc & ~15 : 0;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var panel = dst + (long)jr * kc;
            var cols = Math.Min(nr, nc - jr);
            if (!pr.TransposeB)
            {
                // B is k×n: a micro-panel row is a contiguous piece of a B row; full ones move as 8-float vectors.
                for (var p = 0; p < kc; p++)
                {
                    var src = b + (long)(pc + p) * pr.N + jc + jr;
                    var d = panel + (long)p * nr;
                    if (cols == nr)
                    {
                        for (var j = 0; j < nr; j += Vector256<float>.Count) Vector256.Store(Vector256.Load(src + j), d + j);
                    }
                    else
                    {
                        for (var j = 0; j < cols; j++) d[j] = src[j];
                        for (var j = cols; j < nr; j++) d[j] = 0f;
                    }
                }
            }
            else
            {
                for (var half = 0; half < nr && pVector > 0; half += 16)
                {
                    for (var p0 = 0; p0 < pVector; p0 += 16)
                    {
                        TransposeTile16(b + (long)(jc + jr + half) * pr.K + pc + p0, pr.K, cols - half, panel + (long)p0 * nr + half, nr);
                    }
                }
                // B is stored n×k: each panel column is contiguous in p and lands with stride NR.
                for (var j = 0; j < cols; j++)
                {
                    var src = b + (long)(jc + jr + j) * pr.K + pc;
                    var d = panel + j;
                    for (var p = pVector; p < kc; p++) d[(long)p * nr] = src[p];
                }
                for (var j = cols; j < nr; j++)
                    for (var p = pVector; p < kc; p++) panel[(long)p * nr + j] = 0f;
            }
        }
    }

    /// <summary>
    /// Transposes the 16×16 tile whose row i (i &lt; <paramref name="count"/>; zero beyond) is the 16 floats at
    /// src + i·srcStride, storing its column q at dst + q·dstStride in ascending q (later stores may overwrite the tail
    /// of earlier ones when dstStride &lt; 16). Three stages on registers: interleave 32-bit pairs, then 64-bit pairs
    /// within each 128-bit lane (4×4 transposed blocks per lane), then regroup the 128-bit lanes (0x88 picks lanes
    /// 0, 2 of each operand, 0xDD lanes 1, 3). Written out so that all 16 rows stay in zmm registers.
    /// Ref: Intel 64 and IA-32 Architectures Optimization Reference Manual (unpack/shuffle transposition).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void TransposeTile16(float* src, long srcStride, int count, float* dst, long dstStride)
    {
        var r0 = 0 < count ? Vector512.Load(src + 0 * srcStride) : Vector512<float>.Zero;
        var r1 = 1 < count ? Vector512.Load(src + 1 * srcStride) : Vector512<float>.Zero;
        var r2 = 2 < count ? Vector512.Load(src + 2 * srcStride) : Vector512<float>.Zero;
        var r3 = 3 < count ? Vector512.Load(src + 3 * srcStride) : Vector512<float>.Zero;
        var r4 = 4 < count ? Vector512.Load(src + 4 * srcStride) : Vector512<float>.Zero;
        var r5 = 5 < count ? Vector512.Load(src + 5 * srcStride) : Vector512<float>.Zero;
        var r6 = 6 < count ? Vector512.Load(src + 6 * srcStride) : Vector512<float>.Zero;
        var r7 = 7 < count ? Vector512.Load(src + 7 * srcStride) : Vector512<float>.Zero;
        var r8 = 8 < count ? Vector512.Load(src + 8 * srcStride) : Vector512<float>.Zero;
        var r9 = 9 < count ? Vector512.Load(src + 9 * srcStride) : Vector512<float>.Zero;
        var r10 = 10 < count ? Vector512.Load(src + 10 * srcStride) : Vector512<float>.Zero;
        var r11 = 11 < count ? Vector512.Load(src + 11 * srcStride) : Vector512<float>.Zero;
        var r12 = 12 < count ? Vector512.Load(src + 12 * srcStride) : Vector512<float>.Zero;
        var r13 = 13 < count ? Vector512.Load(src + 13 * srcStride) : Vector512<float>.Zero;
        var r14 = 14 < count ? Vector512.Load(src + 14 * srcStride) : Vector512<float>.Zero;
        var r15 = 15 < count ? Vector512.Load(src + 15 * srcStride) : Vector512<float>.Zero;
        // t(2i), t(2i+1): rows 2i, 2i+1 interleaved per 128-bit lane.
        var t0 = Avx512F.UnpackLow(r0, r1).AsDouble(); var t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx512F.UnpackLow(r2, r3).AsDouble(); var t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        var t4 = Avx512F.UnpackLow(r4, r5).AsDouble(); var t5 = Avx512F.UnpackHigh(r4, r5).AsDouble();
        var t6 = Avx512F.UnpackLow(r6, r7).AsDouble(); var t7 = Avx512F.UnpackHigh(r6, r7).AsDouble();
        var t8 = Avx512F.UnpackLow(r8, r9).AsDouble(); var t9 = Avx512F.UnpackHigh(r8, r9).AsDouble();
        var t10 = Avx512F.UnpackLow(r10, r11).AsDouble(); var t11 = Avx512F.UnpackHigh(r10, r11).AsDouble();
        var t12 = Avx512F.UnpackLow(r12, r13).AsDouble(); var t13 = Avx512F.UnpackHigh(r12, r13).AsDouble();
        var t14 = Avx512F.UnpackLow(r14, r15).AsDouble(); var t15 = Avx512F.UnpackHigh(r14, r15).AsDouble();
        // u(4g + q): per 128-bit lane l, column 4l + q of rows 4g…4g+3.
        var u0 = Avx512F.UnpackLow(t0, t2).AsSingle(); var u1 = Avx512F.UnpackHigh(t0, t2).AsSingle();
        var u2 = Avx512F.UnpackLow(t1, t3).AsSingle(); var u3 = Avx512F.UnpackHigh(t1, t3).AsSingle();
        var u4 = Avx512F.UnpackLow(t4, t6).AsSingle(); var u5 = Avx512F.UnpackHigh(t4, t6).AsSingle();
        var u6 = Avx512F.UnpackLow(t5, t7).AsSingle(); var u7 = Avx512F.UnpackHigh(t5, t7).AsSingle();
        var u8 = Avx512F.UnpackLow(t8, t10).AsSingle(); var u9 = Avx512F.UnpackHigh(t8, t10).AsSingle();
        var u10 = Avx512F.UnpackLow(t9, t11).AsSingle(); var u11 = Avx512F.UnpackHigh(t9, t11).AsSingle();
        var u12 = Avx512F.UnpackLow(t12, t14).AsSingle(); var u13 = Avx512F.UnpackHigh(t12, t14).AsSingle();
        var u14 = Avx512F.UnpackLow(t13, t15).AsSingle(); var u15 = Avx512F.UnpackHigh(t13, t15).AsSingle();
        var v0 = Avx512F.Shuffle4x128(u0, u4, 0x88); var w0 = Avx512F.Shuffle4x128(u0, u4, 0xDD);
        var x0 = Avx512F.Shuffle4x128(u8, u12, 0x88); var y0 = Avx512F.Shuffle4x128(u8, u12, 0xDD);
        var v1 = Avx512F.Shuffle4x128(u1, u5, 0x88); var w1 = Avx512F.Shuffle4x128(u1, u5, 0xDD);
        var x1 = Avx512F.Shuffle4x128(u9, u13, 0x88); var y1 = Avx512F.Shuffle4x128(u9, u13, 0xDD);
        var v2 = Avx512F.Shuffle4x128(u2, u6, 0x88); var w2 = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        var x2 = Avx512F.Shuffle4x128(u10, u14, 0x88); var y2 = Avx512F.Shuffle4x128(u10, u14, 0xDD);
        var v3 = Avx512F.Shuffle4x128(u3, u7, 0x88); var w3 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
        var x3 = Avx512F.Shuffle4x128(u11, u15, 0x88); var y3 = Avx512F.Shuffle4x128(u11, u15, 0xDD);
        Vector512.Store(Avx512F.Shuffle4x128(v0, x0, 0x88), dst + 0 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v1, x1, 0x88), dst + 1 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v2, x2, 0x88), dst + 2 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v3, x3, 0x88), dst + 3 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w0, y0, 0x88), dst + 4 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w1, y1, 0x88), dst + 5 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w2, y2, 0x88), dst + 6 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w3, y3, 0x88), dst + 7 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v0, x0, 0xDD), dst + 8 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v1, x1, 0xDD), dst + 9 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v2, x2, 0xDD), dst + 10 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v3, x3, 0xDD), dst + 11 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w0, y0, 0xDD), dst + 12 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w1, y1, 0xDD), dst + 13 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w2, y2, 0xDD), dst + 14 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(w3, y3, 0xDD), dst + 15 * dstStride);
    }

    /// <summary>Test entry: packs like the product would, into a fresh array, with or without the vector path.</summary>
    internal static unsafe float[] PackForTest(ReadOnlySpan<float> source, bool packA, int m, int n, int k, bool transposeA, bool transposeB,
        int outer, int outerCount, int depth, int depthCount, bool vectorized)
    {
        var pr = new Problem(m, n, k, transposeA, transposeB, 1f, 0f, MicroKernel.Avx512);
        var panels = packA ? (outerCount + pr.MR - 1) / pr.MR * pr.MR : (outerCount + pr.NR - 1) / pr.NR * pr.NR;
        // One spare panel: the A path's 16-wide stores may spill 2 values past the last panel.
        var result = new float[(panels + 16) * depthCount];
        fixed (float* s = source, d = result)
        {
            if (packA) PackA(s, d, pr, outer, outerCount, depth, depthCount, vectorized);
            else PackB(s, d, pr, depth, depthCount, outer, outerCount, vectorized);
        }
        return result.AsSpan(0, panels * depthCount).ToArray();
    }
}
