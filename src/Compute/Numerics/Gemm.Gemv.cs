using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

public static partial class Gemm
{
    /// <summary>
    /// y = α·op(A)·x + β·y with A stored m×n row-major; op(A) = Aᵀ (n×m) when <paramref name="transposeA"/>.
    /// β = 0 overwrites y (NaN in y does not propagate). A·x runs four rows at a time, so each x vector load
    /// feeds four FMAs; Aᵀ·x adds four scaled rows of A into a column chunk of y that stays in L1. Both are
    /// bound by reading A once from memory when A does not fit in cache.
    /// </summary>
    public static void Gemv(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int m, int n,
        bool transposeA = false, float alpha = 1f, float beta = 0f)
    {
        if (m < 0 || n < 0) throw new ArgumentOutOfRangeException(nameof(m), "Matrix dimensions must be non-negative.");
        if (a.Length < (long)m * n) throw new ArgumentException($"A needs {(long)m * n} elements, has {a.Length}.", nameof(a));
        if (!transposeA)
        {
            if (x.Length < n || y.Length < m) throw new ArgumentException("x or y too short for A·x.");
            GemvRows(a, x[..n], y[..m], m, n, alpha, beta);
        }
        else
        {
            if (x.Length < m || y.Length < n) throw new ArgumentException("x or y too short for Aᵀ·x.");
            var yv = y[..n];
            if (beta == 0f) yv.Clear();
            else if (beta != 1f) TensorPrimitives.Multiply(yv, beta, yv);
            if (alpha != 0f) GemvColumns(a, x[..m], yv, m, n, alpha);
        }
    }

