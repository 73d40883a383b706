using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.online-hebb</c>.</summary>
public sealed record OnlineHebbParameters(int N, double AlphaMax, int Checkpoints, int Samples, int TestSize)
{
    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> N = Parameter.Integer("N", "Input dimension N", 500, 10, 100_000, help: "Number of inputs (and weights) of teacher and student.");
        public static readonly Parameter<double> AlphaMax = Parameter.Real("alphaMax", "Final α = t/N", 10, 0.1, 200, help: "Training time in units of N examples; one fresh example per step.");
        public static readonly Parameter<int> Checkpoints = Parameter.Integer("checkpoints", "Measurement points", 20, 2, 200, help: "α values (evenly spaced up to the final α) at which R and the test error are measured.");
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Independent samples", 10, 2, 1000, help: "Independent teacher-student pairs; error bars come from their spread.");
        public static readonly Parameter<int> TestSize = Parameter.Integer("testSize", "Test inputs per measurement", 2000, 100, 1_000_000, help: "Fresh inputs on which the generalization error is measured.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.N, Declared.AlphaMax, Declared.Checkpoints, Declared.Samples, Declared.TestSize);

    public static OnlineHebbParameters From(ParameterValues p) =>
        new(Declared.N.Of(p), Declared.AlphaMax.Of(p), Declared.Checkpoints.Of(p), Declared.Samples.Of(p), Declared.TestSize.Of(p));

    public ResourceEstimate Estimate() =>
        new(MemoryBytes: 8.0 * N * 4, Work: (double)Samples * N * (AlphaMax * N * 2 + (double)Checkpoints * TestSize * 2));
}
