using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.theory</c>.</summary>
public sealed record TheoryParameters(double AlphaMax, int Points, double KappaMax, int CoverN)
{
    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<double> AlphaMax = Parameter.Real("alphaMax", "Largest α for learning curves", 10, 0.5, 1000);
        public static readonly Parameter<int> Points = Parameter.Integer("points", "Points per curve", 80, 10, 1000, help: "Points of each ε(α) and α_c(κ) curve.");
        public static readonly Parameter<double> KappaMax = Parameter.Real("kappaMax", "Largest margin κ", 2, 0.1, 10);
        public static readonly Parameter<int> CoverN = Parameter.Integer("coverN", "N for Cover's curve", 100, 1, 100_000, help: "Input dimension of the finite-N separability curve (P from 1 to 4N).");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(Declared.AlphaMax, Declared.Points, Declared.KappaMax, Declared.CoverN);

    public static TheoryParameters From(ParameterValues p) => new(Declared.AlphaMax.Of(p), Declared.Points.Of(p), Declared.KappaMax.Of(p), Declared.CoverN.Of(p));

    /// <summary>Dominated by the Gibbs and maximal-stability solves (~10⁷ operations each) and Cover's O(N·P) sums.</summary>
    public ResourceEstimate Estimate() => new(8.0 * (Points + 8L * CoverN), 2e7 * Points + 4.0 * CoverN * CoverN);
}
