using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.SpinGlass;
using Compute.Flows.Van;

namespace Compute.Tests.Flows.Van;

public class VanTrainerTests
{
    [Fact]
    public void Step_SteadyState_AllocatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var z2 in new[] { true, false })
        {
            var made = new Made(9, 3, 2, 64);
            var trainer = new VanTrainer(made, new IsingTarget(3), new VanTrainingOptions(0.4, 32, 1e-3, AnnealRate: 0.99, Z2: z2), 5);
            trainer.Step(ct);
            trainer.Step(ct);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var t = 0; t < 5; t++) trainer.Step(ct);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Step_NaNEnergy_ThrowsNamingTheStep()
    {
        var made = new Made(4, 2, 1, 32);
        var trainer = new VanTrainer(made, new NaNAfter(4, 3), new VanTrainingOptions(1, 16), 1);
        var ct = TestContext.Current.CancellationToken;
        trainer.Step(ct);
        trainer.Step(ct);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Step(ct));
        Assert.Contains("step 3", error.Message);
    }

    /// <summary>A target whose energies turn NaN from call <paramref name="failAt"/> on.</summary>
    private sealed class NaNAfter(int spins, int failAt) : IVanTarget
    {
        private int _calls;
        public int Spins => spins;

        public void Energies(ReadOnlySpan<float> s, Span<double> energies, int batch)
        {
            _calls++;
            for (var r = 0; r < batch; r++) energies[r] = _calls >= failAt ? double.NaN : s[r * spins];
        }
    }

    [Fact]
    public void Sk12_Training_StaysAboveEnumeratedFreeEnergy()
    {
        // Every step's F_q (one batch) and the final estimate must respect F_q ≥ F within 3σ (plus the O(1/B)
        // baseline-free estimator needs no allowance: each term βE + ln q is an unbiased sample of βF_q).
        const int n = 12;
        const double beta = 1.5;
        var couplings = SkCouplings.Sample(n, 3);
        var exactF = -SkEnumeration.LogPartitionFunction(couplings, n, beta) / beta;
        var made = new Made(n, 2, 2, 512);
        var trainer = new VanTrainer(made, new PairwiseTarget(couplings, n), new VanTrainingOptions(beta, 256, 1e-2), 11);
        var ct = TestContext.Current.CancellationToken;
        VanBatchEstimate first = default, last = default;
        for (var t = 0; t < 150; t++)
        {
            last = trainer.Step(ct);
            if (t == 0) first = last;
            Assert.True(last.FreeEnergy >= exactF - 4 * last.FreeEnergyError, $"step {t + 1}: F_q = {last.FreeEnergy} ± {last.FreeEnergyError} below exact F = {exactF}");
        }
        var energies = new List<double>();
        var logQ = new List<double>();
        for (var k = 0; k < 10; k++)
        {
            trainer.Sample(ct);
            energies.AddRange(trainer.Energies.ToArray());
            logQ.AddRange(trainer.LogQ.ToArray());
        }
        var ev = VanEvaluation.From([.. energies], [.. logQ], beta, n);
        var fPerSpin = exactF / n;
        Assert.True(ev.FreeEnergy >= fPerSpin - 3 * ev.FreeEnergyError, $"F_q/N = {ev.FreeEnergy} ± {ev.FreeEnergyError}, exact {fPerSpin}");
        // Training did something: the gap closed to well under its initial value.
        Assert.True(ev.FreeEnergy - fPerSpin < 0.25 * (first.FreeEnergy / n - fPerSpin), $"gap {ev.FreeEnergy - fPerSpin}, initially {first.FreeEnergy / n - fPerSpin}");
        Assert.True(Math.Abs(ev.NisFreeEnergy - fPerSpin) <= 3 * ev.NisFreeEnergyError + 1e-9, $"NIS F/N = {ev.NisFreeEnergy} ± {ev.NisFreeEnergyError}, exact {fPerSpin}");
    }

    [Fact]
    public void Step_SameSeed_IdenticalParameters()
    {
        var ct = TestContext.Current.CancellationToken;
        float[] Train(ulong seed)
        {
            var made = new Made(9, 2, 2, 64);
            var trainer = new VanTrainer(made, new IsingTarget(3), new VanTrainingOptions(0.4, 32, 1e-2), seed);
            for (var t = 0; t < 10; t++) trainer.Step(ct);
            return trainer.Parameters.ToArray();
        }
        Assert.Equal(Train(3), Train(3));
        Assert.NotEqual(Train(3), Train(4));
    }

    [Fact]
    public void TrainingBeta_Annealing_FollowsOneMinusAToTheT()
    {
        var made = new Made(4, 1, 1, 32);
        var trainer = new VanTrainer(made, new IsingTarget(2), new VanTrainingOptions(0.5, 16, AnnealRate: 0.9), 1);
        var ct = TestContext.Current.CancellationToken;
        for (var t = 1; t <= 3; t++)
        {
            Assert.Equal(0.5 * (1 - Math.Pow(0.9, t)), trainer.TrainingBeta, 14);
            Assert.Equal(0.5 * (1 - Math.Pow(0.9, t)), trainer.Step(ct).TrainingBeta, 14);
        }
        var plain = new VanTrainer(new Made(4, 1, 1, 32), new IsingTarget(2), new VanTrainingOptions(0.5, 16), 1);
        Assert.Equal(0.5, plain.TrainingBeta);
    }
}
