using Compute.EnergyModels.Ising;
using Compute.Numerics.Stats;

namespace Compute.Tests.EnergyModels.Ising;

public class IsingConfigurationsTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.4406868)]
    [InlineData(0.6)]
    public void Sample_L4_EnergyMatchesKaufmanWithinErrorBars(double beta)
    {
        const int l = 4;
        var samples = IsingConfigurations.Sample(l, beta, 3000, 1, 11);
        var energies = new double[samples.Rows];
        for (var r = 0; r < samples.Rows; r++)
        {
            var row = samples.Row(r);
            var e = 0;
            for (var y = 0; y < l; y++)
            for (var x = 0; x < l; x++)
            {
                var s = 2 * row[y * l + x] - 1;
                e -= s * (2 * row[y * l + (x + 1) % l] - 1) + s * (2 * row[(y + 1) % l * l + x] - 1);
            }
            energies[r] = e / (double)(l * l);
        }
        var (mean, error) = Statistics.MeanAndError(energies);
        var exact = Kaufman.EnergyPerSite(l, l, beta);
        Assert.True(Math.Abs(mean - exact) <= 4 * error, $"β = {beta}: e = {mean} ± {error}, Kaufman {exact}");
    }

    [Fact]
    public void Sample_ShapeAndValues_AreRowsOfZeroOneSpins()
    {
        var a = IsingConfigurations.Sample(6, 0.3, 5, 2, 3);
        Assert.Equal(5, a.Rows);
        Assert.Equal(36, a.Columns);
        Assert.All(a.Data, b => Assert.True(b is 0 or 1));
        Assert.Equal(a.Data, IsingConfigurations.Sample(6, 0.3, 5, 2, 3).Data);
        Assert.NotEqual(a.Data, IsingConfigurations.Sample(6, 0.3, 5, 2, 4).Data);
    }
}
