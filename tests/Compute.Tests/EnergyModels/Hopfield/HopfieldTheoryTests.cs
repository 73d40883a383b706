using Compute.EnergyModels.Hopfield;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Hopfield;

public class HopfieldTheoryTests
{
    [Fact]
    public void Ags_PublishedValues()
    {
        // SCIENCE.md 2.2: α_c = 0.137906, m_c = 0.967415, m(0.10) = 0.997999. Solving g = g' = 0 with mpmath at
        // 30 digits gives α_c = 0.1379055665, y_c = 1.5112185563, m_c = erf(y_c) = 0.9674171157: the quoted m_c is
        // 2e-6 low, so m_c is checked against the 30-digit value (and the quoted one at 5e-6).
        Assert.Equal(0.1379055665, HopfieldTheory.CriticalAlpha, 8);
        Assert.Equal(0.137906, HopfieldTheory.CriticalAlpha, 6);
        Assert.Equal(0.9674171157, HopfieldTheory.CriticalOverlap, 7);
        Assert.Equal(0.967415, HopfieldTheory.CriticalOverlap, 5e-6);
        Assert.Equal(0.997999, HopfieldTheory.RetrievalOverlap(0.10), 6);
        Assert.True(double.IsNaN(HopfieldTheory.RetrievalOverlap(0.14)));
        Assert.True(HopfieldTheory.RetrievalOverlap(0.01) > 0.9999999);
    }

    [Fact]
    public void BitInstability_MatchesGaussianLimitAndTinyCases()
    {
        // Large N: the binomial tail approaches H(√((N−1)/(P−1))).
        var exact = HopfieldTheory.BitInstability(4000, 401);
        Assert.Equal(Special.H(Math.Sqrt(3999.0 / 400)), exact, 0.05 * exact);
        // N = 3, P = 2: K = 2 terms, unstable iff X < −2, impossible (X ≥ −2).
        Assert.Equal(0, HopfieldTheory.BitInstability(3, 2));
        // N = 2, P = 3: K = 2, unstable iff X < −1 ⇔ X = −2, probability ¼.
        Assert.Equal(0.25, HopfieldTheory.BitInstability(2, 3), 12);
        Assert.Equal(Special.H(1 / Math.Sqrt(0.1)), HopfieldTheory.DenseBitInstability(1000, 100, 2), 12);
    }
}
