using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Theory;

public class GardnerCapacityTests
{
    [Theory]
    // SCIENCE.md 1.2: Gardner (1988).
    [InlineData(0.0, 2.0)]
    [InlineData(0.5, 0.961205)]
    [InlineData(1.0, 0.519572)]
    public void CriticalAlpha_ReferenceMargins_MatchPublishedValues(double kappa, double alphaC) =>
        Assert.Equal(alphaC, GardnerCapacity.CriticalAlpha(kappa), 6);

    [Fact]
    public void CriticalAlpha_IsNotTheWrongFormula() =>
        // 2/(1+κ²) at κ = 1 would give 1; the correct capacity is about half that.
        Assert.True(Math.Abs(GardnerCapacity.CriticalAlpha(1) - 1.0) > 0.4);

    [Fact]
    public void BinaryConstants_AreThePublishedValues()
    {
        Assert.Equal(0.833, BinaryPerceptronTheory.StorageCapacity);
        Assert.Equal(1.245, BinaryPerceptronTheory.PerfectGeneralizationAlpha);
        Assert.Equal(1.493, BinaryPerceptronTheory.AmpAlgorithmicAlpha);
    }
}
