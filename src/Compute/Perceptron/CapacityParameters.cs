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

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<string> Sizes = Parameter.Choice("sizes", "Sizes N", "25,50,100", SizeChoices, help: "The input dimensions simulated in one run; finite-size curves cross near α_c.");
        public static readonly Parameter<double> AlphaMin = Parameter.Real("alphaMin", "Smallest α = P/N", 1.0, 0.05, 10);
        public static readonly Parameter<double> AlphaMax = Parameter.Real("alphaMax", "Largest α = P/N", 3.0, 0.1, 10);
        public static readonly Parameter<int> AlphaPoints = Parameter.Integer("alphaPoints", "α points", 9, 2, 60, help: "Evenly spaced α values; P = round(αN).");
        public static readonly Parameter<int> Instances = Parameter.Integer("instances", "Instances per point", 60, 4, 10_000, help: "Independent random pattern sets per (N, α); the fraction solved has a binomial error.");
        public static readonly Parameter<double> Kappa = Parameter.Real("kappa", "Margin κ", 0, 0, 3, help: "Required stability y J·ξ/|J| ≥ κ of every pattern (J·ξ/|J| ~ N(0,1)).");
        public static readonly Parameter<string> Weights = Parameter.Choice("weights", "Weights", "spherical", ["spherical", "binary"], help: "Real-valued J, or J_i = ±1.");
        public static readonly Parameter<string> Inputs = Parameter.Choice("inputs", "Patterns", "gaussian", ["gaussian", "binary"], help: "ξ_i ~ N(0,1) or ξ_i = ±1.");
        public static readonly Parameter<string> Solver = Parameter.Choice("solver", "Solver", "exact", Solvers,
            help: "exact: the instance's maximal stability by least-distance programming (spherical). perceptron: perceptron rule with margin and an epoch budget (spherical). " +
            "sbpi, clipped-perceptron: binary weights with an epoch budget.");
        public static readonly Parameter<int> Epochs = Parameter.Integer("epochs", "Epoch budget", 1000, 1, 1_000_000, help: "Passes through the patterns before an instance counts as unsolved (budgeted solvers).").OnlyWhen(Solver, "perceptron", "sbpi", "clipped-perceptron");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.Sizes, Declared.AlphaMin, Declared.AlphaMax, Declared.AlphaPoints, Declared.Instances, Declared.Kappa, Declared.Weights,
        Declared.Inputs, Declared.Solver, Declared.Epochs);

    public static CapacityParameters From(ParameterValues p) => new(
        Declared.Sizes.Of(p).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
        Declared.AlphaMin.Of(p), Declared.AlphaMax.Of(p), Declared.AlphaPoints.Of(p), Declared.Instances.Of(p), Declared.Kappa.Of(p),
        Declared.Weights.Of(p) == "binary", Declared.Inputs.Of(p) == "binary" ? InputKind.Binary : InputKind.Gaussian,
        Declared.Solver.Of(p), Declared.Epochs.Of(p));

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
