using Compute.EnergyModels.Parisi;
using Shared.Results;

namespace Compute.Tests.EnergyModels.Parisi;

public class ParisiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ReplicaSymmetric_GroundStateAndZeroTemperatureEntropy()
    {
        Assert.Equal(-Math.Sqrt(2 / Math.PI), ReplicaSymmetric.Solve(0, 0).Energy, 1e-12);
        // The RS entropy goes negative at low T, to −1/(2π) as T → 0: the sign that RS is wrong there.
        Assert.Equal(-1 / (2 * Math.PI), ReplicaSymmetric.Solve(0.005, 0).Entropy, 3e-3);
    }

    [Theory]
    [InlineData(1.2)]
    [InlineData(2.0)]
    public void ReplicaSymmetric_Paramagnet_IsTheAnnealedFreeEnergy(double t)
    {
        var rs = ReplicaSymmetric.Solve(t, 0);
        Assert.Equal(0, rs.Q);
        Assert.Equal(-t * Math.Log(2) - 1 / (4 * t), rs.FreeEnergy, 1e-12);
        Assert.Equal(-1 / (2 * t), rs.Energy, 1e-12);
    }

    [Fact]
    public void ReplicaSymmetric_EnergyIsTheTemperatureDerivativeOfBetaF()
    {
        const double t = 0.5, h = 0.3, d = 1e-4;
        double BetaF(double temperature) => ReplicaSymmetric.Solve(temperature, h).FreeEnergy / temperature;
        var numeric = (BetaF(1 / (2 + d)) - BetaF(1 / (2 - d))) / (2 * d);
        Assert.Equal(ReplicaSymmetric.Solve(t, h).Energy, numeric, 1e-6);
    }

    [Fact]
    public void AlmeidaThouless_PassesThroughTcAndFollowsTheSmallFieldLaw()
    {
        Assert.Equal(1, ReplicaSymmetric.AlmeidaThoulessTemperature(0), 1e-8);
        // For h → 0: h² ≈ (4/3)(1 − T_AT)³ (de Almeida & Thouless 1978).
        const double h = 0.01;
        var predicted = 1 - Math.Pow(0.75 * h * h, 1.0 / 3);
        Assert.Equal(predicted, ReplicaSymmetric.AlmeidaThoulessTemperature(h), 2e-3);
        Assert.True(ReplicaSymmetric.AlmeidaThoulessTemperature(0.5) < ReplicaSymmetric.AlmeidaThoulessTemperature(0.2));
    }

    [Fact]
    public void Functional_WithTheRsOrderParameter_GivesTheRsFreeEnergy()
    {
        const double t = 0.6;
        var rs = ReplicaSymmetric.Solve(t, 0.2);
        var f = new ParisiFunctional(0.2).FreeEnergy([0, rs.Q, 1], [0, 1 / t], 1 / t);
        Assert.Equal(rs.FreeEnergy, f, 1e-5);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(2.5)]
    public void Functional_Gradient_MatchesFiniteDifferences(double beta)
    {
        var functional = new ParisiFunctional(0.1);
        double[] q = [0, 0.25, 0.6, 1];
        double[] mu = double.IsPositiveInfinity(beta) ? [0.2, 0.9, 1.7] : [0.3, 1.0, 2.0];
        var gradient = new double[3];
        functional.G(q, mu, beta, gradient);
        for (var j = 0; j < 3; j++)
        {
            var up = (double[])mu.Clone();
            var down = (double[])mu.Clone();
            up[j] += 1e-5;
            down[j] -= 1e-5;
            var numeric = (functional.G(q, up, beta, default) - functional.G(q, down, beta, default)) / 2e-5;
            Assert.Equal(numeric, gradient[j], 2e-5);
        }
    }

    [Fact]
    public void GroundStates_RsAbove1RsbAboveFullRsb_AtThePublishedValues()
    {
        var one = OneStepRsb.Solve(double.PositiveInfinity, 0, Ct);
        // Parisi, Phys. Lett. A 73, 203 (1979): −0.7653 with one step of RSB.
        Assert.Equal(-0.7653, one.FreeEnergy, 1e-4);
        var full = FullRsb.Solve(double.PositiveInfinity, 0, 16, ct: Ct);
        Assert.Equal(SkParisiResult.GroundStateEnergy, full.FreeEnergy, 1e-4);
        Assert.True(full.FreeEnergy > one.FreeEnergy);
        for (var j = 1; j < full.Mu.Length; j++) Assert.True(full.Mu[j] >= full.Mu[j - 1]);
    }

    [Fact]
    public void Model_InAField_MovesTheAtLineBelowOneAndLowersTheGroundState()
    {
        var model = new SkParisiModel();
        var result = ModelRunner.Run(model, ModelRunner.Spec(model, 1, ("field", 0.3), ("tMax", 1.0), ("temperatures", 2)));
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => c.Name)));
        Assert.InRange(result.Metrics.Single(m => m.Name == "t_at").Value, 0.3, 0.99);
        Assert.True(result.Metrics.Single(m => m.Name == "ground_state_rs").Value < -Math.Sqrt(2 / Math.PI));
        Assert.DoesNotContain(result.Checks, c => c.Name == "full-RSB ground-state energy");
        Assert.Equal(Verdict.Agrees, result.Checks.Single(c => c.Name == "de Almeida-Thouless line at h = 0").Verdict);
    }
}
