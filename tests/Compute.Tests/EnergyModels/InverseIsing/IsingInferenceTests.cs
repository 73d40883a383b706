using Compute.EnergyModels.InverseIsing;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.InverseIsing;

public class IsingInferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PairwiseIsing Sk(int n, double beta, double field, ulong seed) =>
        InverseIsingModel.TrueModel(new InverseIsingParameters("generated", n, "sk", beta, field, 1000, 2, 10, 0), seed);

    private static double BruteLogWeight(PairwiseIsing model, int state)
    {
        var n = model.N;
        double w = 0;
        for (var i = 0; i < n; i++)
        {
            var si = ((state >> i) & 1) != 0 ? 1 : -1;
            w += model.H[i] * si;
            for (var j = i + 1; j < n; j++) w += model.J[i * n + j] * si * (((state >> j) & 1) != 0 ? 1 : -1);
        }
        return w;
    }

    [Fact]
    public void LogWeights_GrayCode_MatchDirectSum()
    {
        var model = Sk(7, 1.2, 0.5, 3);
        var weights = IsingEnumeration.LogWeights(model, Ct);
        for (var s = 0; s < weights.Length; s++) Assert.Equal(BruteLogWeight(model, s), weights[s], 11);
    }

    [Fact]
    public void FisherInformation_IsHessianOfLogZ()
    {
        // ∂⟨s_0 s_1⟩/∂h_2 = Cov(s_0 s_1, s_2): finite differences of the exact moments.
        var model = Sk(6, 0.8, 0.3, 5);
        var fisher = IsingEnumeration.FisherInformation(model, Ct);
        var d = 6 + 15;
        const double eps = 1e-5;
        model.H[2] += eps;
        var up = IsingEnumeration.Moments(model, Ct).PairMoments[0 * 6 + 1];
        model.H[2] -= 2 * eps;
        var down = IsingEnumeration.Moments(model, Ct).PairMoments[0 * 6 + 1];
        // Statistic index of the pair (0, 1) is N + 0 = 6.
        Assert.Equal((up - down) / (2 * eps), fisher[2 * d + 6], 7);
    }

    [Fact]
    public void Sample_Exact_ReproducesExactMoments()
    {
        var model = Sk(8, 0.7, 0.3, 11);
        const int count = 40_000;
        var samples = new IsingSamples(IsingEnumeration.Sample(model, count, 1, Ct), count, 8);
        var (m, c) = samples.Moments(count);
        var (_, mExact, cExact) = IsingEnumeration.Moments(model, Ct);
        // Standard error ≤ 1/√M = 0.005; 5σ.
        for (var i = 0; i < 8; i++) Assert.Equal(mExact[i], m[i], 0.025);
        for (var k = 0; k < 64; k++) Assert.Equal(cExact[k], c[k], 0.025);
    }

    [Fact]
    public void GibbsSampler_ReproducesExactMoments()
    {
        var model = Sk(8, 0.7, 0.3, 11);
        const int count = 20_000;
        var samples = new IsingSamples(IsingGibbsSampler.Sample(model, count, 2, 4, Ct), count, 8);
        var (m, c) = samples.Moments(count);
        var (_, mExact, cExact) = IsingEnumeration.Moments(model, Ct);
        // Weakly correlated samples (τ ≈ 1 sweep): allow 0.04 ≈ 5σ.
        for (var i = 0; i < 8; i++) Assert.Equal(mExact[i], m[i], 0.04);
        for (var k = 0; k < 64; k++) Assert.Equal(cExact[k], c[k], 0.04);
    }

    [Fact]
    public void BoltzmannLearning_ExactMoments_RecoversTrueModel()
    {
        var model = Sk(8, 0.9, 0.3, 13);
        var (_, m, c) = IsingEnumeration.Moments(model, Ct);
        var (inferred, mismatch) = BoltzmannLearning.Infer(m, c, 8, 0, Ct);
        Assert.True(mismatch < 1e-7);
        for (var k = 0; k < 64; k++) Assert.Equal(model.J[k], inferred.J[k], 5);
        for (var i = 0; i < 8; i++) Assert.Equal(model.H[i], inferred.H[i], 5);
    }

    [Fact]
    public void MeanField_WeakCouplingsExactMoments_TapBeatsNaiveAndBothAreClose()
    {
        var model = Sk(10, 0.2, 0.3, 17);
        var (_, m, c) = IsingEnumeration.Moments(model, Ct);
        var (nmf, tap, fallbacks) = MeanFieldInversion.Infer(m, c, 10);
        Assert.Equal(0, fallbacks);
        var eNmf = InverseIsingReport.RelativeError(nmf, model);
        var eTap = InverseIsingReport.RelativeError(tap, model);
        // Mean-field errors are O(β): both small at β = 0.2, TAP smaller.
        Assert.True(eNmf < 0.2, $"nMF {eNmf}");
        Assert.True(eTap < eNmf, $"TAP {eTap} vs nMF {eNmf}");
    }

    [Fact]
    public void PseudoLikelihood_TenSpins_ErrorShrinksWithSamplesWithinCramerRaoTolerance()
    {
        // A known 10-spin SK model; exact samples. PLM's error must stay within 2 × the Cramér-Rao error of
        // ML (PLM is consistent and nearly efficient at β = 0.6), a tolerance that shrinks as M^−1/2.
        var model = Sk(10, 0.6, 0.1, 23);
        var data = new IsingSamples(IsingEnumeration.Sample(model, 16_000, 2, Ct), 16_000, 10);
        var fisher = IsingEnumeration.FisherInformation(model, Ct);
        const int d = 10 + 45;
        var inverse = new double[d * d];
        Assert.True(Compute.Numerics.Linalg.Cholesky.TryInvert(fisher, d, inverse));
        double trace = 0;
        for (var a = 10; a < d; a++) trace += inverse[a * d + a];
        var norm = Math.Sqrt(model.UpperCouplings().Sum(x => x * x));
        var previous = double.PositiveInfinity;
        foreach (var m in new[] { 1000, 4000, 16_000 })
        {
            var (plm, gradient) = PseudoLikelihood.Infer(data, m, 0, Ct);
            Assert.True(gradient < 1e-6);
            var error = InverseIsingReport.RelativeError(plm, model);
            var cramerRao = Math.Sqrt(trace / m) / norm;
            Assert.True(error < 2 * cramerRao, $"M = {m}: ε = {error}, Cramér-Rao {cramerRao}");
            Assert.True(error < previous, $"M = {m}: ε = {error} did not shrink from {previous}");
            previous = error;
        }
    }
}
