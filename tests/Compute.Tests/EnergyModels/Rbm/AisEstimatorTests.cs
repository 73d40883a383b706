using Compute.EnergyModels.Rbm;

namespace Compute.Tests.EnergyModels.Rbm;

public class AisEstimatorTests
{
    [Theory]
    [InlineData(RbmUnits.Binary)]
    [InlineData(RbmUnits.Spin)]
    public void Ais_TwentyHiddenUnits_WithinFiveHundredthsOfExact(RbmUnits units)
    {
        // 16 visible × 20 hidden with O(1) couplings: the visible layer is enumerated exactly.
        var m = RbmTestMachines.Random(16, 20, units, units == RbmUnits.Binary ? 0.35 : 0.2, 0.3, 42);
        var exact = RbmExact.LogPartitionFunction(m, enumerateVisible: true, TestContext.Current.CancellationToken);
        var baseBias = new double[16];
        for (var i = 0; i < 16; i++) baseBias[i] = m.A[i];
        var ais = AisEstimator.Estimate(m, baseBias, chains: 100, steps: 4000, seed: 7, ct: TestContext.Current.CancellationToken);
        Assert.True(Math.Abs(ais.LogZ - exact) <= 0.05, $"AIS {ais.LogZ} ± {ais.Error}, exact {exact}");
        Assert.True(ais.Error < 0.05, $"spread {ais.Error}");
        Assert.InRange(ais.EffectiveSampleFraction, 0.0, 1.0);
    }

    [Fact]
    public void Ais_BaseModelTarget_IsExactWithZeroSpread()
    {
        // Target = base model (W = 0, same biases, b = 0): every weight is 1.
        var m = RbmTestMachines.Random(10, 6, RbmUnits.Binary, 0, 0.8, 1);
        Array.Clear(m.B);
        var baseBias = m.A.Select(a => (double)a).ToArray();
        var ais = AisEstimator.Estimate(m, baseBias, chains: 8, steps: 40, seed: 3, ct: TestContext.Current.CancellationToken);
        Assert.Equal(RbmExact.LogPartitionFunction(m, TestContext.Current.CancellationToken), ais.LogZ, 5);
        Assert.True(ais.Error < 1e-6);
    }
}
