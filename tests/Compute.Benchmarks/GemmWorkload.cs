using Compute.Numerics;

namespace Compute.Benchmarks;

/// <summary>C = A·B in fp32, row-major, no transposes, at 1024³ and 256³ (BENCHMARKS.md `gemm`).</summary>
public sealed class GemmWorkload : Workload
{
    public override string Name => "gemm";
    public override string Description => "C = A·B fp32 at 1024³ and 256³: GFLOP/s and % of the FMA peak";

    public override string Run(BenchContext context) =>
        string.Join("; ", new[] { 1024, 256 }.Select(size => Measure(context, size)));

    private static string Measure(BenchContext context, int size)
    {
        var a = new float[size * size];
        var b = new float[size * size];
        var c = new float[size * size];
        var rng = new Rng(2024);
        rng.FillNormal(a);
        rng.FillNormal(b);
        // Small products repeat inside one timing so that the timer's resolution does not matter.
        var repeats = Math.Max(1, (int)(2e9 / (2.0 * size * size * size)));
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var seconds = context.MedianSeconds(() =>
        {
            for (var r = 0; r < repeats; r++) Gemm.Multiply(a, b, c, size, size, size);
        }) / repeats;
        process.Refresh();
        // CPU time over all repetitions (and the warm-up): a figure that other processes on the cores disturb far less.
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds / ((context.Repetitions + 1) * repeats);
        var flops = 2.0 * size * size * size;
        return $"{size}³ {seconds * 1e3:0.00} ms {context.PercentOfPeak(flops / seconds / 1e9)}, {flops / cpuSeconds / 1e9:0.0} GFLOP per CPU-second";
    }
}
