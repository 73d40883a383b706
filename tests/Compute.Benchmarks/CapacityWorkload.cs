using Compute.Numerics;
using Compute.Perceptron;
using Compute.Perceptron.Learning;

namespace Compute.Benchmarks;

/// <summary>
/// BENCHMARKS.md `capacity`: spherical perceptron storage, N = 200, α ∈ {1.0, 1.5, 1.8, 2.0, 2.2, 2.5, 3.0}, 20 instances each
/// (Gaussian patterns, random labels), perceptron rule from J = 0 with up to 1000 epochs. Reports instances per second on one
/// thread and on all cores, and the solved fractions (the peer, peers/capacity_sklearn.py, runs the same sweep single-threaded).
/// Correctness: Compute.Tests CapacityModelTests and MaximumMarginSolverTests (fractions vs Cover's exact curve).
/// </summary>
public sealed class CapacityWorkload : Workload
{
    private const int N = 200, Instances = 20, MaxEpochs = 1000;
    private static readonly double[] Alphas = [1.0, 1.5, 1.8, 2.0, 2.2, 2.5, 3.0];

    public override string Name => "capacity";
    public override string Description => "perceptron storage sweep, N = 200, 7 α × 20 instances, ≤ 1000 epochs";

    public override string Run(BenchContext context)
    {
        var solved = new bool[Alphas.Length * Instances];
        var single = context.MedianSeconds(() => Sweep(solved, parallel: false));
        var multi = context.MedianSeconds(() => Sweep(solved, parallel: true));
        var fractions = Enumerable.Range(0, Alphas.Length)
            .Select(k => $"{Alphas[k]:0.0}:{solved.Skip(k * Instances).Take(Instances).Count(s => s) / (double)Instances:0.00}");
        return $"N = {N}, {solved.Length} instances: {solved.Length / single:0.0} instances/s on 1 thread ({single:0.000} s), " +
               $"{solved.Length / multi:0.0} instances/s on {Environment.ProcessorCount} threads ({multi:0.000} s); solved fractions {string.Join(" ", fractions)}";
    }

    private static void Sweep(bool[] solved, bool parallel)
    {
        var count = solved.Length;
        if (parallel)
            Parallel.For(0, count, () => Workspace(), (job, _, ws) => { solved[job] = Solve(job, ws); return ws; }, _ => { });
        else
        {
            var ws = Workspace();
            for (var job = 0; job < count; job++) solved[job] = Solve(job, ws);
        }
    }

    private static (TrainingSet Data, float[] J) Workspace() => (new TrainingSet(N, (int)(3.0 * N)), new float[N]);

    private static bool Solve(int job, (TrainingSet Data, float[] J) ws)
    {
        var rng = new Rng(2024, (ulong)job);
        var p = (int)Math.Round(Alphas[job / Instances] * N);
        ws.Data.FillInputs(p, InputKind.Gaussian, ref rng);
        ws.Data.RandomLabels(ref rng);
        Array.Clear(ws.J);
        return PerceptronRule.Train(ws.Data, ws.J, 0, MaxEpochs, CancellationToken.None).Solved;
    }
}
