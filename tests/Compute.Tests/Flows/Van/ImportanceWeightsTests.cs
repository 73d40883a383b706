using Compute.Flows.Van;

namespace Compute.Tests.Flows.Van;

public class ImportanceWeightsTests
{
    [Fact]
    public void LogMeanAndEss_TwoWeights_MatchHandComputedValues()
    {
        // w = {1, 3}: mean 2, ESS = 4²/(2·10) = 0.8, error √((1/0.8 − 1)/2) = √0.125.
        var (logMean, error, ess) = ImportanceWeights.LogMeanAndEss([0.0, Math.Log(3)]);
        Assert.Equal(Math.Log(2), logMean, 14);
        Assert.Equal(0.8, ess, 14);
        Assert.Equal(Math.Sqrt(0.125), error, 14);
    }

    [Fact]
    public void LogMeanAndEss_HugeEqualLogWeights_NoOverflow()
    {
        var (logMean, error, ess) = ImportanceWeights.LogMeanAndEss([1000.0, 1000.0, 1000.0]);
        Assert.Equal(1000.0, logMean, 10);
        Assert.Equal(1.0, ess, 14);
        Assert.Equal(0.0, error, 7);
    }
}
