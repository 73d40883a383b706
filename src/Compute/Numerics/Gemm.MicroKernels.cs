using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

// The register-tile micro-kernels. Their bodies are written out in full so that the JIT keeps every
// accumulator in a register (28 of the 32 zmm registers for 14×32; 12 of 16 ymm registers for 6×16).
// Hot kernels here and in the Rng fills are marked AggressiveOptimization: their tier-0 code (every local
// on the stack) is ~20× slower, and a process's first products would otherwise run on it for ~100 ms.
public static partial class Gemm
{
    /// <summary>
    /// 14×32 register tile: C[r, j] += α·Σ_p A_packed[p·14 + r]·B_packed[p·32 + j] over kc steps, with
    /// 28 Vector512 accumulators; each step loads 2 B vectors and broadcasts 14 A values. C has row stride ldc; <paramref name="overwrite"/>: C is written, not added to.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel14x32(float* a, float* b, int kc, float* c, long ldc, float alpha, bool overwrite)
    {
        var c0_0 = Vector512<float>.Zero; var c0_1 = Vector512<float>.Zero;
        var c1_0 = Vector512<float>.Zero; var c1_1 = Vector512<float>.Zero;
        var c2_0 = Vector512<float>.Zero; var c2_1 = Vector512<float>.Zero;
        var c3_0 = Vector512<float>.Zero; var c3_1 = Vector512<float>.Zero;
        var c4_0 = Vector512<float>.Zero; var c4_1 = Vector512<float>.Zero;
        var c5_0 = Vector512<float>.Zero; var c5_1 = Vector512<float>.Zero;
        var c6_0 = Vector512<float>.Zero; var c6_1 = Vector512<float>.Zero;
        var c7_0 = Vector512<float>.Zero; var c7_1 = Vector512<float>.Zero;
        var c8_0 = Vector512<float>.Zero; var c8_1 = Vector512<float>.Zero;
        var c9_0 = Vector512<float>.Zero; var c9_1 = Vector512<float>.Zero;
        var c10_0 = Vector512<float>.Zero; var c10_1 = Vector512<float>.Zero;
        var c11_0 = Vector512<float>.Zero; var c11_1 = Vector512<float>.Zero;
        var c12_0 = Vector512<float>.Zero; var c12_1 = Vector512<float>.Zero;
        var c13_0 = Vector512<float>.Zero; var c13_1 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]); c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]); c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]); c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]); c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]); c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]); c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(a[6]); c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0); c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(a[7]); c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0); c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            var a8 = Vector512.Create(a[8]); c8_0 = Vector512.FusedMultiplyAdd(a8, b0, c8_0); c8_1 = Vector512.FusedMultiplyAdd(a8, b1, c8_1);
            var a9 = Vector512.Create(a[9]); c9_0 = Vector512.FusedMultiplyAdd(a9, b0, c9_0); c9_1 = Vector512.FusedMultiplyAdd(a9, b1, c9_1);
            var a10 = Vector512.Create(a[10]); c10_0 = Vector512.FusedMultiplyAdd(a10, b0, c10_0); c10_1 = Vector512.FusedMultiplyAdd(a10, b1, c10_1);
            var a11 = Vector512.Create(a[11]); c11_0 = Vector512.FusedMultiplyAdd(a11, b0, c11_0); c11_1 = Vector512.FusedMultiplyAdd(a11, b1, c11_1);
            var a12 = Vector512.Create(a[12]); c12_0 = Vector512.FusedMultiplyAdd(a12, b0, c12_0); c12_1 = Vector512.FusedMultiplyAdd(a12, b1, c12_1);
            var a13 = Vector512.Create(a[13]); c13_0 = Vector512.FusedMultiplyAdd(a13, b0, c13_0); c13_1 = Vector512.FusedMultiplyAdd(a13, b1, c13_1);
            a += 14;
            b += 32;
        }
        var va = Vector512.Create(alpha);
        var row0 = c;
        Vector512.Store(Out(c0_0, va, row0 + 0, overwrite), row0 + 0); Vector512.Store(Out(c0_1, va, row0 + 16, overwrite), row0 + 16);
        var row1 = c + 1 * ldc;
        Vector512.Store(Out(c1_0, va, row1 + 0, overwrite), row1 + 0); Vector512.Store(Out(c1_1, va, row1 + 16, overwrite), row1 + 16);
        var row2 = c + 2 * ldc;
        Vector512.Store(Out(c2_0, va, row2 + 0, overwrite), row2 + 0); Vector512.Store(Out(c2_1, va, row2 + 16, overwrite), row2 + 16);
        var row3 = c + 3 * ldc;
        Vector512.Store(Out(c3_0, va, row3 + 0, overwrite), row3 + 0); Vector512.Store(Out(c3_1, va, row3 + 16, overwrite), row3 + 16);
        var row4 = c + 4 * ldc;
        Vector512.Store(Out(c4_0, va, row4 + 0, overwrite), row4 + 0); Vector512.Store(Out(c4_1, va, row4 + 16, overwrite), row4 + 16);
        var row5 = c + 5 * ldc;
        Vector512.Store(Out(c5_0, va, row5 + 0, overwrite), row5 + 0); Vector512.Store(Out(c5_1, va, row5 + 16, overwrite), row5 + 16);
        var row6 = c + 6 * ldc;
        Vector512.Store(Out(c6_0, va, row6 + 0, overwrite), row6 + 0); Vector512.Store(Out(c6_1, va, row6 + 16, overwrite), row6 + 16);
        var row7 = c + 7 * ldc;
        Vector512.Store(Out(c7_0, va, row7 + 0, overwrite), row7 + 0); Vector512.Store(Out(c7_1, va, row7 + 16, overwrite), row7 + 16);
        var row8 = c + 8 * ldc;
        Vector512.Store(Out(c8_0, va, row8 + 0, overwrite), row8 + 0); Vector512.Store(Out(c8_1, va, row8 + 16, overwrite), row8 + 16);
        var row9 = c + 9 * ldc;
        Vector512.Store(Out(c9_0, va, row9 + 0, overwrite), row9 + 0); Vector512.Store(Out(c9_1, va, row9 + 16, overwrite), row9 + 16);
        var row10 = c + 10 * ldc;
        Vector512.Store(Out(c10_0, va, row10 + 0, overwrite), row10 + 0); Vector512.Store(Out(c10_1, va, row10 + 16, overwrite), row10 + 16);
        var row11 = c + 11 * ldc;
        Vector512.Store(Out(c11_0, va, row11 + 0, overwrite), row11 + 0); Vector512.Store(Out(c11_1, va, row11 + 16, overwrite), row11 + 16);
        var row12 = c + 12 * ldc;
        Vector512.Store(Out(c12_0, va, row12 + 0, overwrite), row12 + 0); Vector512.Store(Out(c12_1, va, row12 + 16, overwrite), row12 + 16);
        var row13 = c + 13 * ldc;
        Vector512.Store(Out(c13_0, va, row13 + 0, overwrite), row13 + 0); Vector512.Store(Out(c13_1, va, row13 + 16, overwrite), row13 + 16);
    }

    /// <summary>
    /// A finished accumulator written to C: α·acc (the first depth block of a product with β = 0, so C is never cleared
    /// or read beforehand; fma(acc, α, 0) is the same number), or C + α·acc.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Out(Vector512<float> acc, Vector512<float> alpha, float* c, bool overwrite) =>
        overwrite ? acc * alpha : Vector512.FusedMultiplyAdd(acc, alpha, Vector512.Load(c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Out(Vector256<float> acc, Vector256<float> alpha, float* c, bool overwrite) =>
        overwrite ? acc * alpha : Vector256.FusedMultiplyAdd(acc, alpha, Vector256.Load(c));

    /// <summary>
    /// 6×16 register tile: C[r, j] += α·Σ_p A_packed[p·6 + r]·B_packed[p·16 + j] over kc steps, with
    /// 12 Vector256 accumulators; each step loads 2 B vectors and broadcasts 6 A values. C has row stride ldc.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel6x16(float* a, float* b, int kc, float* c, long ldc, float alpha, bool overwrite)
    {
        var c0_0 = Vector256<float>.Zero; var c0_1 = Vector256<float>.Zero;
        var c1_0 = Vector256<float>.Zero; var c1_1 = Vector256<float>.Zero;
        var c2_0 = Vector256<float>.Zero; var c2_1 = Vector256<float>.Zero;
        var c3_0 = Vector256<float>.Zero; var c3_1 = Vector256<float>.Zero;
        var c4_0 = Vector256<float>.Zero; var c4_1 = Vector256<float>.Zero;
        var c5_0 = Vector256<float>.Zero; var c5_1 = Vector256<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]); c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(a[1]); c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(a[2]); c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(a[3]); c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(a[4]); c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(a[5]); c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }
        var va = Vector256.Create(alpha);
        var row0 = c;
        Vector256.Store(Out(c0_0, va, row0 + 0, overwrite), row0 + 0); Vector256.Store(Out(c0_1, va, row0 + 8, overwrite), row0 + 8);
        var row1 = c + 1 * ldc;
        Vector256.Store(Out(c1_0, va, row1 + 0, overwrite), row1 + 0); Vector256.Store(Out(c1_1, va, row1 + 8, overwrite), row1 + 8);
        var row2 = c + 2 * ldc;
        Vector256.Store(Out(c2_0, va, row2 + 0, overwrite), row2 + 0); Vector256.Store(Out(c2_1, va, row2 + 8, overwrite), row2 + 8);
        var row3 = c + 3 * ldc;
        Vector256.Store(Out(c3_0, va, row3 + 0, overwrite), row3 + 0); Vector256.Store(Out(c3_1, va, row3 + 8, overwrite), row3 + 8);
        var row4 = c + 4 * ldc;
        Vector256.Store(Out(c4_0, va, row4 + 0, overwrite), row4 + 0); Vector256.Store(Out(c4_1, va, row4 + 8, overwrite), row4 + 8);
        var row5 = c + 5 * ldc;
        Vector256.Store(Out(c5_0, va, row5 + 0, overwrite), row5 + 0); Vector256.Store(Out(c5_1, va, row5 + 8, overwrite), row5 + 8);
    }
}
