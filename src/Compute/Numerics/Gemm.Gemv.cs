using System.Numerics.Tensors;

namespace Compute.Numerics;

public static partial class Gemm
{
    /// <summary>y = α·op(A)·x + β·y with A stored m×n row-major; op(A) = Aᵀ (n×m) when <paramref name="transposeA"/>.</summary>
    public static void Gemv(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int m, int n,
        bool transposeA = false, float alpha = 1f, float beta = 0f)
    {
        if (m < 0 || n < 0) throw new ArgumentOutOfRangeException(nameof(m), "Matrix dimensions must be non-negative.");
        if (a.Length < (long)m * n) throw new ArgumentException($"A needs {(long)m * n} elements, has {a.Length}.", nameof(a));
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
}
