using Compute.EnergyModels.Rbm;
using Compute.Numerics;

namespace Compute.Benchmarks;

/// <summary>
/// BENCHMARKS.md `rbm-pcd`: Bernoulli RBM 784 × 512, batch 128, PCD-10 (128 persistent chains), one epoch over
/// 20 000 noisy-prototype samples (156 updates), with real Bernoulli sampling from the xoshiro256** generator.
/// Reports training samples per second (median epoch) and the dense-equivalent rate of the 2k + 4 = 24 products of
/// 128×784×512 per update. The products run as four-Russians table look-ups (TwoStateMatrix), which do about a
/// quarter of a dense product's additions and no multiplications, so that rate is not compared with the FMA peak.
/// </summary>
public sealed class RbmPcdWorkload : Workload
{
    private const int Visible = 784, Hidden = 512, Batch = 128, K = 10, Samples = 20_000;

    public override string Name => "rbm-pcd";
    public override string Description => "Bernoulli RBM 784×512, batch 128, PCD-10, one epoch of 20 000 noisy-prototype samples: training samples/s";

    public override string Run(BenchContext context)
    {
        var data = RbmDatasets.NoisyPrototypes(Visible, Samples, 10, 0.1, 2024);
        var machine = new RestrictedBoltzmannMachine(Visible, Hidden, RbmUnits.Binary);
        var rng = new Rng(2024, 1);
        machine.InitializeRandom(ref rng, 0.01);
        var trainer = new RbmTrainer(machine, new RbmTraining(RbmTrainingMethod.PersistentContrastiveDivergence, K, Batch, 0.05, 0.5, 1e-4));
        var order = Enumerable.Range(0, Samples).ToArray();
        var batches = Samples / Batch;

        void Epoch()
        {
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            for (var b = 0; b < batches; b++)
            {
                for (var r = 0; r < Batch; r++)
                    RbmDatasets.ToUnits(data, order[b * Batch + r], trainer.Workspace.Data.AsSpan(r * Visible, Visible), RbmUnits.Binary);
                trainer.Step(ref rng);
            }
        }

        var seconds = context.MedianSeconds(Epoch);
        var trained = batches * Batch;
        var gflops = (2.0 * K + 4) * 2.0 * Batch * Visible * Hidden * batches / seconds / 1e9;
        return $"784×512 batch 128 PCD-10, {trained} samples/epoch: {seconds:0.000} s/epoch = {trained / seconds:0} samples/s; {gflops:0.0} GFLOP/s dense-equivalent";
    }
}
