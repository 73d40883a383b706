using Compute.EnergyModels.Ising;

namespace Compute.Benchmarks;

/// <summary>BENCHMARKS.md `ising`: L = 512, β = 0.4406868, multi-spin-coded checkerboard Metropolis, 200 sweeps after 20 warm-up.</summary>
public sealed class IsingWorkload : Workload
{
    private const int L = 512, Warmup = 20, Sweeps = 200;
    private const double Beta = 0.4406868;

    public override string Name => "ising";
    public override string Description => "2D Ising L=512 at β_c, checkerboard Metropolis (multi-spin coded), 200 sweeps";

    public override string Run(BenchContext context)
    {
        var threads = Environment.ProcessorCount;
        var single = Rate(context, 1, out var energy, out var cpuRate);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var all = Rate(context, threads, out _, out _);
        process.Refresh();
        // Process CPU time of the whole multi-threaded measurement (warm-up sweeps included); it includes the time a thread
        // spins at the end of a colour waiting for a descheduled partner, so under load it understates the idle-machine rate.
        var processCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var perCpuSecond = context.Repetitions * (double)(Sweeps + Warmup) * L * L / processCpu;
        return $"L={L}, β={Beta}: {all:0.00e0} spin-flip attempts/s on {threads} threads, {single:0.00e0} on 1 thread " +
               $"({cpuRate:0.00e0} per second of the thread's own CPU time, which load from other processes does not inflate; " +
               $"{threads} threads: {perCpuSecond:0.00e0} per CPU-second, i.e. {threads * perCpuSecond:0.00e0}/s on {threads} idle cores; e after {Warmup + Sweeps} sweeps = {energy:0.0000})";
    }

    private static double Rate(BenchContext context, int threads, out double energy, out double cpuRate)
    {
        var lattice = new PackedIsingLattice(L, 2026, CheckerboardAcceptance.Metropolis(Beta));
        var times = new double[context.Repetitions];
        var cpu = new double[context.Repetitions];
        for (var r = 0; r < times.Length; r++)
        {
            lattice.Randomize();
            for (var s = 0; s < Warmup; s++) lattice.Sweep(threads);
            var cpu0 = ThreadCpu.Seconds();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (var s = 0; s < Sweeps; s++) lattice.Sweep(threads);
            times[r] = sw.Elapsed.TotalSeconds;
            cpu[r] = ThreadCpu.Seconds() - cpu0;
        }
        Array.Sort(cpu);
        cpuRate = (double)Sweeps * L * L / cpu[cpu.Length / 2];
        energy = lattice.Energy() / (double)lattice.Sites;
        Array.Sort(times);
        return (double)Sweeps * L * L / times[times.Length / 2];
    }
}
