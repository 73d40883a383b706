using Compute.Numerics;

namespace Compute.Tests.Numerics;

public class SpecialTests
{
    // Reference values from Abramowitz & Stegun table 7.1 and high-precision evaluations.
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(-1.0, -0.8427007929497149)]
    public void Erf_KnownValues_Match(double x, double expected) =>
        Assert.Equal(expected, Special.Erf(x), 1e-15);

    [Theory]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    public void Erfc_Tail_HasSmallRelativeError(double x, double expected) =>
        Assert.True(Math.Abs(Special.Erfc(x) / expected - 1) < 1e-13, $"erfc({x}) = {Special.Erfc(x)}");

    [Fact]
    public void LogH_LargeArgument_MatchesAsymptoticSeries()
    {
        // ln H(x) = −x²/2 − ln(x√(2π)) + ln(1 − 1/x² + 3/x⁴ − 15/x⁶ …) for large x.
        var x = 40.0;
        var series = -x * x / 2 - Math.Log(x * Math.Sqrt(2 * Math.PI)) + Math.Log(1 - 1 / (x * x) + 3 / Math.Pow(x, 4) - 15 / Math.Pow(x, 6));
        Assert.Equal(series, Special.LogH(x), 1e-10);
        Assert.Equal(Math.Log(Special.H(3.0)), Special.LogH(3.0), 1e-14);
        Assert.Equal(Math.Log(Special.H(-2.0)), Special.LogH(-2.0), 1e-15);
    }

    [Fact]
    public void Softplus_And_LogSumExp_AreStable()
    {
        Assert.Equal(1000.0, Special.Softplus(1000.0), 1e-12);
        Assert.Equal(Math.Exp(-1000.0), Special.Softplus(-1000.0));
        Assert.Equal(Math.Log(2), Special.Softplus(0), 1e-15);
        Assert.Equal(1000 + Math.Log(2), Special.LogSumExp([1000.0, 1000.0]), 1e-12);
    }
}
