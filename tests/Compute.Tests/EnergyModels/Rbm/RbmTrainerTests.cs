using Compute.EnergyModels.Rbm;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Rbm;

public class RbmTrainerTests
{
    [Theory]
    [InlineData(RbmTrainingMethod.ContrastiveDivergence)]
    [InlineData(RbmTrainingMethod.PersistentContrastiveDivergence)]
    [InlineData(RbmTrainingMethod.RandomRestart)]
    public void Step_SteadyState_AllocatesNothing(RbmTrainingMethod method)
    {
        var m = RbmTestMachines.Random(64, 32, RbmUnits.Binary, 0.05, 0, 1);
        var trainer = new RbmTrainer(m, new RbmTraining(method, 3, 16, 0.05, 0.5, 1e-4));
        var rng = new Rng(1, 1);
        rng.FillUniform(trainer.Workspace.Data);
        for (var i = 0; i < trainer.Workspace.Data.Length; i++) trainer.Workspace.Data[i] = trainer.Workspace.Data[i] < 0.3f ? 1 : 0;
        trainer.Step(ref rng);
        trainer.Step(ref rng);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var s = 0; s < 5; s++) trainer.Step(ref rng);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(RbmUnits.Binary, RbmTrainingMethod.PersistentContrastiveDivergence)]
    [InlineData(RbmUnits.Spin, RbmTrainingMethod.ContrastiveDivergence)]
    [InlineData(RbmUnits.Binary, RbmTrainingMethod.RandomRestart)]
    public void Step_TwoStateProducts_MatchDenseProductsToRounding(RbmUnits units, RbmTrainingMethod method)
    {
        // Same seed, same uniforms: only the summation order of the products differs, far too little to flip a sample
        // of these 16 × (70 + 40) units.
        RestrictedBoltzmannMachine Train(bool twoState)
        {
            var m = RbmTestMachines.Random(70, 40, units, 0.3, 0.2, 5);
            var trainer = new RbmTrainer(m, new RbmTraining(method, 2, 16, 0.05, 0.5, 1e-3)) { TwoStateProducts = twoState };
            var rng = new Rng(6, 1);
            for (var s = 0; s < 3; s++)
            {
                rng.FillUniform(trainer.Workspace.Data);
                for (var i = 0; i < trainer.Workspace.Data.Length; i++) trainer.Workspace.Data[i] = trainer.Workspace.Data[i] < 0.4f ? 1f : m.Down;
                trainer.Step(ref rng);
            }
            return m;
        }

        var tables = Train(true);
        var dense = Train(false);
        for (var i = 0; i < dense.W.Length; i++) Assert.Equal(dense.W[i], tables.W[i], 1e-5f);
        for (var i = 0; i < dense.A.Length; i++) Assert.Equal(dense.A[i], tables.A[i], 1e-5f);
        for (var j = 0; j < dense.B.Length; j++) Assert.Equal(dense.B[j], tables.B[j], 1e-5f);
    }

    [Fact]
    public void Step_DataOfProbabilities_TakesDenseProducts()
    {
        // A data batch that is not all unit states cannot be encoded: its products are dense, the chains' are not.
        RestrictedBoltzmannMachine Train(bool twoState)
        {
            var m = RbmTestMachines.Random(30, 20, RbmUnits.Binary, 0.3, 0.2, 7);
            var trainer = new RbmTrainer(m, new RbmTraining(RbmTrainingMethod.ContrastiveDivergence, 1, 8, 0.05, 0.5, 0)) { TwoStateProducts = twoState };
            var rng = new Rng(8, 1);
            rng.FillUniform(trainer.Workspace.Data);
            trainer.Step(ref rng);
            return m;
        }

        var dense = Train(false);
        var mixed = Train(true);
        for (var i = 0; i < dense.W.Length; i++) Assert.Equal(dense.W[i], mixed.W[i], 1e-5f);
    }

    [Fact]
    public void Step_LongChainsOnTinyMachine_FollowsExactGradient()
    {
        // With a small learning rate, one PCD step's update of W is η × (data term − chain estimate of the
        // model term). Averaged over many steps from the same parameters, the chain estimate converges to the
        // exact model term, so the mean update approaches η × exact gradient (tolerance from the sampling noise).
        const int nv = 5, nh = 3, batch = 200;
        var m = RbmTestMachines.Random(nv, nh, RbmUnits.Binary, 0.8, 0.3, 2);
        var data = new float[batch * nv];
        var rng = new Rng(3, 0);
        for (var i = 0; i < data.Length; i++) data[i] = rng.NextDouble() < 0.5 ? 1f : 0f;
        var gW = new double[nv * nh];
        RbmExact.Gradient(m, data, batch, gW, new double[nv], new double[nh]);

        var mean = new double[nv * nh];
        const int repeats = 60;
        const double eta = 1e-3;
        for (var r = 0; r < repeats; r++)
        {
            var copy = m.Clone();
            var trainer = new RbmTrainer(copy, new RbmTraining(RbmTrainingMethod.ContrastiveDivergence, 20, batch, eta, 0, 0));
            data.CopyTo(trainer.Workspace.Data, 0);
            var stepRng = new Rng(100, (ulong)r);
            trainer.Step(ref stepRng);
            for (var k = 0; k < mean.Length; k++) mean[k] += (copy.W[k] - m.W[k]) / eta / repeats;
        }
        // Standard error of a mean of 60 × 200 chain terms is ≈ 0.5/√12000 ≈ 0.005; allow 0.03.
        for (var k = 0; k < mean.Length; k++) Assert.True(Math.Abs(mean[k] - gW[k]) < 0.03, $"W[{k}]: {mean[k]} vs exact {gW[k]}");
    }

    [Trait("Category", "Kernels")]
    [Fact]
    public void GibbsSample_MatchesScalarReference_OverManyLengths()
    {
        int[] lengths = [.. Enumerable.Range(0, 67), 127, 128, 129, 255, 256, 257, 1023, 1024, 1025];
        var rng = new Rng(5, 0);
        foreach (var units in new[] { RbmUnits.Binary, RbmUnits.Spin })
            foreach (var n in lengths)
            {
                var field = new float[n];
                var u = new float[n];
                for (var i = 0; i < n; i++) field[i] = (float)(3 * rng.NextGaussian());
                rng.FillUniform(u);
                var p = (float[])field.Clone();
                RbmGibbs.ProbabilityUp(p, units);
                var s = new float[n];
                RbmGibbs.Sample(p, u, s, units);
                var mean = (float[])p.Clone();
                RbmGibbs.ToMean(mean, units);
                for (var i = 0; i < n; i++)
                {
                    var x = units == RbmUnits.Spin ? 2.0 * field[i] : field[i];
                    var pRef = 1 / (1 + Math.Exp(-x));
                    Assert.Equal(pRef, p[i], 1e-6);
                    Assert.Equal(u[i] < p[i] ? 1f : (units == RbmUnits.Spin ? -1f : 0f), s[i]);
                    Assert.Equal(units == RbmUnits.Spin ? Math.Tanh(field[i]) : pRef, mean[i], 2e-6);
                }
            }
    }
}
