using Shared.Models;

namespace Compute.EnergyModels.Ising;

/// <summary>Typed parameters of <c>ebm.ising</c>.</summary>
public sealed record IsingParameters(int L, double BetaMin, double BetaMax, int BetaPoints, string Algorithm, int Sweeps, int Warmup)
{
    public const string Metropolis = "metropolis", HeatBath = "heat-bath", Wolff = "wolff";

    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Integer("L", "Linear size L", 16, 2, 8192, help: "Periodic L × L square lattice, N = L² spins. Checkerboard updates need L even."),
        ParameterSpec.Real("betaMin", "Smallest β", 0.30, -10, 10, unit: "1/J", help: "Inverse temperature β = J/k_BT of the first point (β ≥ 0; β_c = 0.4406868)."),
        ParameterSpec.Real("betaMax", "Largest β", 0.60, -10, 10, unit: "1/J", help: "Inverse temperature of the last point; the points are evenly spaced in β."),
        ParameterSpec.Integer("betaPoints", "Number of β points", 7, 1, 200, help: "Independent simulations at evenly spaced β from the smallest to the largest."),
        ParameterSpec.Choice("algorithm", "Update", Metropolis, [Metropolis, HeatBath, Wolff],
            help: "metropolis / heat-bath: checkerboard single-spin updates (multi-spin coded, 64 sites per word); wolff: cluster flips (fast near β_c)."),
        ParameterSpec.Integer("sweeps", "Measurement sweeps", 4000, 100, 100_000_000, help: "Sweeps measured per β (one sweep = N attempted flips, or Wolff clusters flipping ≈ N spins)."),
        ParameterSpec.Integer("warmup", "Warm-up sweeps", 1000, 0, 100_000_000, help: "Sweeps discarded per β before measuring (cold start above β_c, hot start below)."),
    ]);

    public static IsingParameters From(ParameterValues p) =>
        new(p.Int("L"), p.Real("betaMin"), p.Real("betaMax"), p.Int("betaPoints"), p.Choice("algorithm"), p.Int("sweeps"), p.Int("warmup"));

    public bool Checkerboard => Algorithm != Wolff;

    public double[] Betas() =>
        BetaPoints == 1 ? [BetaMin] : Enumerable.Range(0, BetaPoints).Select(i => BetaMin + (BetaMax - BetaMin) * i / (BetaPoints - 1)).ToArray();

    public IEnumerable<FieldError> Validate()
    {
        if (BetaMin < 0 || BetaMax < 0)
            yield return new FieldError(BetaMin < 0 ? "betaMin" : "betaMax",
                "β must be ≥ 0: a negative β is a negative temperature, where the ferromagnet's weights favour antiparallel neighbours; this model covers 0 ≤ T ≤ ∞ (β = 0 is infinite temperature).");
        if (BetaPoints > 1 && BetaMax < BetaMin)
            yield return new FieldError("betaMax", "The largest β must not be smaller than the smallest β.");
        if (Algorithm == Metropolis && BetaMin == 0)
            yield return new FieldError("betaMin",
                "At β = 0 checkerboard Metropolis accepts every flip, so each sweep just inverts the lattice and never samples; use heat-bath or wolff, or start at β > 0.");
        if (Checkerboard && L % 2 != 0)
            yield return new FieldError("L", $"L must be even for checkerboard {Algorithm} updates (the two sublattices must alternate around the periodic lattice); use L = {L + 1} or the wolff update.");
    }

    /// <summary>Memory: packed lattice or byte lattice plus cluster stack, and two doubles per measured sweep. Work: spin updates.</summary>
    public ResourceEstimate Estimate()
    {
        var n = (double)L * L;
        var lattice = Checkerboard ? n / 4 : n * 5;
        return new(MemoryBytes: lattice + 16.0 * Sweeps + 2 * n, Work: (double)BetaPoints * (Sweeps + (double)Warmup) * n);
    }
}
