using Compute.Flows.Phi4;

namespace Compute.Benchmarks;

/// <summary>
/// <c>flow-phi4</c>: RealNVP on L=8 φ⁴ (m² = −4, λ = 8), 16 affine couplings with checkerboard masks, conditioners of
/// three circular 3×3 convolutions (8 hidden channels, LeakyReLU), tanh scales, batch 64, reverse-KL step with Adam.
/// </summary>
public sealed class FlowPhi4Workload : Workload
{
    public override string Name => "flow-phi4";
    public override string Description => "RealNVP φ⁴ L=8, 16 conv couplings [8,8], batch 64: reverse-KL training steps/s";
    public override string Run(BenchContext context) =>
        FlowPhi4Bench.Measure(context, new FlowArchitecture(8, 16, true, 2, 8), batch: 64, stepsPerRun: 200, Name);
}

/// <summary><c>flow-phi4-mlp</c>: the same target at L=16 with MLP conditioners (two hidden layers of 512), 8 couplings, batch 1024.</summary>
public sealed class FlowPhi4MlpWorkload : Workload
{
    public override string Name => "flow-phi4-mlp";
    public override string Description => "RealNVP φ⁴ L=16, 8 MLP couplings [512,512], batch 1024: reverse-KL training steps/s";
    public override string Run(BenchContext context) =>
        FlowPhi4Bench.Measure(context, new FlowArchitecture(16, 8, false, 2, 512), batch: 1024, stepsPerRun: 5, Name);
}

internal static class FlowPhi4Bench
{
    public static string Measure(BenchContext context, FlowArchitecture architecture, int batch, int stepsPerRun, string name)
    {
        var flow = new Phi4Flow<float>(architecture, batch, seed: 1);
        var trainer = new Phi4Trainer(flow, new Phi4Action(architecture.L, -4, 8), batch, 1e-3, seed: 2);
        var seconds = context.MedianSeconds(() =>
        {
            for (var s = 0; s < stepsPerRun; s++) trainer.Step();
        });
        var stepsPerSecond = stepsPerRun / seconds;
        // Forward + backward ≈ 3× the forward multiply-adds, 2 flops each.
        var gflops = 6 * architecture.MultiplyAddsPerSample * batch * stepsPerSecond / 1e9;
        return $"{name}: L={architecture.L}, {architecture.Couplings} couplings, batch {batch}: {stepsPerSecond:0.0} steps/s, {context.PercentOfPeak(gflops)}";
    }
}
