using System.Numerics.Tensors;

namespace Compute.Perceptron.Learning;

/// <summary>
/// The AdaTron: coordinate ascent on the dual of the maximal-stability problem min |J|² subject to z_μ·J ≥ 1,
/// z_μ = y_μ ξ_μ. With embedding strengths x_μ ≥ 0 and J = Σ x_μ z_μ, one visit of pattern μ sets
///   x_μ ← max(0, x_μ + (1 − z_μ·J)/|z_μ|²)
/// (exact maximization along x_μ). At convergence (all z_μ·J ≥ 1 − tol, and z_μ·J ≤ 1 + tol where x_μ &gt; 0)
/// J/|J| is the maximally stable perceptron, with stability κ = 1/|J|. Needs linearly separable data.
/// Ref: Anlauf &amp; Biehl, Europhys. Lett. 10, 687 (1989); Engel &amp; Van den Broeck (2001), §3.5.
/// </summary>
public static class AdatronRule
{
    /// <summary>Trains from J = 0; <paramref name="strengths"/> (length ≥ P) is scratch. Returns (converged, sweeps).</summary>
    public static (bool Converged, int Sweeps) Train(TrainingSet data, Span<float> j, Span<double> strengths, double tolerance, int maxSweeps, CancellationToken ct)
    {
        var n = data.N;
        var p = data.P;
        j.Clear();
        strengths[..p].Clear();
        for (var sweep = 1; sweep <= maxSweeps; sweep++)
        {
            if ((sweep & 3) == 0) ct.ThrowIfCancellationRequested();
            var violation = Sweep(data.Z.AsSpan(0, p * n), n, j, strengths[..p]);
            if (violation <= tolerance) return (true, sweep);
        }
        return (false, maxSweeps);
    }

    /// <summary>One sweep; returns the largest KKT violation seen during it. Allocates nothing.</summary>
    public static double Sweep(ReadOnlySpan<float> z, int n, Span<float> j, Span<double> x)
    {
        var worst = 0.0;
        for (var mu = 0; mu < x.Length; mu++)
        {
            var row = z.Slice(mu * n, n);
            double gap = 1 - TensorPrimitives.Dot(row, j);
            // KKT: gap ≤ 0 everywhere, gap = 0 on the support (x_μ > 0).
            worst = Math.Max(worst, x[mu] > 0 ? Math.Abs(gap) : gap);
            var delta = Math.Max(-x[mu], gap / TensorPrimitives.Dot(row, row));
            if (delta == 0) continue;
            x[mu] += delta;
            TensorPrimitives.MultiplyAdd(row, (float)delta, j, j);
        }
        return worst;
    }
}
