using Compute.Numerics;
using Compute.Numerics.Linalg;

namespace Compute.Tests.Numerics.Linalg;

public class LinalgTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(40)]
    public void Eigenvalues_TridiagonalToeplitz_MatchClosedForm(int n)
    {
        // tridiag(−1, 2, −1): λ_k = 2 − 2cos(kπ/(n+1)).
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i * n + i] = 2;
            if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
        }
        var values = new double[n];
        SymmetricEigen.Eigenvalues(a, n, values);
        var expected = Enumerable.Range(1, n).Select(k => 2 - 2 * Math.Cos(k * Math.PI / (n + 1))).OrderDescending().ToArray();
        for (var k = 0; k < n; k++) Assert.Equal(expected[k], values[k], 11);
    }

    [Fact]
    public void Eigenvalues_RandomSymmetric_PreserveTraceAndFrobeniusNorm()
    {
        const int n = 30;
        var rng = new Rng(4, 0);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.NextGaussian();
        var values = new double[n];
        SymmetricEigen.Eigenvalues(a, n, values);
        var trace = Enumerable.Range(0, n).Sum(i => a[i * n + i]);
        Assert.Equal(trace, values.Sum(), 9);
        Assert.Equal(a.Sum(x => x * x), values.Sum(x => x * x), 8);
        for (var k = 1; k < n; k++) Assert.True(values[k] <= values[k - 1]);
    }

    [Fact]
    public void SingularValues_ScaledOrthogonalProduct_AreTheScales()
    {
        // A = Q diag(s) with Q a 2D rotation embedded in 5 rows: singular values are s.
        const int m = 5, n = 3;
        var a = new float[m * n];
        var c = MathF.Cos(0.3f);
        var s = MathF.Sin(0.3f);
        float[] scale = [3, 2, 0.5f];
        // Columns: rotated e0, rotated e1, e4, each scaled.
        a[0 * n + 0] = c * scale[0]; a[1 * n + 0] = s * scale[0];
        a[0 * n + 1] = -s * scale[1]; a[1 * n + 1] = c * scale[1];
        a[4 * n + 2] = scale[2];
        var values = new double[n];
        SingularValues.Compute(a, m, n, values);
        for (var k = 0; k < n; k++) Assert.Equal(scale[k], values[k], 5);
        var transposed = new float[n * m];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) transposed[j * m + i] = a[i * n + j];
        SingularValues.Compute(transposed, n, m, values);
        for (var k = 0; k < n; k++) Assert.Equal(scale[k], values[k], 5);
    }

    [Fact]
    public void Cholesky_Inverse_TimesMatrix_IsIdentity()
    {
        const int n = 12;
        var rng = new Rng(8, 0);
        var g = new double[n * n];
        for (var i = 0; i < g.Length; i++) g[i] = rng.NextGaussian();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                double s = i == j ? 1 : 0;
                for (var k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
                a[i * n + j] = s;
            }
        var inverse = new double[n * n];
        Assert.True(Cholesky.TryInvert(a, n, inverse));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var k = 0; k < n; k++) s += a[i * n + k] * inverse[k * n + j];
                Assert.Equal(i == j ? 1 : 0, s, 10);
            }
    }

    [Fact]
    public void Cholesky_Indefinite_ReturnsFalse()
    {
        double[] a = [1, 2, 2, 1];
        Assert.False(Cholesky.TryInvert(a, 2, new double[4]));
    }
}
