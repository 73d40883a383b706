using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

public static partial class Gemm
{
    /// <summary>
    /// Packs the mc×kc block of op(A) at (ic, pc) into MR-row micro-panels: panel t holds, for each p, the MR values
    /// op(A)[ic + t·MR + r, pc + p] contiguously (rows past the edge are zero), so the micro-kernel reads A as one stream.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackA(float* a, float* dst, in Problem pr, int ic, int mc, int pc, int kc)
    {
        var mr = pr.MR;
        for (var ir = 0; ir < mc; ir += mr)
        {
            var panel = dst + (long)ir * kc;
            var rows = Math.Min(mr, mc - ir);
            if (!pr.TransposeA)
            {
                // A is m×k: each row of the panel is contiguous in p and lands with stride MR.
                for (var r = 0; r < rows; r++)
                {
                    var src = a + (long)(ic + ir + r) * pr.K + pc;
                    var d = panel + r;
                    for (var p = 0; p < kc; p++) d[(long)p * mr] = src[p];
                }
                for (var r = rows; r < mr; r++)
                    for (var p = 0; p < kc; p++) panel[(long)p * mr + r] = 0f;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackB(float* b, float* dst, in Problem pr, int pc, int kc, int jc, int nc)
    {
        var nr = pr.NR;
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
                // B is stored n×k: each panel column is contiguous in p and lands with stride NR.
                for (var j = 0; j < cols; j++)
                {
                    var src = b + (long)(jc + jr + j) * pr.K + pc;
                    var d = panel + j;
                    for (var p = 0; p < kc; p++) d[(long)p * nr] = src[p];
                }
                for (var j = cols; j < nr; j++)
                    for (var p = 0; p < kc; p++) panel[(long)p * nr + j] = 0f;
            }
        }
    }
}
