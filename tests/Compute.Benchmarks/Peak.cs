using System.Runtime.Intrinsics;

namespace Compute.Benchmarks;

/// <summary>
/// The machine's fp32 FMA peak: every core runs independent chains of fused multiply-adds on the widest vectors
/// the hardware executes natively (Vector512 with AVX-512, else Vector256: an emulated Vector512 would understate
/// the peak), enough chains to hide the FMA latency, and the rates are summed.
/// </summary>
public static class Peak
{
    private const int Iterations = 20_000_000;

    public static double Measure()
    {
        var threads = Environment.ProcessorCount;
        var rates = new double[threads];
        var pool = Enumerable.Range(0, threads).Select(t => new Thread(() => rates[t] = MeasureOneCore())).ToArray();
        foreach (var th in pool) th.Start();
        foreach (var th in pool) th.Join();
        return rates.Sum();
    }

    private static double MeasureOneCore()
    {
        var best = 0.0;
        for (var rep = 0; rep < 3; rep++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var wide = Vector512.IsHardwareAccelerated;
            var sink = wide ? Chains512(Iterations) : Chains256(Iterations);
            var seconds = sw.Elapsed.TotalSeconds;
            // 12 chains × lanes × 2 flops per FMA.
            var lanes = wide ? Vector512<float>.Count : Vector256<float>.Count;
            best = Math.Max(best, 12.0 * lanes * 2 * Iterations / seconds / 1e9);
            if (float.IsNaN(sink)) Console.Write(""); // keeps the chains observable
        }
        return best;
    }

    private static float Chains512(int iterations)
    {
        var m = Vector512.Create(0.999999f);
        var add = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0,
            a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (var i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, add); a1 = Vector512.FusedMultiplyAdd(a1, m, add);
            a2 = Vector512.FusedMultiplyAdd(a2, m, add); a3 = Vector512.FusedMultiplyAdd(a3, m, add);
            a4 = Vector512.FusedMultiplyAdd(a4, m, add); a5 = Vector512.FusedMultiplyAdd(a5, m, add);
            a6 = Vector512.FusedMultiplyAdd(a6, m, add); a7 = Vector512.FusedMultiplyAdd(a7, m, add);
            a8 = Vector512.FusedMultiplyAdd(a8, m, add); a9 = Vector512.FusedMultiplyAdd(a9, m, add);
            a10 = Vector512.FusedMultiplyAdd(a10, m, add); a11 = Vector512.FusedMultiplyAdd(a11, m, add);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    private static float Chains256(int iterations)
    {
        var m = Vector256.Create(0.999999f);
        var add = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0,
            a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (var i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, add); a1 = Vector256.FusedMultiplyAdd(a1, m, add);
            a2 = Vector256.FusedMultiplyAdd(a2, m, add); a3 = Vector256.FusedMultiplyAdd(a3, m, add);
            a4 = Vector256.FusedMultiplyAdd(a4, m, add); a5 = Vector256.FusedMultiplyAdd(a5, m, add);
            a6 = Vector256.FusedMultiplyAdd(a6, m, add); a7 = Vector256.FusedMultiplyAdd(a7, m, add);
            a8 = Vector256.FusedMultiplyAdd(a8, m, add); a9 = Vector256.FusedMultiplyAdd(a9, m, add);
            a10 = Vector256.FusedMultiplyAdd(a10, m, add); a11 = Vector256.FusedMultiplyAdd(a11, m, add);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
