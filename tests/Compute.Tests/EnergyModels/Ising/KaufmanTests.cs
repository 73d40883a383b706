using Compute.EnergyModels.Ising;

namespace Compute.Tests.EnergyModels.Ising;

public class KaufmanTests
{
    /// <summary>ln Z, ⟨E⟩ and var E of the periodic rows × cols lattice by summing over all 2^N states.</summary>
    internal static (double LogZ, double Energy, double EnergyVariance) BruteForce(int rows, int cols, double beta)
    {
        var n = rows * cols;
        var energies = new int[1 << n];
        for (var state = 0; state < 1 << n; state++)
        {
            var e = 0;
            for (var y = 0; y < rows; y++)
            for (var x = 0; x < cols; x++)
            {
                var s = Spin(state, y * cols + x);
                e -= s * Spin(state, y * cols + (x + 1) % cols);
                e -= s * Spin(state, (y + 1) % rows * cols + x);
            }
            energies[state] = e;
        }
        var eMin = energies.Min();
        double z = 0, e1 = 0, e2 = 0;
        foreach (var e in energies)
        {
            var w = Math.Exp(-beta * (e - eMin));
            z += w;
            e1 += w * e;
            e2 += w * (double)e * e;
        }
        e1 /= z;
        return (Math.Log(z) - beta * eMin, e1, e2 / z - e1 * e1);
    }

    private static int Spin(int state, int i) => ((state >> i) & 1) * 2 - 1;

    [Theory]
    [InlineData(4, 4, 0.1)]
    [InlineData(4, 4, 0.4406868)]
    [InlineData(4, 4, 0.7)]
    [InlineData(4, 4, 2.0)]
    [InlineData(2, 3, 0.3)]
    [InlineData(3, 2, 0.9)]
    [InlineData(3, 3, 0.5)]
    [InlineData(4, 5, 0.35)]
    [InlineData(2, 2, 0.44)]
    public void Kaufman_SmallTorus_MatchesBruteForce(int rows, int cols, double beta)
    {
        var (logZ, energy, variance) = BruteForce(rows, cols, beta);
        var n = rows * cols;
        Assert.Equal(logZ, Kaufman.LogPartitionFunction(rows, cols, beta), 1e-10 * Math.Abs(logZ));
        Assert.Equal(energy / n, Kaufman.EnergyPerSite(rows, cols, beta), 1e-9);
        Assert.Equal(beta * beta * variance / n, Kaufman.SpecificHeatPerSite(rows, cols, beta), 1e-8);
    }

    [Fact]
    public void Kaufman_L16AtBeta044_MatchesPublishedLogZ() =>
        // SCIENCE.md 2.4 reference value.
        Assert.Equal(238.3872472042, Kaufman.LogPartitionFunction(16, 16, 0.44), 1e-9);

    [Fact]
    public void Kaufman_LargeLatticeAtCriticality_ApproachesOnsagerFreeEnergy()
    {
        // ln Z/N at β_c → ½ ln 2 + 2G/π = 0.9296953983 (SCIENCE.md 2.4). On an L × L torus at criticality
        // ln Z − N f_∞ tends to the universal ln[(|θ2| + |θ3| + |θ4|)/(2|η|)](τ = i) = 0.6399119 (Ising CFT,
        // Di Francesco, Saleur & Zuber 1987), which pins Kaufman's value to ~1e-8 per site.
        const double perSiteLimit = 0.9296953983;
        var logZ = Kaufman.LogPartitionFunction(512, 512, Onsager.CriticalBeta);
        Assert.Equal(perSiteLimit, logZ / (512.0 * 512), 1e-5);
        Assert.Equal(0.6399119, logZ - 512.0 * 512 * perSiteLimit, 2e-3);
        Assert.Equal(perSiteLimit, Onsager.LogPartitionFunctionPerSite(Onsager.CriticalBeta), 1e-9);
    }

    [Theory]
    [InlineData(0.3, 0.790559070951263, 0)]
    [InlineData(0.6, 1.21013238828841, 0.6931471805599453)]
    public void Kaufman_LargeLatticeAwayFromCriticality_MatchesOnsagerCurves(double beta, double mpmathLogZPerSite, double groundStateEntropy)
    {
        // Away from β_c finite-size corrections are exponentially small, except the two-fold degeneracy of
        // the ordered phase: ln Z = N f_∞ + ln 2 below T_c. Reference ln Z/N by mpmath quadrature of Onsager's integral.
        Assert.Equal(mpmathLogZPerSite, Onsager.LogPartitionFunctionPerSite(beta), 1e-12);
        Assert.Equal(groundStateEntropy, Kaufman.LogPartitionFunction(256, 256, beta) - 65536.0 * Onsager.LogPartitionFunctionPerSite(beta), 1e-6);
        Assert.Equal(Onsager.EnergyPerSite(beta), Kaufman.EnergyPerSite(256, 256, beta), 1e-9);
        Assert.Equal(Onsager.SpecificHeatPerSite(beta), Kaufman.SpecificHeatPerSite(256, 256, beta), 1e-7);
    }

    [Fact]
    public void Kaufman_RectangularTorus_IsSymmetricInRowsAndCols() =>
        Assert.Equal(Kaufman.LogPartitionFunction(6, 10, 0.42), Kaufman.LogPartitionFunction(10, 6, 0.42), 1e-10);

    [Fact]
    public void Onsager_SpontaneousMagnetization_VanishesAtCriticalityAndIsYangBelow()
    {
        Assert.Equal(0, Onsager.SpontaneousMagnetization(0.4));
        // Yang (1952): m = (1 − sinh⁻⁴ 2β)^{1/8}; at β = 0.5, sinh 1 = 1.1752012.
        Assert.Equal(Math.Pow(1 - Math.Pow(Math.Sinh(1.0), -4), 0.125), Onsager.SpontaneousMagnetization(0.5), 12);
        Assert.Equal(0.4406867935, Onsager.CriticalBeta, 10);
    }
}
