namespace Compute.Benchmarks;

/// <summary>
/// One fixed workload of BENCHMARKS.md. <see cref="Run"/> does the work a few times and returns the
/// line to print: size, the throughput figure (median of the repetitions) and, for GEMM-bound work,
/// GFLOP/s and the fraction of the measured peak.
/// </summary>
public abstract class Workload
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract string Run(BenchContext context);
}

/// <summary>What every workload may use: the machine's measured fp32 FMA peak and a median timer.</summary>
public sealed class BenchContext
{
    private double? _peak;

    public int Repetitions { get; init; } = 5;

    /// <summary>Measured fp32 peak of all cores in GFLOP/s (measured once, lazily).</summary>
    public double PeakGflops => _peak ??= Peak.Measure();

    /// <summary>Runs <paramref name="action"/> once to warm up, then <see cref="Repetitions"/> times; returns the median seconds.</summary>
    public double MedianSeconds(Action action)
    {
        action();
        var times = new double[Repetitions];
        for (var r = 0; r < Repetitions; r++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            action();
            times[r] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[Repetitions / 2];
    }

    public string PercentOfPeak(double gflops) => $"{gflops:0.0} GFLOP/s = {100 * gflops / PeakGflops:0.0} % of peak ({PeakGflops:0.0} GFLOP/s)";
}
