using Shared.Models;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>Typed parameters of <c>ebm.sk</c>.</summary>
public sealed record SkParameters(int N, int Samples, double TMin, double TMax, int Temperatures, string Algorithm, int Sweeps, int Warmup, bool Exact,
    bool UntilEquilibrated)
{
    /// <summary>Simulations at most in the until-equilibrated mode (the warm-up doubles between them).</summary>
    public const int MaxRounds = 4;

    public const string ParallelTempering = "parallel-tempering", Metropolis = "metropolis";

    /// <summary>Exact enumeration of energies up to this N, of ⟨q²⟩ (O(2^N N²) per temperature) up to <see cref="MaxExactOverlapN"/>.</summary>
    public const int MaxExactN = 20, MaxExactOverlapN = 14;

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> N = Parameter.Integer("N", "Spins N", 64, 2, 16384, help: "Number of Ising spins; couplings J_ij ~ N(0, 1/N) between all pairs.");
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Disorder samples", 8, 2, 10000, help: "Independent coupling matrices; disorder averages E_J and their errors come from these.");
        public static readonly Parameter<double> TMin = Parameter.Real("tMin", "Lowest temperature", 0.5, 0.05, 100, unit: "J", help: "Lowest T = 1/β of the ladder (T_c = 1).");
        public static readonly Parameter<double> TMax = Parameter.Real("tMax", "Highest temperature", 2.0, 0.05, 100, unit: "J", help: "Highest temperature of the ladder; geometric spacing in between.");
        public static readonly Parameter<int> Temperatures = Parameter.Integer("temperatures", "Temperatures", 12, 1, 256, help: "Number of temperatures in the ladder.");
        public static readonly Parameter<string> Algorithm = Parameter.Choice("algorithm", "Algorithm", ParallelTempering, [ParallelTempering, Metropolis],
            help: "parallel-tempering: Metropolis sweeps plus replica swaps between neighbouring temperatures; metropolis: independent chains.");
        public static readonly Parameter<int> Sweeps = Parameter.Integer("sweeps", "Measurement sweeps", 4000, 10, 100_000_000, help: "Sweeps measured per sample (one sweep = N attempted flips at every temperature).");
        public static readonly Parameter<int> Warmup = Parameter.Integer("warmup", "Warm-up sweeps", 1000, 0, 100_000_000, help: "Sweeps discarded before measuring.");
        public static readonly Parameter<bool> Exact = Parameter.Boolean("exact", "Exact enumeration", true, help: $"For N ≤ {MaxExactN}, also enumerate all 2^N states of every sample (⟨q²⟩ too for N ≤ {MaxExactOverlapN}) as the reference.");
        public static readonly Parameter<bool> UntilEquilibrated = Parameter.Boolean("untilEquilibrated", "Until equilibrated", false,
            help: $"While the energy-overlap identity fails at some temperature, simulate every sample again with twice the warm-up, at most {MaxRounds} times in all.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.N, Declared.Samples, Declared.TMin, Declared.TMax, Declared.Temperatures, Declared.Algorithm, Declared.Sweeps,
        Declared.Warmup, Declared.Exact, Declared.UntilEquilibrated);

    public static SkParameters From(ParameterValues p) =>
        new(Declared.N.Of(p), Declared.Samples.Of(p), Declared.TMin.Of(p), Declared.TMax.Of(p), Declared.Temperatures.Of(p), Declared.Algorithm.Of(p), Declared.Sweeps.Of(p), Declared.Warmup.Of(p), Declared.Exact.Of(p),
            Declared.UntilEquilibrated.Of(p));

    public bool Enumerate => Exact && N <= MaxExactN;

    /// <summary>Temperatures from tMax down to tMin, geometrically spaced (so β increases along the ladder).</summary>
    public double[] Betas() =>
        Temperatures == 1 ? [1 / TMin] : Enumerable.Range(0, Temperatures).Select(k => 1 / (TMax * Math.Pow(TMin / TMax, k / (Temperatures - 1.0)))).ToArray();

    public IEnumerable<FieldError> Validate()
    {
        if (Temperatures > 1 && TMax <= TMin)
            yield return new FieldError(Declared.TMax.Name, "The highest temperature must be above the lowest when the ladder has more than one temperature.");
    }

    /// <summary>
    /// Memory: couplings (double and float), 2 × temperatures replicas. Work: N attempts per sweep plus an O(N) field
    /// update per accepted flip, over every simulation the until-equilibrated mode may run, plus enumeration.
    /// </summary>
    public ResourceEstimate Estimate()
    {
        var n = (double)N;
        var memory = 12 * n * n + 2.0 * Temperatures * 8 * n;
        var sweeps = (double)Sweeps + Warmup;
        if (UntilEquilibrated)
        {
            // Warm-ups w, 2w, 4w, … (or S, 2S, … after none) with the measured sweeps each time.
            var first = Warmup > 0 ? (double)Warmup : Sweeps;
            sweeps = MaxRounds * (double)Sweeps + Warmup + first * (Math.Pow(2, MaxRounds - 1) - 1) * (Warmup > 0 ? 2 : 1);
        }
        // A sweep costs N attempts plus N per accepted flip; about a quarter are accepted averaged over a ladder around T_c.
        var work = (double)Samples * 2 * Temperatures * sweeps * n * (1 + n / 4);
        if (Enumerate)
        {
            memory += 8 * Math.Pow(2, N - 1);
            work += (UntilEquilibrated ? MaxRounds : 1) * Samples * Math.Pow(2, N - 1) * (n + Temperatures * (N <= MaxExactOverlapN ? n * n : 1));
        }
        return new(memory, work);
    }
}
