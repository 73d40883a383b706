using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compute.Numerics.Nn;

/// <summary>
/// Float products in the shapes the convolutions produce, where a general packed GEMM wastes its tiles:
/// few rows (output channels) and very long rows (batch·L² sites).
/// </summary>
public static class NnKernels
{
    /// <summary>
    /// C = α·op(A)·B + β·C for row-major B (k×n) and C (m×n); op(A) is A (m×k) or, with <paramref name="transposeA"/>,
    /// the transpose of A stored k×m. Register-blocked: four rows of C by 32 columns live in eight Vector512
    /// accumulators while p runs over k, so each loaded B vector feeds four FMAs. Remaining rows and columns take a
    /// scalar-broadcast path. Ref: the micro-kernel idea of Goto &amp; van de Geijn, ACM TOMS 34, 12 (2008).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyFewRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA, float alpha, float beta)
    {
        var i = m - m % 4;
        var vectorColumns = Avx512F.IsSupported && i > 0 ? n - n % 32 : 0;
        if (vectorColumns > 0)
        {
            // B rows are n floats apart; with n a multiple of 1024 a 32-column strip down k rows would map onto a few
            // L1 sets and thrash, so each strip is first copied into a contiguous k×32 panel and reused by every row group.
            var panel = Panel(k * 32);
            for (var j = 0; j < vectorColumns; j += 32)
            {
                for (var p = 0; p < k; p++) b.Slice(p * n + j, 32).CopyTo(panel.AsSpan(p * 32, 32));
                for (var row = 0; row < i; row += 4)
                    Tile4x32(a, panel, c, m, n, k, row, j, transposeA, alpha, beta);
            }
        }
        // Rows not covered by 4-row tiles: all columns; covered rows: only the columns past the last full 32-column tile.
        for (var row = 0; row < m; row++)
        {
            var from = row < i ? vectorColumns : 0;
            if (from == n) continue;
            var cRow = c.Slice(row * n + from, n - from);
            if (beta == 0f) cRow.Clear();
            else if (beta != 1f) TensorPrimitives.Multiply(cRow, beta, cRow);
            for (var p = 0; p < k; p++)
            {
                var aip = alpha * (transposeA ? a[p * m + row] : a[row * k + p]);
                TensorPrimitives.MultiplyAdd(b.Slice(p * n + from, n - from), aip, cRow, cRow);
            }
        }
    }

    [ThreadStatic]
    private static float[]? _panel;

    /// <summary>A per-thread panel buffer, grown once to the largest size seen (no allocation in steady state).</summary>
    private static float[] Panel(int length)
    {
        if (_panel is null || _panel.Length < length) _panel = new float[Math.Max(length, 4096)];
        return _panel;
    }

    /// <summary>Rows i..i+3, columns j..j+31 of C from the packed panel (k rows of 32 floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x32(ReadOnlySpan<float> a, float[] b, Span<float> c, int m, int n, int k, int i, int j,
        bool transposeA, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        ref var b0 = ref b[0];
        ref var a0 = ref Unsafe.AsRef(in a[0]);
        // Element (r, p) of op(A): A[r·k + p] normally, A[p·m + r] when transposed.
        nint rowStride = transposeA ? 1 : k, pStride = transposeA ? m : 1;
        for (var p = 0; p < k; p++)
        {
            ref var bp = ref Unsafe.Add(ref b0, (nint)p * 32);
            var lo = Vector512.LoadUnsafe(ref bp);
            var hi = Vector512.LoadUnsafe(ref bp, 16);
            ref var ap = ref Unsafe.Add(ref a0, i * rowStride + p * pStride);
            var a0p = Vector512.Create(ap);
            var a1p = Vector512.Create(Unsafe.Add(ref ap, rowStride));
            var a2p = Vector512.Create(Unsafe.Add(ref ap, 2 * rowStride));
            var a3p = Vector512.Create(Unsafe.Add(ref ap, 3 * rowStride));
            c00 = Avx512F.FusedMultiplyAdd(a0p, lo, c00);
            c01 = Avx512F.FusedMultiplyAdd(a0p, hi, c01);
            c10 = Avx512F.FusedMultiplyAdd(a1p, lo, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1p, hi, c11);
            c20 = Avx512F.FusedMultiplyAdd(a2p, lo, c20);
            c21 = Avx512F.FusedMultiplyAdd(a2p, hi, c21);
            c30 = Avx512F.FusedMultiplyAdd(a3p, lo, c30);
            c31 = Avx512F.FusedMultiplyAdd(a3p, hi, c31);
        }
        Store(c, i * n + j, c00, c01, alpha, beta);
        Store(c, (i + 1) * n + j, c10, c11, alpha, beta);
        Store(c, (i + 2) * n + j, c20, c21, alpha, beta);
        Store(c, (i + 3) * n + j, c30, c31, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<float> c, int offset, Vector512<float> lo, Vector512<float> hi, float alpha, float beta)
    {
        ref var target = ref c[offset];
        var va = Vector512.Create(alpha);
        lo *= va;
        hi *= va;
        // β = 0 must not read C: it may hold stale values (or NaN) that 0·C would propagate.
        if (beta != 0f)
        {
            var vb = Vector512.Create(beta);
            lo = Vector512.FusedMultiplyAdd(vb, Vector512.LoadUnsafe(ref target), lo);
            hi = Vector512.FusedMultiplyAdd(vb, Vector512.LoadUnsafe(ref target, 16), hi);
        }
        lo.StoreUnsafe(ref target);
        hi.StoreUnsafe(ref target, 16);
    }
}
