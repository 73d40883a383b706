namespace Compute.Numerics.Linalg;

/// <summary>
/// Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form followed by the
/// implicit QL algorithm with Wilkinson shifts. O(n³) for the reduction, O(n²) for QL; double precision.
/// Ref: Press et al., Numerical Recipes (3rd ed.), §11.3-11.4 (tred2, tqli).
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues of the symmetric n×n matrix <paramref name="matrix"/> (row-major, both triangles filled),
    /// sorted in descending order into <paramref name="eigenvalues"/>. The input is not modified.
    /// </summary>
    public static void Eigenvalues(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues)
    {
        if (n < 0 || matrix.Length < n * n || eigenvalues.Length < n) throw new ArgumentException("Matrix or output too small for n.");
        if (n == 0) return;
        var a = matrix[..(n * n)].ToArray();
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(a, n, d, e);
        TridiagonalQl(d, e, n);
        Array.Sort(d);
        Array.Reverse(d);
        d.CopyTo(eigenvalues);
    }

    // Householder reduction; on exit d holds the diagonal and e[i] the sub-diagonal element (i−1, i), e[0] = 0.
    private static void Tridiagonalize(double[] a, int n, double[] d, double[] e)
    {
        for (var i = n - 1; i > 0; i--)
        {
            var l = i - 1;
            double h = 0, scale = 0;
            if (l > 0)
            {
                for (var k = 0; k <= l; k++) scale += Math.Abs(a[i * n + k]);
                if (scale == 0)
                {
                    e[i] = a[i * n + l];
                }
                else
                {
                    // Scaling the row avoids under/overflow in the norm.
                    for (var k = 0; k <= l; k++)
                    {
                        a[i * n + k] /= scale;
                        h += a[i * n + k] * a[i * n + k];
                    }
                    var f = a[i * n + l];
                    var g = f >= 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                    e[i] = scale * g;
                    h -= f * g;
                    a[i * n + l] = f - g;
                    f = 0;
                    for (var j = 0; j <= l; j++)
                    {
                        g = 0;
                        for (var k = 0; k <= j; k++) g += a[j * n + k] * a[i * n + k];
                        for (var k = j + 1; k <= l; k++) g += a[k * n + j] * a[i * n + k];
                        e[j] = g / h;
                        f += e[j] * a[i * n + j];
                    }
                    var hh = f / (h + h);
                    for (var j = 0; j <= l; j++)
                    {
                        f = a[i * n + j];
                        e[j] = g = e[j] - hh * f;
                        for (var k = 0; k <= j; k++) a[j * n + k] -= f * e[k] + g * a[i * n + k];
                    }
                }
            }
            else
            {
                e[i] = a[i * n + l];
            }
            d[i] = h;
        }
        e[0] = 0;
        for (var i = 0; i < n; i++) d[i] = a[i * n + i];
    }

    private static void TridiagonalQl(double[] d, double[] e, int n)
    {
        for (var i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        for (var l = 0; l < n; l++)
        {
            var iterations = 0;
            int m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    var dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon + 2.2e-16 * dd) break;
                }
                if (m == l) break;
                if (iterations++ == 100) throw new InvalidOperationException("Symmetric eigenvalue QL iteration did not converge.");
                // Wilkinson shift from the leading 2×2 block.
                var g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                var r = double.Hypot(g, 1.0);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.Abs(r) : -Math.Abs(r)));
                double s = 1, c = 1, p = 0;
                var i = m - 1;
                var deflated = false;
                for (; i >= l; i--)
                {
                    var f = s * e[i];
                    var b = c * e[i];
                    e[i + 1] = r = double.Hypot(f, g);
                    if (r == 0)
                    {
                        // Underflow: the matrix split; restart with the smaller block.
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2.0 * c * b;
                    d[i + 1] = g + (p = s * r);
                    g = c * r - b;
                }
                if (deflated) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            } while (true);
        }
    }
}
