using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

public static partial class Gemm
{
    /// <summary>
    /// Edge register tile for the last 1…4 rows of a 14-row A micro-panel: C[r, j] += α·Σ_p A_packed[p·14 + r]·B_packed[p·32 + j]
    /// for r &lt; 4, with 8 Vector512 accumulators. Each row is the same FMA chain as in <see cref="Kernel14x32"/>, so the
    /// bits equal the full kernel's; it saves the 10 idle rows' work (128 = 9·14 + 2 rows left a tile 6/7 idle).
    /// Ref: Van Zee &amp; van de Geijn, ACM TOMS 41, 14 (2015) (BLIS edge cases).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x32(float* a, float* b, int kc, float* c, long ldc, float alpha)
    {
        var c0_0 = Vector512<float>.Zero; var c0_1 = Vector512<float>.Zero;
        var c1_0 = Vector512<float>.Zero; var c1_1 = Vector512<float>.Zero;
        var c2_0 = Vector512<float>.Zero; var c2_1 = Vector512<float>.Zero;
        var c3_0 = Vector512<float>.Zero; var c3_1 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]); c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]); c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]); c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]); c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            // The packed A panel keeps its 14-row layout; only its first four rows are read.
            a += 14;
            b += 32;
        }
        var va = Vector512.Create(alpha);
        var row0 = c;
        Vector512.Store(Vector512.FusedMultiplyAdd(c0_0, va, Vector512.Load(row0 + 0)), row0 + 0); Vector512.Store(Vector512.FusedMultiplyAdd(c0_1, va, Vector512.Load(row0 + 16)), row0 + 16);
        var row1 = c + 1 * ldc;
        Vector512.Store(Vector512.FusedMultiplyAdd(c1_0, va, Vector512.Load(row1 + 0)), row1 + 0); Vector512.Store(Vector512.FusedMultiplyAdd(c1_1, va, Vector512.Load(row1 + 16)), row1 + 16);
        var row2 = c + 2 * ldc;
        Vector512.Store(Vector512.FusedMultiplyAdd(c2_0, va, Vector512.Load(row2 + 0)), row2 + 0); Vector512.Store(Vector512.FusedMultiplyAdd(c2_1, va, Vector512.Load(row2 + 16)), row2 + 16);
        var row3 = c + 3 * ldc;
        Vector512.Store(Vector512.FusedMultiplyAdd(c3_0, va, Vector512.Load(row3 + 0)), row3 + 0); Vector512.Store(Vector512.FusedMultiplyAdd(c3_1, va, Vector512.Load(row3 + 16)), row3 + 16);
    }
}
