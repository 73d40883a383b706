using Shared.Models;

namespace Compute.EnergyModels.Hopfield;

/// <summary>Typed parameters of <c>ebm.hopfield</c>.</summary>
public sealed record HopfieldParameters(
    int N, string Variant, int Power, double AlphaMin, double AlphaMax, int AlphaPoints, int Networks, int Probes, double Noise, double Temperature, int MaxSweeps)
{
    public const string Hebbian = "hebbian", DensePower = "dense-power", DenseExp = "dense-exp";

    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Integer("N", "Neurons N", 1000, 10, 20000, help: "Number of ±1 neurons."),
        ParameterSpec.Choice("variant", "Energy", Hebbian, [Hebbian, DensePower, DenseExp],
            help: "hebbian: J_ij = (1/N)Σ_μ ξ_i^μ ξ_j^μ, J_ii = 0; dense-power: E = −Σ_μ F(ξ^μ·σ) with F(x) = xⁿ/(n N^{n−1}); dense-exp: F(x) = eˣ."),
        ParameterSpec.Integer("power", "Power n (dense-power)", 3, 2, 12, help: "Interaction order of the dense memory; n = 2 is the Hebbian energy up to a constant."),
        ParameterSpec.Real("alphaMin", "Smallest load α = P/N", 0.02, 0.0001, 100, help: "Load of the first point; P = round(αN) patterns."),
        ParameterSpec.Real("alphaMax", "Largest load α", 0.2, 0.0001, 100, help: "Load of the last point (evenly spaced in between). Hebbian α_c = 0.138."),
        ParameterSpec.Integer("alphaPoints", "Number of loads", 8, 1, 100, help: "Loads α simulated in one run."),
        ParameterSpec.Integer("networks", "Networks per load", 4, 1, 1000, help: "Independent sets of random patterns per α."),
        ParameterSpec.Integer("probes", "Probed patterns per network", 5, 1, 1000, help: "Stored patterns used as (noisy) starting points; at most P."),
        ParameterSpec.Real("noise", "Initial noise", 0.1, 0, 0.5, help: "Fraction of spins flipped at random in the starting pattern."),
        ParameterSpec.Real("temperature", "Temperature T", 0, 0, 100, help: "0: deterministic asynchronous updates (flip if the energy drops); T > 0: Glauber updates with β = 1/T."),
        ParameterSpec.Integer("maxSweeps", "Sweeps", 50, 1, 100_000, help: "T = 0: sweeps until no spin flips, at most this many; T > 0: sweeps run, m averaged over the second half."),
    ]);

    public static HopfieldParameters From(ParameterValues p) =>
        new(p.Int("N"), p.Choice("variant"), p.Int("power"), p.Real("alphaMin"), p.Real("alphaMax"), p.Int("alphaPoints"), p.Int("networks"), p.Int("probes"),
            p.Real("noise"), p.Real("temperature"), p.Int("maxSweeps"));

    public double[] Alphas() =>
        AlphaPoints == 1 ? [AlphaMin] : Enumerable.Range(0, AlphaPoints).Select(i => AlphaMin + (AlphaMax - AlphaMin) * i / (AlphaPoints - 1)).ToArray();

    public int Patterns(double alpha) => Math.Max(1, (int)Math.Round(alpha * N));

    public IEnumerable<FieldError> Validate()
    {
        if (AlphaPoints > 1 && AlphaMax < AlphaMin) yield return new FieldError("alphaMax", "The largest load must not be smaller than the smallest.");
        if (Networks * Probes < 2) yield return new FieldError("probes", "At least two probes in total (networks × probed patterns) are needed for an error bar.");
        if (AlphaMin * N < 0.5) yield return new FieldError("alphaMin", $"α·N = {AlphaMin * N:0.###} rounds to no pattern at all; raise α or N.");
    }

    /// <summary>Memory: the N × P pattern matrix (float), overlaps and state. Work: overlap dot products per spin and sweep.</summary>
    public ResourceEstimate Estimate()
    {
        var pMax = (double)Patterns(AlphaMax);
        var perOverlap = Variant == Hebbian ? 2.0 : 2.0 + Power;
        var work = 0.0;
        foreach (var a in Alphas()) work += (double)Networks * (N * (double)Patterns(a) + Probes * (MaxSweeps + 2.0) * N * Patterns(a) * perOverlap);
        return new(MemoryBytes: 4 * N * pMax + 8 * pMax + 8.0 * N, Work: work);
    }
}
