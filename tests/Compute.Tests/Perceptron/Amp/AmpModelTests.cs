using Compute.Numerics;
using Compute.Perceptron.Amp;
using Shared.Results;

namespace Compute.Tests.Perceptron.Amp;

public class AmpModelTests
{
    private static readonly AmpModel Model = new();

    [Fact]
    public void GaussianTeacher_AmpFollowsStateEvolutionWhichIsTheReplicaCurve()
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 4, ("teacher", "gaussian"), ("N", 600), ("alphaMin", 0.5), ("alphaMax", 2.0), ("alphaPoints", 4), ("samples", 6)));
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}")));
        Assert.Equal(4, result.Checks.Count(c => c.Name.StartsWith("state evolution = replica", StringComparison.Ordinal)));
        // The comparison is at the level of the error bars plus the O(1/N) allowance, not a loose tolerance.
        Assert.All(result.Checks.Where(c => c.Name.StartsWith("ε of AMP", StringComparison.Ordinal)), c => Assert.True(c.Allowance < 0.01));
    }

    [Fact]
    public void BinaryTeacher_ReportsTheComputedThresholdsAndLearnsPerfectlyAboveTheSpinodal()
    {
        var result = ModelRunner.RunExample(Model);
        var (informationTheoretic, algorithmic) = AmpStateEvolution.BinaryTeacherThresholds;
        Assert.Equal(informationTheoretic, result.Metrics.Single(m => m.Name == "alpha_it").Value);
        Assert.Equal(algorithmic, result.Metrics.Single(m => m.Name == "alpha_alg").Value);
        var eps = result.Series.Single(s => s.Name == "epsilon");
        // Well above α_alg (α = 2.2) AMP recovers the ±1 teacher; well below it errs on a finite fraction.
        Assert.True(eps.Y[^1] < 0.02, $"ε(2.2) = {eps.Y[^1]}");
        Assert.True(eps.Y[0] > 0.2, $"ε(0.4) = {eps.Y[0]}");
        Assert.Equal(2, result.Figures.Single(f => f.Id == "learning-curve").Markers.Count);
    }

    [Fact]
    public void Gamp_Iteration_AllocatesNothing()
    {
        const int n = 200, p = 300;
        var rng = new Rng(8);
        var f = new float[p * n];
        rng.FillNormal(f);
        for (var i = 0; i < f.Length; i++) f[i] /= MathF.Sqrt(n);
        var y = Enumerable.Range(0, p).Select(i => i % 3 == 0 ? -1f : 1f).ToArray();
        var amp = new Gamp(n, p);
        amp.Start(p);
        amp.Iterate(f, y, AmpPrior.Binary);
        var before = GC.GetAllocatedBytesForCurrentThread();
        amp.Iterate(f, y, AmpPrior.Binary);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
