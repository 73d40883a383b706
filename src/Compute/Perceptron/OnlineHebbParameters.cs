using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.online-hebb</c>.</summary>
public sealed record OnlineHebbParameters(int N, double AlphaMax, int Checkpoints, int Samples, int TestSize)
{
    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Integer("N", "Input dimension N", 500, 10, 100_000, help: "Number of inputs (and weights) of teacher and student."),
        ParameterSpec.Real("alphaMax", "Final α = t/N", 10, 0.1, 200, help: "Training time in units of N examples; one fresh example per step."),
        ParameterSpec.Integer("checkpoints", "Measurement points", 20, 2, 200, help: "α values (evenly spaced up to the final α) at which R and the test error are measured."),
        ParameterSpec.Integer("samples", "Independent samples", 10, 2, 1000, help: "Independent teacher-student pairs; error bars come from their spread."),
        ParameterSpec.Integer("testSize", "Test inputs per measurement", 2000, 100, 1_000_000, help: "Fresh inputs on which the generalization error is measured."),
    ]);

    public static OnlineHebbParameters From(ParameterValues p) =>
        new(p.Int("N"), p.Real("alphaMax"), p.Int("checkpoints"), p.Int("samples"), p.Int("testSize"));

    public ResourceEstimate Estimate() =>
        new(MemoryBytes: 8.0 * N * 4, Work: (double)Samples * N * (AlphaMax * N * 2 + (double)Checkpoints * TestSize * 2));
}
