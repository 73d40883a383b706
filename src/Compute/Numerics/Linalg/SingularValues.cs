namespace Compute.Numerics.Linalg;

/// <summary>
/// Singular values of a real m×n matrix as the square roots of the eigenvalues of the smaller Gram
/// matrix (AᵀA or AAᵀ), formed in double precision. Values below √ε·σ_max lose relative accuracy
/// (the Gram matrix squares the condition number), which is fine for spectra drawn on a plot.
/// </summary>
public static class SingularValues
{
    /// <summary>Writes the min(m, n) singular values of the row-major m×n <paramref name="a"/> in descending order.</summary>
    public static void Compute(ReadOnlySpan<float> a, int m, int n, Span<double> values)
    {
        var r = Math.Min(m, n);
        if (a.Length < m * n || values.Length < r) throw new ArgumentException("Matrix or output too small.");
        var gram = new double[r * r];
        if (n <= m)
        {
            // G = AᵀA (n×n): accumulate row outer products.
            var row = new double[n];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++) row[j] = a[i * n + j];
                for (var j = 0; j < n; j++)
                {
                    var x = row[j];
                    if (x == 0) continue;
                    for (var k = j; k < n; k++) gram[j * n + k] += x * row[k];
                }
            }
        }
        else
        {
            // G = AAᵀ (m×m).
            for (var i = 0; i < m; i++)
                for (var k = i; k < m; k++)
                {
                    double s = 0;
                    for (var j = 0; j < n; j++) s += (double)a[i * n + j] * a[k * n + j];
                    gram[i * m + k] = s;
                }
        }
        for (var j = 0; j < r; j++)
            for (var k = 0; k < j; k++) gram[j * r + k] = gram[k * r + j];
        SymmetricEigen.Eigenvalues(gram, r, values);
        for (var i = 0; i < r; i++) values[i] = Math.Sqrt(Math.Max(0, values[i]));
    }
}
