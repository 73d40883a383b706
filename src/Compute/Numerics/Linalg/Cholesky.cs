namespace Compute.Numerics.Linalg;

/// <summary>
/// Cholesky factorization A = L Lᵀ of a symmetric positive-definite matrix and the inverse built from it,
/// in double precision, O(n³). Ref: Golub &amp; Van Loan, Matrix Computations (4th ed.), §4.2.
/// </summary>
public static class Cholesky
{
    /// <summary>
    /// Writes A⁻¹ of the symmetric positive-definite n×n <paramref name="a"/> (row-major) into <paramref name="inverse"/>.
    /// Returns false (leaving the output unspecified) when A is not numerically positive definite.
    /// </summary>
    public static bool TryInvert(ReadOnlySpan<double> a, int n, Span<double> inverse)
    {
        if (a.Length < n * n || inverse.Length < n * n) throw new ArgumentException("Matrix or output too small for n.");
        var l = new double[n * n];
        if (!TryFactor(a, n, l)) return false;
        var column = new double[n];
        for (var c = 0; c < n; c++)
        {
            // Solve L y = e_c, then Lᵀ x = y; x is column c of A⁻¹.
            for (var i = 0; i < n; i++)
            {
                var s = i == c ? 1.0 : 0.0;
                for (var k = 0; k < i; k++) s -= l[i * n + k] * column[k];
                column[i] = s / l[i * n + i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var s = column[i];
                for (var k = i + 1; k < n; k++) s -= l[k * n + i] * column[k];
                column[i] = s / l[i * n + i];
            }
            for (var i = 0; i < n; i++) inverse[i * n + c] = column[i];
        }
        return true;
    }

    /// <summary>Lower-triangular L with A = L Lᵀ (upper triangle of <paramref name="l"/> left zero); false if A is not positive definite.</summary>
    public static bool TryFactor(ReadOnlySpan<double> a, int n, Span<double> l)
    {
        l[..(n * n)].Clear();
        for (var j = 0; j < n; j++)
        {
            var diagonal = a[j * n + j];
            for (var k = 0; k < j; k++) diagonal -= l[j * n + k] * l[j * n + k];
            if (!(diagonal > 0)) return false;
            var ljj = Math.Sqrt(diagonal);
            l[j * n + j] = ljj;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i * n + j];
                for (var k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
        return true;
    }
}
