using Compute.Flows.Van;

namespace Compute.Benchmarks;

/// <summary>
/// VAN training step on the 16×16 Ising model at β_c: MADE with one hidden layer of 2·256 units
/// (depth 2, width 2), batch 256 with Z2 symmetrization (512 forward/backward rows), REINFORCE + Adam.
/// Flops counted as dense GEMMs over all (also masked) weights: forward 2·R·P, backward 4·R·P on R = 512 rows,
/// plus about B·P for ancestral sampling (each degree reads half its prefix on average).
/// </summary>
public sealed class VanWorkload : Workload
{
    public override string Name => "flow-van";
    public override string Description => "VAN (MADE 256→512→256) on 16×16 Ising at β_c, batch 256, Z2: training steps per second";

    public override string Run(BenchContext context)
    {
        const int batch = 256, steps = 3;
        var made = new Made(256, 2, 2, 2 * batch);
        var trainer = new VanTrainer(made, new IsingTarget(16), new VanTrainingOptions(0.4406868, batch, 1e-3), 1);
        var seconds = context.MedianSeconds(() =>
        {
            for (var t = 0; t < steps; t++) trainer.Step(CancellationToken.None);
        }) / steps;
        double weights = 2 * 256 * 512;
        var flops = 6 * 2 * batch * weights + batch * weights;
        return $"flow-van: 16×16 Ising, {made.Parameters.Count} parameters, batch {batch} (Z2): {1 / seconds:0.00} steps/s, " +
               context.PercentOfPeak(flops / seconds / 1e9);
    }
}
