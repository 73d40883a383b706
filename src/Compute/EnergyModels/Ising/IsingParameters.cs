using Shared.Models;

namespace Compute.EnergyModels.Ising;

/// <summary>Typed parameters of <c>ebm.ising</c>.</summary>
public sealed record IsingParameters(int L, double BetaMin, double BetaMax, int BetaPoints, string Algorithm, int Sweeps, int Warmup, bool UntilEquilibrated)
{
    /// <summary>Measurement rounds at most per β in the until-equilibrated mode.</summary>
    public const int MaxRounds = 4;

    public const string Metropolis = "metropolis", HeatBath = "heat-bath", Wolff = "wolff";

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> L = Parameter.Integer("L", "Linear size L", 16, 2, 8192, help: "Periodic L × L square lattice, N = L² spins. Checkerboard updates need L even.");
        public static readonly Parameter<double> BetaMin = Parameter.Real("betaMin", "Smallest β", 0.30, -10, 10, unit: "1/J", help: "Inverse temperature β = J/k_BT of the first point (β ≥ 0; β_c = 0.4406868).");
        public static readonly Parameter<double> BetaMax = Parameter.Real("betaMax", "Largest β", 0.60, -10, 10, unit: "1/J", help: "Inverse temperature of the last point; the points are evenly spaced in β.");
        public static readonly Parameter<int> BetaPoints = Parameter.Integer("betaPoints", "Number of β points", 7, 1, 200, help: "Independent simulations at evenly spaced β from the smallest to the largest.");
        public static readonly Parameter<string> Algorithm = Parameter.Choice("algorithm", "Update", Metropolis, [Metropolis, HeatBath, Wolff],
            help: "metropolis / heat-bath: checkerboard single-spin updates (multi-spin coded, 64 sites per word); wolff: cluster flips (fast near β_c).");
        public static readonly Parameter<int> Sweeps = Parameter.Integer("sweeps", "Measurement sweeps", 4000, 100, 100_000_000, help: "Sweeps measured per β (one sweep = N attempted flips, or Wolff clusters flipping ≈ N spins).");
        public static readonly Parameter<int> Warmup = Parameter.Integer("warmup", "Warm-up sweeps", 1000, 0, 100_000_000, help: "Sweeps discarded per β before measuring (cold start above β_c, hot start below).");
        public static readonly Parameter<bool> UntilEquilibrated = Parameter.Boolean("untilEquilibrated", "Until equilibrated", false,
            help: $"When the energy's two halves of the measurement disagree, treat the measurement as more warm-up and measure again (at most {MaxRounds} rounds per β).");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.L, Declared.BetaMin, Declared.BetaMax, Declared.BetaPoints, Declared.Algorithm, Declared.Sweeps, Declared.Warmup,
        Declared.UntilEquilibrated);

    public static IsingParameters From(ParameterValues p) =>
        new(Declared.L.Of(p), Declared.BetaMin.Of(p), Declared.BetaMax.Of(p), Declared.BetaPoints.Of(p), Declared.Algorithm.Of(p), Declared.Sweeps.Of(p), Declared.Warmup.Of(p),
            Declared.UntilEquilibrated.Of(p));

    public bool Checkerboard => Algorithm != Wolff;

    public double[] Betas() =>
        BetaPoints == 1 ? [BetaMin] : Enumerable.Range(0, BetaPoints).Select(i => BetaMin + (BetaMax - BetaMin) * i / (BetaPoints - 1)).ToArray();

    public IEnumerable<FieldError> Validate()
    {
        if (BetaMin < 0 || BetaMax < 0)
            yield return new FieldError(BetaMin < 0 ? Declared.BetaMin.Name : "betaMax",
                "β must be ≥ 0: a negative β is a negative temperature, where the ferromagnet's weights favour antiparallel neighbours; this model covers 0 ≤ T ≤ ∞ (β = 0 is infinite temperature).");
        if (BetaPoints > 1 && BetaMax < BetaMin)
            yield return new FieldError(Declared.BetaMax.Name, "The largest β must not be smaller than the smallest β.");
        if (Algorithm == Metropolis && BetaMin == 0)
            yield return new FieldError(Declared.BetaMin.Name,
                "At β = 0 checkerboard Metropolis accepts every flip, so each sweep just inverts the lattice and never samples; use heat-bath or wolff, or start at β > 0.");
        if (Checkerboard && L % 2 != 0)
            yield return new FieldError(Declared.L.Name, $"L must be even for checkerboard {Algorithm} updates (the two sublattices must alternate around the periodic lattice); use L = {L + 1} or the wolff update.");
    }

    /// <summary>
    /// Memory: packed lattice or byte lattice plus cluster stack, and two doubles per measured sweep. Work: spin updates,
    /// with every measurement round the until-equilibrated mode may take.
    /// </summary>
    public ResourceEstimate Estimate()
    {
        var n = (double)L * L;
        var lattice = Checkerboard ? n / 4 : n * 5;
        var measured = (double)Sweeps * (UntilEquilibrated ? MaxRounds : 1);
        return new(MemoryBytes: lattice + 16.0 * Sweeps + 2 * n, Work: BetaPoints * (measured + Warmup) * n);
    }
}
