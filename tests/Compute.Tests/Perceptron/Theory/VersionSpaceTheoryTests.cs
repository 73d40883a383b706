using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Theory;

public class VersionSpaceTheoryTests
{
    [Theory]
    // SCIENCE.md 1.1 reference values (6 digits).
    [InlineData(1.0, 0.338359, 0.254373)]
    [InlineData(10.0, 0.061525, 0.043573)]
    public void Errors_ReferenceAlphas_MatchPublishedValues(double alpha, double gibbs, double bayes)
    {
        Assert.Equal(gibbs, VersionSpaceTheory.GibbsError(alpha), 6);
        Assert.Equal(bayes, VersionSpaceTheory.BayesError(alpha), 6);
    }

    [Fact]
    public void Errors_LargeAlpha_ApproachAsymptoticLaws()
    {
        // α ε_Gibbs → 0.625 (0.6246...), α ε_Bayes → 0.442 (0.4417...), Engel & Van den Broeck §2.3, §3.6.
        Assert.Equal(0.625, 1000 * VersionSpaceTheory.GibbsError(1000), 2);
        Assert.Equal(0.442, 1000 * VersionSpaceTheory.BayesError(1000), 3);
    }

    [Fact]
    public void Overlap_SmallAlpha_MatchesFirstOrderExpansion()
    {
        // q ≈ (α/π)·I(0) = 2α/π for α → 0 since I(0) = ∫Dt / H(0) = 2.
        Assert.Equal(2.0, VersionSpaceTheory.SaddleIntegral(0), 12);
        Assert.Equal(2e-4 / Math.PI, VersionSpaceTheory.Overlap(1e-4), 7);
        Assert.Equal(0, VersionSpaceTheory.Overlap(0));
    }

    [Fact]
    public void Errors_AnyAlpha_BayesBelowGibbs()
    {
        foreach (var alpha in new[] { 0.1, 0.5, 2, 5, 50 })
            Assert.True(VersionSpaceTheory.BayesError(alpha) < VersionSpaceTheory.GibbsError(alpha));
    }
}
