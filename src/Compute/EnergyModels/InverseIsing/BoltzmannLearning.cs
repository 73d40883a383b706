using Compute.Numerics.Optim;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// Exact maximum likelihood ("Boltzmann machine learning" with exact moments) for N ≤ 20: minimize
/// −(1/M) ln L + λ Σ_{i&lt;j} J_ij² = ln Z − Σ h_i m_i − Σ_{i&lt;j} J_ij ⟨s_i s_j⟩_data + λ‖J‖², whose gradient is
/// the moment mismatch ⟨φ⟩_model − ⟨φ⟩_data (+ 2λJ), by L-BFGS with exact enumeration of ln Z and the
/// model moments. At the optimum (λ = 0) the model reproduces the data's magnetizations and correlations.
/// Ref: Ackley, Hinton &amp; Sejnowski, Cognitive Science 9 (1985); Nguyen, Zecchina &amp; Berg (2017), §4.
/// </summary>
public static class BoltzmannLearning
{
    public static (PairwiseIsing Model, double MomentMismatch) Infer(double[] magnetization, double[] pairMoments, int n, double lambda, CancellationToken ct = default)
    {
        var pairs = n * (n - 1) / 2;
        var model = new PairwiseIsing(n);
        void Load(ReadOnlySpan<double> x)
        {
            for (var i = 0; i < n; i++) model.H[i] = x[i];
            var k = n;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++) model.SetCoupling(i, j, x[k++]);
        }
        double Objective(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Load(x);
            var (logZ, m, c) = IsingEnumeration.Moments(model, ct);
            var value = logZ;
            for (var i = 0; i < n; i++)
            {
                value -= x[i] * magnetization[i];
                gradient[i] = m[i] - magnetization[i];
            }
            var k = n;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++, k++)
                {
                    value += -x[k] * pairMoments[i * n + j] + lambda * x[k] * x[k];
                    gradient[k] = c[i * n + j] - pairMoments[i * n + j] + 2 * lambda * x[k];
                }
            return value;
        }
        var start = new double[n + pairs];
        var result = Lbfgs.Minimize(Objective, start, tolerance: 1e-8, maxIterations: 1000, ct: ct);
        Load(start);
        return (model, result.GradientNorm);
    }
}
