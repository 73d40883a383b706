using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.SpinGlass;
using Compute.Numerics;

namespace Compute.Benchmarks;

/// <summary>BENCHMARKS.md `sk`: N = 2048, β = 2, sequential single-spin Metropolis with incremental local fields, 100 sweeps from a random start.</summary>
public sealed class SkWorkload : Workload
{
    private const int N = 2048, Sweeps = 100;
    private const double Beta = 2;

    public override string Name => "sk";
    public override string Description => "SK N=2048 at β=2, sequential Metropolis with incremental local fields, 100 sweeps";

    public override string Run(BenchContext context)
    {
        var couplings = SkCouplings.Sample(N, 2026).Select(x => (float)x).ToArray();
        var replica = new SkReplica(couplings, N);
        var times = new double[context.Repetitions];
        var cpu = new double[context.Repetitions];
        long accepted = 0;
        for (var r = 0; r < times.Length; r++)
        {
            var rng = new Rng(2026, (ulong)r);
            replica.Randomize(ref rng);
            var before = replica.Accepted;
            var cpu0 = ThreadCpu.Seconds();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (var s = 0; s < Sweeps; s++) replica.Sweep(Beta, ref rng);
            times[r] = sw.Elapsed.TotalSeconds;
            cpu[r] = ThreadCpu.Seconds() - cpu0;
            accepted = replica.Accepted - before;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        var attempts = (double)N * Sweeps;
        return $"N={N}, β={Beta}: {attempts / times[times.Length / 2]:0.00e0} spin-flip attempts/s on 1 thread " +
               $"({attempts / cpu[cpu.Length / 2]:0.00e0} per second of own CPU time; acceptance {accepted / attempts:0.000}, e after {Sweeps} sweeps = {replica.Energy / N:0.0000})";
    }
}
