using Shared.Models;

namespace Compute.Perceptron.Amp;

/// <summary>Typed parameters of <c>perceptron.amp</c>.</summary>
public sealed record AmpParameters(int N, AmpPrior Prior, double AlphaMin, double AlphaMax, int AlphaPoints, int Samples, int Iterations)
{
    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> N = Parameter.Integer("N", "Input dimension N", 1000, 50, 4000, help: "Weights of the teacher; F is P × N with entries N(0, 1/N).");
        public static readonly Parameter<string> Teacher = Parameter.Choice("teacher", "Teacher prior", "binary", ["gaussian", "binary"],
            help: "gaussian: w*_i ~ N(0, 1) (the spherical perceptron); binary: w*_i = ±1. AMP uses the same prior (Bayes-optimal).");
        public static readonly Parameter<double> AlphaMin = Parameter.Real("alphaMin", "Smallest α = P/N", 0.25, 0.05, 10);
        public static readonly Parameter<double> AlphaMax = Parameter.Real("alphaMax", "Largest α = P/N", 2.5, 0.05, 10, help: "The α grid is evenly spaced from the smallest to the largest.");
        public static readonly Parameter<int> AlphaPoints = Parameter.Integer("alphaPoints", "α points", 10, 1, 60);
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Instances per α", 10, 2, 1000, help: "Independent teachers and data sets per α; error bars from their spread.");
        public static readonly Parameter<int> Iterations = Parameter.Integer("iterations", "AMP iterations", 100, 5, 5000,
            help: "Iterations of AMP and of state evolution compared step by step (AMP stops early once x̂ changes by less than 10⁻¹² per component).");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.N, Declared.Teacher, Declared.AlphaMin, Declared.AlphaMax, Declared.AlphaPoints, Declared.Samples, Declared.Iterations);

    public static AmpParameters From(ParameterValues p) => new(
        Declared.N.Of(p), Declared.Teacher.Of(p) == "binary" ? AmpPrior.Binary : AmpPrior.Gaussian, Declared.AlphaMin.Of(p), Declared.AlphaMax.Of(p),
        Declared.AlphaPoints.Of(p), Declared.Samples.Of(p), Declared.Iterations.Of(p));

    public double[] Alphas() =>
        AlphaPoints == 1 ? [AlphaMin] : Enumerable.Range(0, AlphaPoints).Select(k => AlphaMin + (AlphaMax - AlphaMin) * k / (AlphaPoints - 1)).ToArray();

    public int PatternCount(double alpha) => Math.Max(1, (int)Math.Round(alpha * N));

    public IEnumerable<FieldError> Validate()
    {
        if (AlphaPoints > 1 && AlphaMax <= AlphaMin) yield return new FieldError(Declared.AlphaMax.Name, "The largest α must exceed the smallest when there is more than one point.");
    }

    /// <summary>Memory: the data F (float) and AMP's vectors per thread. Work: two matrix-vector products per iteration.</summary>
    public ResourceEstimate Estimate()
    {
        double pMax = PatternCount(AlphaMax);
        var memory = Math.Max(1, Environment.ProcessorCount) * (4.0 * pMax * N + 16.0 * (pMax + N));
        var work = 0.0;
        foreach (var alpha in Alphas()) work += (double)Samples * PatternCount(alpha) * N * (2.0 * Iterations + 4);
        return new ResourceEstimate(memory, work);
    }
}
