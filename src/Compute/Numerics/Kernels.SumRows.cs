using System.Numerics.Tensors;

namespace Compute.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// Column sums over the rows of a row-major matrix: result_j = Σ_{i&lt;rows} M_ij for j &lt; result.Length
    /// (the bias gradient of a dense layer over a batch). Rows are added in order 0, 1, …, so the float result
    /// is the same on every instruction set. The matrix must hold rows × result.Length values.
    /// </summary>
    public static void SumRows(ReadOnlySpan<float> matrix, Span<float> result, int rows)
    {
        var columns = result.Length;
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Row count must be non-negative.");
        if (matrix.Length < (long)rows * columns)
            throw new ArgumentException($"Matrix has {matrix.Length} values, needs {rows}×{columns}.", nameof(matrix));
        result.Clear();
        for (var i = 0; i < rows; i++) TensorPrimitives.Add(result, matrix.Slice(i * columns, columns), result);
    }
}