    /// <summary>y_i = α·Σ_j A_ij x_j + β·y_i, four rows per pass over x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GemvRows(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int m, int n, float alpha, float beta)
    {
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var xr = ref MemoryMarshal.GetReference(x);
        var i = 0;
        for (; i <= m - 4; i += 4)
        {
            ref var a0 = ref Unsafe.Add(ref ar, (nint)i * n);
            ref var a1 = ref Unsafe.Add(ref a0, n);
            ref var a2 = ref Unsafe.Add(ref a1, n);
            ref var a3 = ref Unsafe.Add(ref a2, n);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            var j = 0;
            if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
            {
                Vector512<float> v0 = default, v1 = default, v2 = default, v3 = default;
                for (; j <= n - Vector512<float>.Count; j += Vector512<float>.Count)
                {
                    var xv = Vector512.LoadUnsafe(ref xr, (nuint)j);
                    v0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, (nuint)j), xv, v0);
                    v1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a1, (nuint)j), xv, v1);
                    v2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a2, (nuint)j), xv, v2);
                    v3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a3, (nuint)j), xv, v3);
                }
                (s0, s1, s2, s3) = (Vector512.Sum(v0), Vector512.Sum(v1), Vector512.Sum(v2), Vector512.Sum(v3));
            }
            else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
            {
                Vector256<float> v0 = default, v1 = default, v2 = default, v3 = default;
                for (; j <= n - Vector256<float>.Count; j += Vector256<float>.Count)
                {
                    var xv = Vector256.LoadUnsafe(ref xr, (nuint)j);
                    v0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a0, (nuint)j), xv, v0);
                    v1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a1, (nuint)j), xv, v1);
                    v2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a2, (nuint)j), xv, v2);
                    v3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a3, (nuint)j), xv, v3);
                }
                (s0, s1, s2, s3) = (Vector256.Sum(v0), Vector256.Sum(v1), Vector256.Sum(v2), Vector256.Sum(v3));
            }
            for (; j < n; j++)
            {
                var xj = Unsafe.Add(ref xr, j);
                s0 += Unsafe.Add(ref a0, j) * xj;
                s1 += Unsafe.Add(ref a1, j) * xj;
                s2 += Unsafe.Add(ref a2, j) * xj;
                s3 += Unsafe.Add(ref a3, j) * xj;
            }
            y[i] = Combine(s0, y[i], alpha, beta);
            y[i + 1] = Combine(s1, y[i + 1], alpha, beta);
            y[i + 2] = Combine(s2, y[i + 2], alpha, beta);
            y[i + 3] = Combine(s3, y[i + 3], alpha, beta);
        }
        for (; i < m; i++) y[i] = Combine(TensorPrimitives.Dot(a.Slice(i * n, n), x), y[i], alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Combine(float sum, float old, float alpha, float beta) => beta == 0f ? alpha * sum : alpha * sum + beta * old;

    /// <summary>Columns per chunk of y in Aᵀ·x: 4 KiB, so the chunk stays in L1 while four rows of A stream past it.</summary>
    private const int GemvChunk = 1024;

    /// <summary>y_j += α·Σ_i x_i A_ij, four rows of A per pass over a chunk of y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GemvColumns(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int m, int n, float alpha)
    {
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var yr = ref MemoryMarshal.GetReference(y);
        for (var j0 = 0; j0 < n; j0 += GemvChunk)
        {
            var j1 = Math.Min(n, j0 + GemvChunk);
            var i = 0;
            for (; i <= m - 4; i += 4)
            {
                ref var a0 = ref Unsafe.Add(ref ar, (nint)i * n);
                ref var a1 = ref Unsafe.Add(ref a0, n);
                ref var a2 = ref Unsafe.Add(ref a1, n);
                ref var a3 = ref Unsafe.Add(ref a2, n);
                float x0 = alpha * x[i], x1 = alpha * x[i + 1], x2 = alpha * x[i + 2], x3 = alpha * x[i + 3];
                var j = j0;
                if (Vector512.IsHardwareAccelerated)
                {
                    Vector512<float> c0 = Vector512.Create(x0), c1 = Vector512.Create(x1), c2 = Vector512.Create(x2), c3 = Vector512.Create(x3);
                    for (; j <= j1 - Vector512<float>.Count; j += Vector512<float>.Count)
                    {
                        var yv = Vector512.LoadUnsafe(ref yr, (nuint)j);
                        // Rows in order 0…3 into y: the same association as the scalar tail below.
                        yv = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, (nuint)j), c0, yv);
                        yv = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a1, (nuint)j), c1, yv);
                        yv = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a2, (nuint)j), c2, yv);
                        yv = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a3, (nuint)j), c3, yv);
                        yv.StoreUnsafe(ref yr, (nuint)j);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    Vector256<float> c0 = Vector256.Create(x0), c1 = Vector256.Create(x1), c2 = Vector256.Create(x2), c3 = Vector256.Create(x3);
                    for (; j <= j1 - Vector256<float>.Count; j += Vector256<float>.Count)
                    {
                        var yv = Vector256.LoadUnsafe(ref yr, (nuint)j);
                        yv = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a0, (nuint)j), c0, yv);
                        yv = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a1, (nuint)j), c1, yv);
                        yv = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a2, (nuint)j), c2, yv);
                        yv = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a3, (nuint)j), c3, yv);
                        yv.StoreUnsafe(ref yr, (nuint)j);
                    }
                }
                for (; j < j1; j++)
                {
                    ref var yj = ref Unsafe.Add(ref yr, j);
                    yj = MathF.FusedMultiplyAdd(Unsafe.Add(ref a3, j), x3, MathF.FusedMultiplyAdd(Unsafe.Add(ref a2, j), x2,
                        MathF.FusedMultiplyAdd(Unsafe.Add(ref a1, j), x1, MathF.FusedMultiplyAdd(Unsafe.Add(ref a0, j), x0, yj))));
                }
            }
            for (; i < m; i++)
            {
                var yc = y[j0..j1];
                TensorPrimitives.MultiplyAdd(a.Slice(i * n + j0, j1 - j0), alpha * x[i], yc, yc);
            }
        }
    }
}
