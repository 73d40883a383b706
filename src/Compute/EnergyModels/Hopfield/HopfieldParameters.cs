using Shared.Models;

namespace Compute.EnergyModels.Hopfield;

/// <summary>Typed parameters of <c>ebm.hopfield</c>.</summary>
public sealed record HopfieldParameters(
    int N, string Variant, int Power, double AlphaMin, double AlphaMax, int AlphaPoints, int Networks, int Probes, double Noise, double Temperature, int MaxSweeps)
{
    public const string Hebbian = "hebbian", DensePower = "dense-power", DenseExp = "dense-exp";

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> N = Parameter.Integer("N", "Neurons N", 1000, 10, 20000, help: "Number of ±1 neurons.");
        public static readonly Parameter<string> Variant = Parameter.Choice("variant", "Energy", Hebbian, [Hebbian, DensePower, DenseExp],
            help: "hebbian: J_ij = (1/N)Σ_μ ξ_i^μ ξ_j^μ, J_ii = 0; dense-power: E = −Σ_μ F(ξ^μ·σ) with F(x) = xⁿ/(n N^{n−1}); dense-exp: F(x) = eˣ.");
        public static readonly Parameter<int> Power = Parameter.Integer("power", "Power n (dense-power)", 3, 2, 12, help: "Interaction order of the dense memory; n = 2 is the Hebbian energy up to a constant.").OnlyWhen(Variant, DensePower);
        public static readonly Parameter<double> AlphaMin = Parameter.Real("alphaMin", "Smallest load α = P/N", 0.02, 0.0001, 100, help: "Load of the first point; P = round(αN) patterns.");
        public static readonly Parameter<double> AlphaMax = Parameter.Real("alphaMax", "Largest load α", 0.2, 0.0001, 100, help: "Load of the last point (evenly spaced in between). Hebbian α_c = 0.138.");
        public static readonly Parameter<int> AlphaPoints = Parameter.Integer("alphaPoints", "Number of loads", 8, 1, 100, help: "Loads α simulated in one run.");
        public static readonly Parameter<int> Networks = Parameter.Integer("networks", "Networks per load", 4, 1, 1000, help: "Independent sets of random patterns per α.");
        public static readonly Parameter<int> Probes = Parameter.Integer("probes", "Probed patterns per network", 5, 1, 1000, help: "Stored patterns used as (noisy) starting points; at most P.");
        public static readonly Parameter<double> Noise = Parameter.Real("noise", "Initial noise", 0.1, 0, 0.5, help: "Fraction of spins flipped at random in the starting pattern.");
        public static readonly Parameter<double> Temperature = Parameter.Real("temperature", "Temperature T", 0, 0, 100, help: "0: deterministic asynchronous updates (flip if the energy drops); T > 0: Glauber updates with β = 1/T.");
        public static readonly Parameter<int> MaxSweeps = Parameter.Integer("maxSweeps", "Sweeps", 50, 1, 100_000, help: "T = 0: sweeps until no spin flips, at most this many; T > 0: sweeps run, m averaged over the second half.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.N, Declared.Variant, Declared.Power, Declared.AlphaMin, Declared.AlphaMax, Declared.AlphaPoints, Declared.Networks,
        Declared.Probes, Declared.Noise, Declared.Temperature, Declared.MaxSweeps);

    public static HopfieldParameters From(ParameterValues p) =>
        new(Declared.N.Of(p), Declared.Variant.Of(p), Declared.Power.Of(p), Declared.AlphaMin.Of(p), Declared.AlphaMax.Of(p), Declared.AlphaPoints.Of(p), Declared.Networks.Of(p), Declared.Probes.Of(p),
            Declared.Noise.Of(p), Declared.Temperature.Of(p), Declared.MaxSweeps.Of(p));

    public double[] Alphas() =>
        AlphaPoints == 1 ? [AlphaMin] : Enumerable.Range(0, AlphaPoints).Select(i => AlphaMin + (AlphaMax - AlphaMin) * i / (AlphaPoints - 1)).ToArray();

    public int Patterns(double alpha) => Math.Max(1, (int)Math.Round(alpha * N));

    public IEnumerable<FieldError> Validate()
    {
        if (AlphaPoints > 1 && AlphaMax < AlphaMin) yield return new FieldError(Declared.AlphaMax.Name, "The largest load must not be smaller than the smallest.");
        if (Networks * Probes < 2) yield return new FieldError(Declared.Probes.Name, "At least two probes in total (networks × probed patterns) are needed for an error bar.");
        if (AlphaMin * N < 0.5) yield return new FieldError(Declared.AlphaMin.Name, $"α·N = {AlphaMin * N:0.###} rounds to no pattern at all; raise α or N.");
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
