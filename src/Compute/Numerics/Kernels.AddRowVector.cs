using System.Numerics.Tensors;

namespace Compute.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// Broadcast add of a row vector to every row of a row-major matrix: M_ij += r_j for i &lt; rows,
    /// j &lt; row.Length (the bias add of a dense layer over a batch). The matrix must hold rows × row.Length values.
    /// </summary>
    public static void AddRowVector(Span<float> matrix, ReadOnlySpan<float> row, int rows)
    {
        var columns = row.Length;
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Row count must be non-negative.");
        if (matrix.Length < (long)rows * columns)
            throw new ArgumentException($"Matrix has {matrix.Length} values, needs {rows}×{columns}.", nameof(matrix));
        for (var i = 0; i < rows; i++)
        {
            var m = matrix.Slice(i * columns, columns);
            TensorPrimitives.Add(m, row, m);
        }
    }
}
