using Compute.Numerics;

namespace Compute.Benchmarks;

/// <summary>
/// The three product shapes of an rbm-pcd step with a 0/1 operand (v·W, h·Wᵀ and the update v⁰ᵀ·h⁺), as a dense GEMM and
/// as a two-state product (method of four Russians): milliseconds per product and the dense-equivalent GFLOP/s
/// (2·m·n·k per product, whether or not the method does that many operations). Laying out B in column panels is timed
/// apart: an RBM step lays W out once for its 11 (or 10) conditionals.
/// </summary>
public sealed class TwoStateProductWorkload : Workload
{
    public override string Name => "two-state";
    public override string Description => "RBM-shaped products with a 0/1 operand: dense GEMM against the four-Russians product";

    public override string Run(BenchContext context) => string.Join("; ", new[]
    {
        Measure(context, "v·W 128×784·784×512", 128, 512, 784, transposed: false),
        Measure(context, "h·Wᵀ 128×512·512×784", 128, 784, 512, transposed: false),
        Measure(context, "vᵀ·h 784×128·128×512", 784, 512, 128, transposed: true),
    });

    private static string Measure(BenchContext context, string label, int m, int n, int k, bool transposed)
    {
        var rng = new Rng(2024);
        var states = new float[m * k];
        for (var i = 0; i < states.Length; i++) states[i] = rng.NextDouble() < 0.5 ? 1f : 0f;
        var b = new float[k * n];
        rng.FillNormal(b);
        var c = new float[m * n];
        var s = new TwoStateMatrix();
        const int repeats = 20;
        var dense = context.MedianSeconds(() =>
        {
            for (var r = 0; r < repeats; r++) Gemm.Multiply(states, b, c, m, n, k, transposeA: transposed);
        }) / repeats;
        var panels = new ColumnPanels();
        var packing = context.MedianSeconds(() =>
        {
            for (var r = 0; r < repeats; r++) panels.Pack(b, k, n);
        }) / repeats;
        var fourRussians = context.MedianSeconds(() =>
        {
            for (var r = 0; r < repeats; r++)
            {
                s.Encode(states, m, k, 0f, 1f, transposed);
                s.Multiply(panels, c);
            }
        }) / repeats;
        var flops = 2.0 * m * n * k;
        return $"{label}: dense {dense * 1e3:0.000} ms ({flops / dense / 1e9:0} GFLOP/s), two-state {fourRussians * 1e3:0.000} ms ({flops / fourRussians / 1e9:0} GFLOP/s equivalent, {dense / fourRussians:0.0}×) + laying out B {packing * 1e3:0.000} ms";
    }
}
