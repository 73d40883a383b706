using Compute.Numerics.Optim;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// Pseudo-likelihood maximization (asymmetric, one regression per spin, then symmetrized):
/// for each spin i, minimize (1/M) Σ_μ [ln 2cosh θ_i^μ − s_i^μ θ_i^μ] + λ Σ_{j≠i} J_ij², with
/// θ_i = h_i + Σ_{j≠i} J_ij s_j, by L-BFGS; then J_ij ← (J_ij + J_ji)/2. Consistent as M → ∞.
/// Ref: Besag (1975); Ravikumar, Wainwright &amp; Lafferty, Ann. Stat. 38 (2010); Aurell &amp; Ekeberg, PRL 108 (2012).
/// </summary>
public static class PseudoLikelihood
{
    /// <summary>Infers (J, h) from the first <paramref name="m"/> rows; also returns the largest final gradient (∞-norm).</summary>
    public static (PairwiseIsing Model, double GradientNorm) Infer(IsingSamples data, int m, double lambda, CancellationToken ct = default)
    {
        var n = data.N;
        var s = new double[m * n];
        for (var k = 0; k < m * n; k++) s[k] = data.Spins[k];
        var rows = new double[n][];
        double worstGradient = 0;
        for (var i = 0; i < n; i++)
        {
            ct.ThrowIfCancellationRequested();
            var spin = i;
            // x[spin] is h_i, x[j] is J_ij for j ≠ i.
            double Objective(ReadOnlySpan<double> x, Span<double> gradient)
            {
                gradient.Clear();
                double value = 0;
                for (var r = 0; r < m; r++)
                {
                    var row = s.AsSpan(r * n, n);
                    var t = x[spin];
                    for (var j = 0; j < n; j++) if (j != spin) t += x[j] * row[j];
                    var at = Math.Abs(t);
                    value += at + Math.Log(1 + Math.Exp(-2 * at)) - row[spin] * t;
                    var residual = Math.Tanh(t) - row[spin];
                    gradient[spin] += residual;
                    for (var j = 0; j < n; j++) if (j != spin) gradient[j] += residual * row[j];
                }
                value /= m;
                for (var j = 0; j < n; j++) gradient[j] /= m;
                for (var j = 0; j < n; j++)
                {
                    if (j == spin) continue;
                    value += lambda * x[j] * x[j];
                    gradient[j] += 2 * lambda * x[j];
                }
                return value;
            }
            var x = new double[n];
            var result = Lbfgs.Minimize(Objective, x, tolerance: 1e-7, maxIterations: 500, ct: ct);
            worstGradient = Math.Max(worstGradient, result.GradientNorm);
            rows[i] = x;
        }
        var model = new PairwiseIsing(n);
        for (var i = 0; i < n; i++)
        {
            model.H[i] = rows[i][i];
            for (var j = i + 1; j < n; j++) model.SetCoupling(i, j, 0.5 * (rows[i][j] + rows[j][i]));
        }
        return (model, worstGradient);
    }
}
