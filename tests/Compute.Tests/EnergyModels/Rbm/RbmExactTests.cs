using Compute.EnergyModels.Rbm;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Rbm;

public class RbmExactTests
{
    [Theory]
    [InlineData(RbmUnits.Binary, 5, 4)]
    [InlineData(RbmUnits.Binary, 3, 8)]
    [InlineData(RbmUnits.Spin, 6, 5)]
    public void LogPartitionFunction_EitherLayer_MatchesBruteForce(RbmUnits units, int visible, int hidden)
    {
        var m = RbmTestMachines.Random(visible, hidden, units, 0.8, 0.5, 11);
        var brute = RbmExact.BruteForceLogPartitionFunction(m);
        Assert.Equal(brute, RbmExact.LogPartitionFunction(m, enumerateVisible: true, TestContext.Current.CancellationToken), 10);
        Assert.Equal(brute, RbmExact.LogPartitionFunction(m, enumerateVisible: false, TestContext.Current.CancellationToken), 10);
    }

    [Fact]
    public void LogPartitionFunction_ZeroWeights_IsSumOfIndependentUnits()
    {
        // W = 0: ln Z = Σ_i softplus(a_i) + Σ_j softplus(b_j), a closed form.
        var m = RbmTestMachines.Random(12, 9, RbmUnits.Binary, 0, 1.5, 3);
        var expected = m.A.Sum(a => Special.Softplus(a)) + m.B.Sum(b => Special.Softplus(b));
        Assert.Equal(expected, RbmExact.LogPartitionFunction(m, TestContext.Current.CancellationToken), 10);
    }

    [Theory]
    [InlineData(RbmUnits.Binary)]
    [InlineData(RbmUnits.Spin)]
    public void Gradient_MatchesFiniteDifferencesOfExactLogLikelihood(RbmUnits units)
    {
        const int nv = 6, nh = 4, rows = 7;
        var m = RbmTestMachines.Random(nv, nh, units, 0.7, 0.4, 5);
        var rng = new Rng(9, 1);
        var data = new float[rows * nv];
        for (var i = 0; i < data.Length; i++) data[i] = rng.NextDouble() < 0.4 ? 1f : m.Down;
        var gW = new double[nv * nh];
        var gA = new double[nv];
        var gB = new double[nh];
        RbmExact.Gradient(m, data, rows, gW, gA, gB);

        double LogLikelihood() => RbmExact.MeanLogLikelihood(m, data, rows, RbmExact.LogPartitionFunction(m, TestContext.Current.CancellationToken));
        // Central differences; the actual (float-rounded) displacements enter the quotient, so only
        // the O(h²) truncation remains.
        double Numeric(float[] target, int index)
        {
            const float h = 1f / 4096;
            var original = target[index];
            target[index] = original + h;
            var up = LogLikelihood();
            var dUp = (double)target[index] - original;
            target[index] = original - h;
            var down = LogLikelihood();
            var dDown = original - (double)target[index];
            target[index] = original;
            return (up - down) / (dUp + dDown);
        }

        // Truncation error O(h²) ≈ 10⁻⁷; round-off ≈ 10⁻¹² / h.
        for (var k = 0; k < nv * nh; k++) Assert.Equal(gW[k], Numeric(m.W, k), 1e-6);
        for (var i = 0; i < nv; i++) Assert.Equal(gA[i], Numeric(m.A, i), 1e-6);
        for (var j = 0; j < nh; j++) Assert.Equal(gB[j], Numeric(m.B, j), 1e-6);
    }

    [Fact]
    public void PseudoLogLikelihood_MatchesConditionalsByEnumeration()
    {
        // ln p(v_i | v_−i) from the full joint of a tiny machine, unit by unit.
        const int nv = 4, nh = 3;
        var m = RbmTestMachines.Random(nv, nh, RbmUnits.Binary, 1.0, 0.5, 21);
        var v = new float[] { 1, 0, 1, 1 };
        var field = new double[nh];
        double expected = 0;
        for (var i = 0; i < nv; i++)
        {
            var flipped = (float[])v.Clone();
            flipped[i] = 1 - flipped[i];
            var f0 = RbmExact.NegativeFreeEnergy(m, v, field);
            var f1 = RbmExact.NegativeFreeEnergy(m, flipped, field);
            expected += f0 - Math.Log(Math.Exp(f0) + Math.Exp(f1));
        }
        Assert.Equal(expected, RbmMetrics.PseudoLogLikelihood(m, v, 1, TestContext.Current.CancellationToken), 6);
    }

    [Fact]
    public void LogPartitionFunction_Cancelled_ThrowsOperationCanceledNotAggregate()
    {
        var m = RbmTestMachines.Random(64, 20, RbmUnits.Binary, 0.1, 0, 1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => RbmExact.LogPartitionFunction(m, cts.Token));
    }
}
