using System.Numerics.Tensors;

namespace Compute.Numerics;

/// <summary>
/// Single-precision matrix products on row-major storage.
/// <c>Multiply</c> effectively computes C = α·op(A)·op(B) + β·C with op(A) of shape m×k and op(B) of shape k×n;
/// A is stored m×k (or k×m when <paramref name="transposeA"/>), B k×n (or n×k when <paramref name="transposeB"/>), C m×n.
/// </summary>
public static class Gemm
{
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 0f)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        for (var i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            if (beta == 0f) cRow.Clear();
            else if (beta != 1f) TensorPrimitives.Multiply(cRow, beta, cRow);
            for (var p = 0; p < k; p++)
            {
                var aip = alpha * (transposeA ? a[p * m + i] : a[i * k + p]);
                if (aip == 0f) continue;
                if (!transposeB)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, cRow, cRow);
                }
                else
                {
                    for (var j = 0; j < n; j++) cRow[j] += aip * b[j * k + p];
                }
            }
        }
    }

    /// <summary>y = α·op(A)·x + β·y with A stored m×n row-major; op(A) = Aᵀ (n×m) when <paramref name="transposeA"/>.</summary>
    public static void Gemv(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int m, int n,
        bool transposeA = false, float alpha = 1f, float beta = 0f)
    {
        if (a.Length < m * n) throw new ArgumentException($"A needs {m * n} elements, has {a.Length}.", nameof(a));
        if (!transposeA)
        {
            if (x.Length < n || y.Length < m) throw new ArgumentException("x or y too short for A·x.");
            for (var i = 0; i < m; i++)
                y[i] = alpha * TensorPrimitives.Dot(a.Slice(i * n, n), x[..n]) + (beta == 0f ? 0f : beta * y[i]);
        }
        else
        {
            if (x.Length < m || y.Length < n) throw new ArgumentException("x or y too short for Aᵀ·x.");
            var yv = y[..n];
            if (beta == 0f) yv.Clear();
            else if (beta != 1f) TensorPrimitives.Multiply(yv, beta, yv);
            for (var i = 0; i < m; i++)
                TensorPrimitives.MultiplyAdd(a.Slice(i * n, n), alpha * x[i], yv, yv);
        }
    }

    private static void CheckShapes(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "Matrix dimensions must be non-negative.");
        if (aLength < (long)m * k) throw new ArgumentException($"A needs {(long)m * k} elements, has {aLength}.");
        if (bLength < (long)k * n) throw new ArgumentException($"B needs {(long)k * n} elements, has {bLength}.");
        if (cLength < (long)m * n) throw new ArgumentException($"C needs {(long)m * n} elements, has {cLength}.");
    }
}
