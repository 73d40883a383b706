namespace Compute.Benchmarks;

public sealed class PeakWorkload : Workload
{
    public override string Name => "peak";
    public override string Description => "fp32 Vector512 FMA peak on all cores";
    public override string Run(BenchContext context) =>
        $"{Environment.ProcessorCount} cores, {context.PeakGflops:0.0} GFLOP/s fp32 FMA peak";
}
