using Compute.Perceptron;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Theory;

public class MaximalStabilityTheoryTests
{
    [Fact]
    public void Solve_SmallAlpha_OverlapMatchesHebb()
    {
        // For α → 0 both rules give R ≈ √(2α/π), and κ_max ≈ 1/√α.
        var (r, kappa) = MaximalStabilityTheory.Solve(1e-3);
        Assert.Equal(HebbTheory.Overlap(1e-3), r, 4);
        Assert.Equal(1 / Math.Sqrt(1e-3), kappa, 0);
    }

    [Fact]
    public void GeneralizationError_LargeAlpha_ApproachesHalfOverAlpha()
    {
        // SCIENCE.md: ε ≈ 0.50/α asymptotically (Opper et al. 1990: 0.5005/α).
        Assert.Equal(0.5005, 1000 * MaximalStabilityTheory.GeneralizationError(1000), 3);
        Assert.Equal(0.5004, 100 * MaximalStabilityTheory.GeneralizationError(100), 3);
    }

    [Fact]
    public void GeneralizationError_AnyAlpha_BetweenBayesAndGibbsOrHebb()
    {
        // The Bayes-optimal error bounds every student from below; maximal stability beats Hebb everywhere and Gibbs for α ≳ 1.
        foreach (var alpha in new[] { 0.2, 1, 3, 10, 30 })
        {
            var ms = MaximalStabilityTheory.GeneralizationError(alpha);
            Assert.True(ms > VersionSpaceTheory.BayesError(alpha), $"α = {alpha}");
            Assert.True(ms < HebbTheory.GeneralizationError(alpha), $"α = {alpha}");
        }
        Assert.True(MaximalStabilityTheory.GeneralizationError(3) < VersionSpaceTheory.GibbsError(3));
    }

    [Fact]
    public void Curve_EndPoint_MatchesSolve()
    {
        var (alphas, errors) = MaximalStabilityTheory.Curve(5, 20);
        Assert.Equal(5, alphas[^1]);
        Assert.Equal(MaximalStabilityTheory.GeneralizationError(5), errors[^1], 10);
        for (var i = 1; i < alphas.Length; i++) Assert.True(alphas[i] > alphas[i - 1] && errors[i] < errors[i - 1]);
        // An interior point of the parametric curve lies on the solved curve.
        Assert.Equal(MaximalStabilityTheory.GeneralizationError(alphas[10]), errors[10], 8);
    }
}
