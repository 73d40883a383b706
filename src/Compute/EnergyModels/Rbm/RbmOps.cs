using System.Numerics.Tensors;

namespace Compute.EnergyModels.Rbm;

/// <summary>Batch helpers of the RBM code composed from TensorPrimitives (no allocation).</summary>
internal static class RbmOps
{
    /// <summary>s_i = 1 if u_i &lt; p_i else 0. Ref: inverse-CDF sampling of a Bernoulli(p_i) variable.</summary>
    public static void SampleBernoulli(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s)
    {
        // p − u > 0 exactly where u < p.
        TensorPrimitives.Subtract(p, u[..p.Length], s);
        for (var i = 0; i < s.Length; i++) s[i] = s[i] > 0f ? 1f : 0f;
    }

    /// <summary>matrix[r, :] += row for each of the <paramref name="rows"/> rows.</summary>
    public static void AddRowVector(Span<float> matrix, ReadOnlySpan<float> row, int rows)
    {
        var n = row.Length;
        for (var r = 0; r < rows; r++)
        {
            var slice = matrix.Slice(r * n, n);
            TensorPrimitives.Add(slice, row, slice);
        }
    }

    /// <summary>result_j = Σ_r matrix[r, j] (column sums over <paramref name="rows"/> rows).</summary>
    public static void SumRows(ReadOnlySpan<float> matrix, Span<float> result, int rows)
    {
        var n = result.Length;
        result.Clear();
        for (var r = 0; r < rows; r++) TensorPrimitives.Add(result, matrix.Slice(r * n, n), result);
    }
}
