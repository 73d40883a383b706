using Compute.Numerics.Linalg;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// Mean-field inversions from the magnetizations m_i and the connected correlations C_ij = ⟨s_i s_j⟩ − m_i m_j:
/// naive mean field J_ij = −(C⁻¹)_ij, and TAP J_ij = −2(C⁻¹)_ij / (1 + √(1 − 8(C⁻¹)_ij m_i m_j)) (i ≠ j),
/// with fields h_i = atanh m_i − Σ_j J_ij m_j (nMF). Where the TAP root is not real the nMF value is kept.
/// Ref: Kappen &amp; Rodríguez, Neural Comput. 10 (1998); Tanaka, PRE 58 (1998); Nguyen, Zecchina &amp; Berg, Adv. Phys. 66 (2017), §5.
/// </summary>
public static class MeanFieldInversion
{
    public static (PairwiseIsing NaiveMeanField, PairwiseIsing Tap, int TapFallbacks) Infer(double[] magnetization, double[] pairMoments, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) c[i * n + j] = pairMoments[i * n + j] - magnetization[i] * magnetization[j];
        var inverse = new double[n * n];
        if (!Cholesky.TryInvert(c, n, inverse))
        {
            // A frozen spin or too few samples make C singular; a ridge of 10⁻⁶ of the mean variance regularizes it.
            var ridge = 1e-6 * Math.Max(1e-12, Enumerable.Range(0, n).Average(i => c[i * n + i]));
            for (var i = 0; i < n; i++) c[i * n + i] += ridge;
            if (!Cholesky.TryInvert(c, n, inverse))
                throw new InvalidOperationException("Mean-field inversion: the connected correlation matrix is not positive definite (a spin never flips in these samples).");
        }
        var nmf = new PairwiseIsing(n);
        var tap = new PairwiseIsing(n);
        var fallbacks = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var cInv = inverse[i * n + j];
                nmf.SetCoupling(i, j, -cInv);
                var discriminant = 1 - 8 * cInv * magnetization[i] * magnetization[j];
                if (discriminant >= 0) tap.SetCoupling(i, j, -2 * cInv / (1 + Math.Sqrt(discriminant)));
                else
                {
                    tap.SetCoupling(i, j, -cInv);
                    fallbacks++;
                }
            }
        foreach (var model in new[] { nmf, tap })
            for (var i = 0; i < n; i++)
            {
                var mi = Math.Clamp(magnetization[i], -1 + 1e-9, 1 - 1e-9);
                var h = Math.Atanh(mi);
                for (var j = 0; j < n; j++) h -= model.J[i * n + j] * magnetization[j];
                model.H[i] = h;
            }
        return (nmf, tap, fallbacks);
    }
}
