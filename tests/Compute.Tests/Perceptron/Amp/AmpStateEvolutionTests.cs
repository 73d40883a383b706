using Compute.Numerics;
using Compute.Perceptron.Amp;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Amp;

public class AmpStateEvolutionTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    public void GaussianTeacher_FixedPoint_IsTheReplicaBayesOptimalOverlap(double alpha)
    {
        var q = AmpStateEvolution.FixedPoint(AmpPrior.Gaussian, alpha);
        Assert.Equal(VersionSpaceTheory.Overlap(alpha), q, 1e-9);
        Assert.Equal(VersionSpaceTheory.BayesError(alpha), AmpStateEvolution.Error(q), 1e-9);
    }

    [Fact]
    public void BinaryTeacher_ThresholdsMatchThePublishedValues()
    {
        var (informationTheoretic, algorithmic) = AmpStateEvolution.BinaryTeacherThresholds;
        // Györgyi (1990): 1.245; Barbier et al. (2019): 1.493 — both to three decimals.
        Assert.Equal(BinaryPerceptronTheory.PerfectGeneralizationAlpha, informationTheoretic, 5e-4);
        Assert.Equal(BinaryPerceptronTheory.AmpAlgorithmicAlpha, algorithmic, 5e-4);
        // Just below the spinodal AMP stays on its branch; just above it learns the teacher perfectly.
        Assert.True(AmpStateEvolution.FixedPoint(AmpPrior.Binary, algorithmic - 0.01) < 0.95);
        Assert.Equal(1, AmpStateEvolution.FixedPoint(AmpPrior.Binary, algorithmic + 0.01));
        // At α_IT the poor branch's free entropy equals that of perfect learning, −ln 2.
        var q = AmpStateEvolution.FixedPoint(AmpPrior.Binary, informationTheoretic);
        Assert.Equal(-Math.Log(2), AmpStateEvolution.FreeEntropy(AmpPrior.Binary, informationTheoretic, q), 1e-6);
        Assert.Equal(-Math.Log(2), AmpStateEvolution.FreeEntropy(AmpPrior.Binary, 2.0, 1));
    }

    [Fact]
    public void BinaryTeacher_FreeEntropyFallsBelowPerfectLearningOnlyAboveAlphaIT()
    {
        var (informationTheoretic, _) = AmpStateEvolution.BinaryTeacherThresholds;
        double F(double alpha) => AmpStateEvolution.FreeEntropy(AmpPrior.Binary, alpha, AmpStateEvolution.FixedPoint(AmpPrior.Binary, alpha));
        Assert.True(F(informationTheoretic - 0.05) > -Math.Log(2));
        Assert.True(F(informationTheoretic + 0.05) < -Math.Log(2));
        Assert.Equal(1, AmpStateEvolution.OptimalOverlap(AmpPrior.Binary, informationTheoretic + 0.01, informationTheoretic));
    }

    [Fact]
    public void Trajectory_StartsUninformedAndRisesMonotonically()
    {
        var q = AmpStateEvolution.Trajectory(AmpPrior.Binary, 1.0, 30);
        Assert.Equal(0, q[0]);
        for (var t = 1; t < q.Length; t++) Assert.True(q[t] >= q[t - 1] - 1e-12);
        Assert.Equal(AmpStateEvolution.FixedPoint(AmpPrior.Binary, 1.0), q[^1], 1e-6);
    }

    [Theory]
    [InlineData(1.0, 0.3, 0.5)]
    [InlineData(-1.0, 0.3, 0.5)]
    [InlineData(1.0, -4.0, 0.2)]
    [InlineData(-1.0, 7.0, 0.05)]
    public void SignChannel_OutputIsTheDerivativeOfLnZout(double y, double omega, double variance)
    {
        static double LnZ(double y, double w, double v) => Special.LogH(-y * w / Math.Sqrt(v));
        var (g, dg) = SignChannel.Output(y, omega, variance);
        const double h = 1e-5;
        var numeric = (LnZ(y, omega + h, variance) - LnZ(y, omega - h, variance)) / (2 * h);
        var numeric2 = (LnZ(y, omega + h, variance) - 2 * LnZ(y, omega, variance) + LnZ(y, omega - h, variance)) / (h * h);
        Assert.Equal(numeric, g, 1e-6 * Math.Max(1, Math.Abs(g)));
        Assert.Equal(numeric2, dg, 1e-3 * Math.Max(1, Math.Abs(dg)));
    }

    [Theory]
    [InlineData(AmpPrior.Gaussian, 0.7, 1.3)]
    [InlineData(AmpPrior.Binary, -0.4, 2.0)]
    public void Denoiser_IsThePosteriorMeanAndVariance(AmpPrior prior, double b, double a)
    {
        // Direct moments of P₀(x) e^{Bx − Ax²/2}.
        double z, m1, m2;
        if (prior == AmpPrior.Binary)
        {
            double wp = Math.Exp(b - a / 2), wm = Math.Exp(-b - a / 2);
            z = wp + wm; m1 = (wp - wm) / z; m2 = 1;
        }
        else
        {
            double W(double x) => Special.Phi(x) * Math.Exp(b * x - a * x * x / 2);
            z = Quadrature.Integrate(W, double.NegativeInfinity, double.PositiveInfinity);
            m1 = Quadrature.Integrate(x => x * W(x), double.NegativeInfinity, double.PositiveInfinity) / z;
            m2 = Quadrature.Integrate(x => x * x * W(x), double.NegativeInfinity, double.PositiveInfinity) / z;
        }
        var (mean, variance) = AmpPriors.Denoise(prior, b, a);
        Assert.Equal(m1, mean, 1e-9);
        Assert.Equal(m2 - m1 * m1, variance, 1e-9);
    }
}
