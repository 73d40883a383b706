using Shared.Models;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>Typed parameters of <c>ebm.sk</c>.</summary>
public sealed record SkParameters(int N, int Samples, double TMin, double TMax, int Temperatures, string Algorithm, int Sweeps, int Warmup, bool Exact)
{
    public const string ParallelTempering = "parallel-tempering", Metropolis = "metropolis";

    /// <summary>Exact enumeration of energies up to this N, of ⟨q²⟩ (O(2^N N²) per temperature) up to <see cref="MaxExactOverlapN"/>.</summary>
    public const int MaxExactN = 20, MaxExactOverlapN = 14;

    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Integer("N", "Spins N", 64, 2, 16384, help: "Number of Ising spins; couplings J_ij ~ N(0, 1/N) between all pairs."),
        ParameterSpec.Integer("samples", "Disorder samples", 8, 2, 10000, help: "Independent coupling matrices; disorder averages E_J and their errors come from these."),
        ParameterSpec.Real("tMin", "Lowest temperature", 0.5, 0.05, 100, unit: "J", help: "Lowest T = 1/β of the ladder (T_c = 1)."),
        ParameterSpec.Real("tMax", "Highest temperature", 2.0, 0.05, 100, unit: "J", help: "Highest temperature of the ladder; geometric spacing in between."),
        ParameterSpec.Integer("temperatures", "Temperatures", 12, 1, 256, help: "Number of temperatures in the ladder."),
        ParameterSpec.Choice("algorithm", "Algorithm", ParallelTempering, [ParallelTempering, Metropolis],
            help: "parallel-tempering: Metropolis sweeps plus replica swaps between neighbouring temperatures; metropolis: independent chains."),
        ParameterSpec.Integer("sweeps", "Measurement sweeps", 4000, 10, 100_000_000, help: "Sweeps measured per sample (one sweep = N attempted flips at every temperature)."),
        ParameterSpec.Integer("warmup", "Warm-up sweeps", 1000, 0, 100_000_000, help: "Sweeps discarded before measuring."),
        ParameterSpec.Boolean("exact", "Exact enumeration", true, help: $"For N ≤ {MaxExactN}, also enumerate all 2^N states of every sample (⟨q²⟩ too for N ≤ {MaxExactOverlapN}) as the reference."),
    ]);

    public static SkParameters From(ParameterValues p) =>
        new(p.Int("N"), p.Int("samples"), p.Real("tMin"), p.Real("tMax"), p.Int("temperatures"), p.Choice("algorithm"), p.Int("sweeps"), p.Int("warmup"), p.Boolean("exact"));

    public bool Enumerate => Exact && N <= MaxExactN;

    /// <summary>Temperatures from tMax down to tMin, geometrically spaced (so β increases along the ladder).</summary>
    public double[] Betas() =>
        Temperatures == 1 ? [1 / TMin] : Enumerable.Range(0, Temperatures).Select(k => 1 / (TMax * Math.Pow(TMin / TMax, k / (Temperatures - 1.0)))).ToArray();

    public IEnumerable<FieldError> Validate()
    {
        if (Temperatures > 1 && TMax <= TMin)
            yield return new FieldError("tMax", "The highest temperature must be above the lowest when the ladder has more than one temperature.");
    }

    /// <summary>Memory: couplings (double and float), 2 × temperatures replicas. Work: N attempts per sweep plus an O(N) field update per accepted flip, plus enumeration.</summary>
    public ResourceEstimate Estimate()
    {
        var n = (double)N;
        var memory = 12 * n * n + 2.0 * Temperatures * 8 * n;
        // A sweep costs N attempts plus N per accepted flip; about a quarter are accepted averaged over a ladder around T_c.
        var work = (double)Samples * 2 * Temperatures * (Sweeps + (double)Warmup) * n * (1 + n / 4);
        if (Enumerate)
        {
            memory += 8 * Math.Pow(2, N - 1);
            work += Samples * Math.Pow(2, N - 1) * (n + Temperatures * (N <= MaxExactOverlapN ? n * n : 1));
        }
        return new(memory, work);
    }
}
