using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Theory;

public class CoverCountingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(200)]
    [InlineData(5000)]
    public void SeparableProbability_AlphaTwo_IsExactlyHalf(int n) =>
        Assert.Equal(0.5, CoverCounting.SeparableProbability(n, 2 * n), 9);

    [Fact]
    public void SeparableProbability_SmallCases_MatchDirectCount()
    {
        // 2^{1−P} Σ_{k<N} C(P−1, k) by exact integer arithmetic.
        for (var n = 1; n <= 6; n++)
        for (var p = 1; p <= 14; p++)
        {
            long sum = 0;
            for (var k = 0; k < n && k <= p - 1; k++) sum += Binomial(p - 1, k);
            Assert.Equal(sum / Math.Pow(2, p - 1), CoverCounting.SeparableProbability(n, p), 1e-13);
        }
    }

    [Fact]
    public void SeparableProbability_LargeN_DecreasesThroughHalfAtTwoN()
    {
        const int n = 400;
        Assert.Equal(1.0, CoverCounting.SeparableProbability(n, n));
        for (var p = 2 * n - 100; p < 4 * n; p += 7)
            Assert.True(CoverCounting.SeparableProbability(n, p + 7) < CoverCounting.SeparableProbability(n, p));
        Assert.True(CoverCounting.SeparableProbability(n, 2 * n + 40) < 0.1 && CoverCounting.SeparableProbability(n, 2 * n - 40) > 0.9);
        Assert.Equal(0.0, CoverCounting.SeparableProbability(n, 10 * n), 12);
    }

    private static long Binomial(int n, int k)
    {
        long c = 1;
        for (var i = 0; i < k; i++) c = c * (n - i) / (i + 1);
        return c;
    }
}
