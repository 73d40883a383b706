using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Perceptron.Learning;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Learning;

public class MaximumMarginSolverTests
{
    [Fact]
    public void MaximalStability_RandomLabels_FractionMatchesCover()
    {
        // Exact finite-N law: P(separable) = Cover's count for Gaussian patterns in general position.
        const int n = 40, instances = 150;
        var ct = TestContext.Current.CancellationToken;
        foreach (var alpha in new[] { 1.5, 2.0, 2.5 })
        {
            var p = (int)(alpha * n);
            var data = new TrainingSet(n, p);
            var solver = new MaximumMarginSolver(n, p);
            var solved = 0;
            for (var s = 0; s < instances; s++)
            {
                var rng = new Rng(11, (ulong)s);
                data.FillInputs(p, InputKind.Gaussian, ref rng);
                data.RandomLabels(ref rng);
                if (solver.MaximalStability(data, ct) > 0) solved++;
            }
            var cover = CoverCounting.SeparableProbability(n, p);
            var sigma = Math.Sqrt(cover * (1 - cover) / instances);
            Assert.True(Math.Abs((double)solved / instances - cover) <= 3 * sigma, $"α = {alpha}: {solved}/{instances} vs Cover {cover:0.000}");
        }
    }

    [Fact]
    public void MaximalStability_SeparableInstances_MatchesConvergedAdatron()
    {
        const int n = 30, p = 45;
        var ct = TestContext.Current.CancellationToken;
        var data = new TrainingSet(n, p);
        var solver = new MaximumMarginSolver(n, p);
        var j = new float[n];
        var x = new double[p];
        var checkedCount = 0;
        for (var s = 0; s < 20 && checkedCount < 5; s++)
        {
            var rng = new Rng(5, (ulong)s);
            data.FillInputs(p, InputKind.Gaussian, ref rng);
            data.RandomLabels(ref rng);
            var kappa = solver.MaximalStability(data, ct);
            // Well inside the separable phase: Adatron converges fast and float rounding stays below the tolerance.
            if (kappa < 0.1) continue;
            var (converged, _) = AdatronRule.Train(data, j, x, 1e-4, 20_000, ct);
            Assert.True(converged);
            // Adatron's fixed point: min stability 1 at |J| = 1/κ_max.
            Assert.Equal(1.0, kappa * TensorPrimitives.Norm(j), 3);
            checkedCount++;
        }
        Assert.True(checkedCount >= 3);
    }
}
