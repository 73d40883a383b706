using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Compute.Numerics.Nn;

/// <summary>
/// The matrix product behind the layers, for either scalar type: float goes to the packed
/// <see cref="Gemm.Multiply"/>; double (the finite-difference tests) takes a plain triple loop.
/// Effectively C = α·op(A)·op(B) + β·C, row-major, op(A) m×k, op(B) k×n (same contract as Gemm).
/// Shapes the packed GEMM serves poorly (few rows, or a very long contraction) take dedicated paths.
/// </summary>
internal static class NnMath<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Contraction length from which A·Bᵀ is computed as row-by-row dot products.</summary>
    private const int LongContraction = 1024;

    /// <summary>Row count up to which non-transposed B goes to <see cref="NnKernels.MultiplyFewRows"/>.</summary>
    private const int FewRows = 96;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 0f)
    {
        // typeof(T) comparisons are JIT-time constants for value types: the float instantiation keeps only this branch.
        if (transposeB && !transposeA && k >= LongContraction)
        {
            // A·Bᵀ with long rows (the convolution's weight gradient, k = batch·L²) is a table of contiguous dot products.
            var scale = T.CreateTruncating(alpha);
            var keep = T.CreateTruncating(beta);
            for (var i = 0; i < m; i++)
            {
                var aRow = a.Slice(i * k, k);
                for (var j = 0; j < n; j++)
                {
                    var dot = TensorPrimitives.Dot(aRow, b.Slice(j * k, k));
                    c[i * n + j] = scale * dot + (beta == 0f ? T.Zero : keep * c[i * n + j]);
                }
            }
            return;
        }
        if (typeof(T) == typeof(float) && !transposeB && m <= FewRows)
        {
            // Few output rows by very long rows (convolutions): register-blocked kernel instead of 14×32 packed tiles.
            NnKernels.MultiplyFewRows(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c),
                m, n, k, transposeA, alpha, beta);
            return;
        }
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c),
                m, n, k, transposeA, transposeB, alpha, beta);
            return;
        }
        var al = T.CreateTruncating(alpha);
        var be = T.CreateTruncating(beta);
        for (var i = 0; i < m; i++)
        for (var j = 0; j < n; j++)
        {
            var sum = T.Zero;
            for (var p = 0; p < k; p++)
                sum += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]);
            c[i * n + j] = al * sum + (beta == 0f ? T.Zero : be * c[i * n + j]);
        }
    }

    /// <summary>Uniform(−bound, bound) initial values (PyTorch's default Kaiming-uniform with a = √5 uses bound = 1/√fan_in).</summary>
    public static void FillUniform(Span<T> destination, double bound, ref Rng rng)
    {
        for (var i = 0; i < destination.Length; i++)
            destination[i] = T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
    }
}
