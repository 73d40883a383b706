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
        var tiles = stackalloc Vector512<float>[pVector > 0 ? 32 : 0];
        for (var ir = 0; ir < mc; ir += mr)
        {
            var panel = dst + (long)ir * kc;
            var rows = Math.Min(mr, mc - ir);
            if (!pr.TransposeA)
            {
                for (var p0 = 0; p0 < pVector; p0 += 16)
                {
                    for (var r = 0; r < 16; r++)
                        tiles[r] = r < rows ? Vector512.Load(a + (long)(ic + ir + r) * pr.K + pc + p0) : Vector512<float>.Zero;
                    Transpose16x16(tiles, tiles + 16);
                    // Column q of the tile holds the 16 rows at p0 + q; only MR of them belong to this p. The 16-wide
                    // store spills 16 − MR values into the next p's slot (or the next panel's start, or the buffer's
                    // spare panel), which the following store overwrites, so ascending order is required.
                    for (var q = 0; q < 16; q++) Vector512.Store(tiles[16 + q], panel + (long)(p0 + q) * mr);
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
        var tiles = stackalloc Vector512<float>[pVector > 0 ? 32 : 0];
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
                        for (var j = 0; j < 16; j++)
                            tiles[j] = half + j < cols ? Vector512.Load(b + (long)(jc + jr + half + j) * pr.K + pc + p0) : Vector512<float>.Zero;
                        Transpose16x16(tiles, tiles + 16);
                        for (var q = 0; q < 16; q++) Vector512.Store(tiles[16 + q], panel + (long)(p0 + q) * nr + half);
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
    /// Transposes the 16×16 tile whose rows are <paramref name="rows"/>[0..16) into <paramref name="columns"/>[0..16)
    /// (columns[q][r] = rows[r][q]); rows is overwritten. Three stages: interleave 32-bit pairs, then 64-bit pairs
    /// within each 128-bit lane (giving 4×4 transposed blocks per lane), then regroup the 128-bit lanes.
    /// Ref: Intel 64 and IA-32 Architectures Optimization Reference Manual, §"Matrix transposition" (unpack/shuffle scheme).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose16x16(Vector512<float>* rows, Vector512<float>* columns)
    {
        // t[2i], t[2i+1]: rows 2i and 2i+1 interleaved (per 128-bit lane: r[0], r'[0], r[1], r'[1] and the upper pair).
        for (var i = 0; i < 16; i += 2)
        {
            var lo = Avx512F.UnpackLow(rows[i], rows[i + 1]);
            var hi = Avx512F.UnpackHigh(rows[i], rows[i + 1]);
            columns[i] = lo;
            columns[i + 1] = hi;
        }
        // u[4g + q]: per 128-bit lane l, column 4l + q of rows 4g…4g+3.
        for (var g = 0; g < 16; g += 4)
        {
            var t0 = columns[g].AsDouble(); var t1 = columns[g + 1].AsDouble();
            var t2 = columns[g + 2].AsDouble(); var t3 = columns[g + 3].AsDouble();
            rows[g] = Avx512F.UnpackLow(t0, t2).AsSingle();
            rows[g + 1] = Avx512F.UnpackHigh(t0, t2).AsSingle();
            rows[g + 2] = Avx512F.UnpackLow(t1, t3).AsSingle();
            rows[g + 3] = Avx512F.UnpackHigh(t1, t3).AsSingle();
        }
        // Lane regrouping: 0x88 picks lanes (0, 2 | 0, 2), 0xDD lanes (1, 3 | 1, 3) of its two operands.
        for (var q = 0; q < 4; q++)
        {
            var v = Avx512F.Shuffle4x128(rows[q], rows[4 + q], 0x88);
            var w = Avx512F.Shuffle4x128(rows[q], rows[4 + q], 0xDD);
            var x = Avx512F.Shuffle4x128(rows[8 + q], rows[12 + q], 0x88);
            var y = Avx512F.Shuffle4x128(rows[8 + q], rows[12 + q], 0xDD);
            columns[q] = Avx512F.Shuffle4x128(v, x, 0x88);
            columns[8 + q] = Avx512F.Shuffle4x128(v, x, 0xDD);
            columns[4 + q] = Avx512F.Shuffle4x128(w, y, 0x88);
            columns[12 + q] = Avx512F.Shuffle4x128(w, y, 0xDD);
        }
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
