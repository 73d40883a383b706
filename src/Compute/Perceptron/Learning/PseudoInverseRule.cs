using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Perceptron.Learning;

/// <summary>
/// The pseudo-inverse rule for P &lt; N: the minimum-norm J with J·ξ_μ = y_μ for all μ,
///   J = Xᵀ (X Xᵀ)⁻¹ y,
/// by a Cholesky factorization of the P×P correlation matrix C = X Xᵀ in double precision. For P ≥ N the
/// interpolation conditions are over-determined (C singular): the rule is then a different one (least squares).
/// Ref: Kohonen (1974); Kinzel &amp; Opper, in Models of Neural Networks (1991); Engel &amp; Van den Broeck (2001), §3.4.
/// </summary>
public static class PseudoInverseRule
{
    /// <summary>Computes J; <paramref name="correlation"/> needs P² doubles and <paramref name="coefficients"/> P.</summary>
    public static void Train(TrainingSet data, Span<float> j, Span<double> correlation, Span<double> coefficients, CancellationToken ct)
    {
        var n = data.N;
        var p = data.P;
        if (p >= n) throw new ArgumentException($"The pseudo-inverse rule needs P < N (got P = {p}, N = {n}).");
        var c = correlation[..(p * p)];
        for (var a = 0; a < p; a++)
        {
            if ((a & 15) == 0) ct.ThrowIfCancellationRequested();
            var ra = data.Row(a);
            for (var b = 0; b <= a; b++)
            {
                var v = Dot(ra, data.Row(b));
                c[a * p + b] = v;
                c[b * p + a] = v;
            }
        }
        Cholesky(c, p);
        var coef = coefficients[..p];
        for (var i = 0; i < p; i++) coef[i] = data.Y[i];
        SolveCholesky(c, p, coef);
        j.Clear();
        for (var mu = 0; mu < p; mu++) TensorPrimitives.MultiplyAdd(data.Row(mu), (float)coef[mu], j, j);
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }

    /// <summary>In-place lower Cholesky factor L (C = L Lᵀ) of a symmetric positive-definite p×p matrix.</summary>
    public static void Cholesky(Span<double> c, int p)
    {
        for (var k = 0; k < p; k++)
        {
            var d = c[k * p + k] - TensorPrimitives.Dot(c.Slice(k * p, k), c.Slice(k * p, k));
            if (!(d > 0)) throw new InvalidOperationException($"Pseudo-inverse: the pattern correlation matrix is singular at row {k} (patterns linearly dependent).");
            var lkk = Math.Sqrt(d);
            c[k * p + k] = lkk;
            for (var i = k + 1; i < p; i++)
                c[i * p + k] = (c[i * p + k] - TensorPrimitives.Dot(c.Slice(i * p, k), c.Slice(k * p, k))) / lkk;
        }
    }

    /// <summary>Solves L Lᵀ v = b in place (L from <see cref="Cholesky"/>).</summary>
    public static void SolveCholesky(ReadOnlySpan<double> l, int p, Span<double> b)
    {
        for (var i = 0; i < p; i++) b[i] = (b[i] - TensorPrimitives.Dot(l.Slice(i * p, i), b[..i])) / l[i * p + i];
        for (var i = p - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
            b[i] = s / l[i * p + i];
        }
    }
}
