using System.Globalization;
using Compute.Perceptron.Learning;
using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.capacity</c>.</summary>
public sealed record CapacityParameters(
    int[] Sizes, double AlphaMin, double AlphaMax, int AlphaPoints, int Instances, double Kappa, bool BinaryWeights,
    InputKind Inputs, string Solver, int Epochs)
{
    public static readonly string[] SizeChoices = ["25,50,100", "50,100,200", "100,200,400", "50", "100", "200"];
    public static readonly string[] Solvers = ["exact", "perceptron", "sbpi", "clipped-perceptron"];

    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Choice("sizes", "Sizes N", "25,50,100", SizeChoices, help: "The input dimensions simulated in one run; finite-size curves cross near α_c."),
        ParameterSpec.Real("alphaMin", "Smallest α = P/N", 1.0, 0.05, 10),
        ParameterSpec.Real("alphaMax", "Largest α = P/N", 3.0, 0.1, 10),
        ParameterSpec.Integer("alphaPoints", "α points", 9, 2, 60, help: "Evenly spaced α values; P = round(αN)."),
        ParameterSpec.Integer("instances", "Instances per point", 60, 4, 10_000, help: "Independent random pattern sets per (N, α); the fraction solved has a binomial error."),
        ParameterSpec.Real("kappa", "Margin κ", 0, 0, 3, help: "Required stability y J·ξ/|J| ≥ κ of every pattern (J·ξ/|J| ~ N(0,1))."),
        ParameterSpec.Choice("weights", "Weights", "spherical", ["spherical", "binary"], help: "Real-valued J, or J_i = ±1."),
        ParameterSpec.Choice("inputs", "Patterns", "gaussian", ["gaussian", "binary"], help: "ξ_i ~ N(0,1) or ξ_i = ±1."),
        ParameterSpec.Choice("solver", "Solver", "exact", Solvers,
            help: "exact: the instance's maximal stability by least-distance programming (spherical). perceptron: perceptron rule with margin and an epoch budget (spherical). " +
                  "sbpi, clipped-perceptron: binary weights with an epoch budget."),
        ParameterSpec.Integer("epochs", "Epoch budget", 1000, 1, 1_000_000, help: "Passes through the patterns before an instance counts as unsolved (budgeted solvers)."),
    ]);

    public static CapacityParameters From(ParameterValues p) => new(
        p.Choice("sizes").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
        p.Real("alphaMin"), p.Real("alphaMax"), p.Int("alphaPoints"), p.Int("instances"), p.Real("kappa"),
        p.Choice("weights") == "binary", p.Choice("inputs") == "binary" ? InputKind.Binary : InputKind.Gaussian,
        p.Choice("solver"), p.Int("epochs"));

    public double[] Alphas() => Enumerable.Range(0, AlphaPoints).Select(k => AlphaMin + (AlphaMax - AlphaMin) * k / (AlphaPoints - 1)).ToArray();

    public static int PatternCount(double alpha, int n) => Math.Max(1, (int)Math.Round(alpha * n));

    public ResourceEstimate Estimate()
    {
        var threads = Math.Max(1, Environment.ProcessorCount);
        var memory = 0.0;
        var work = 0.0;
        foreach (var n in Sizes)
        {
            var pMax = PatternCount(AlphaMax, n);
            memory += threads * (8.0 * pMax * n + (Solver == "exact" ? MaximumMarginSolver.MemoryBytes(n, pMax) : 0));
            foreach (var alpha in Alphas())
            {
                double p = PatternCount(alpha, n);
                work += Instances * (Solver == "exact" ? p * p * n / 2 + 4.0 * n * n * p : p * n * (double)Epochs);
            }
        }
        return new ResourceEstimate(memory, work);
    }
}
