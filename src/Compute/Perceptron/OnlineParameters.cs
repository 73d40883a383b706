using Compute.Perceptron.Theory;
using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.online</c>.</summary>
public sealed record OnlineParameters(int N, OnlineRule Rule, double LearningRate, double Kappa, double Q0, double TMax, int Checkpoints, int Samples)
{
    public static readonly string[] RuleNames = ["hebb", "perceptron", "adatron", "hinge"];

    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Integer("N", "Input dimension N", 500, 10, 20_000, help: "Number of inputs and weights."),
        ParameterSpec.Choice("rule", "On-line rule", "perceptron", RuleNames,
            help: "hebb: J += η y ξ/√N. perceptron: the same only on errors. adatron: J += −η λ ξ/√N on errors (λ = J·ξ/√N). hinge: SGD on max(0, κ − yλ)."),
        ParameterSpec.Real("learningRate", "Learning rate η", 1, 1e-3, 10, help: "Step size; each step moves J by η·(rule)·ξ/√N."),
        ParameterSpec.Real("kappa", "Hinge margin κ", 0.5, 0, 10, help: "Only for hinge: updates while y λ < κ, with λ = J·ξ/√N (not normalized by |J|)."),
        ParameterSpec.Real("q0", "Initial Q = |J|²/N", 1, 0, 100, help: "The student starts as a random vector with this squared norm per component (0 allowed for Hebb only)."),
        ParameterSpec.Real("tMax", "Final t = steps/N", 10, 0.1, 500, help: "One fresh Gaussian example per step."),
        ParameterSpec.Integer("checkpoints", "Measurement points", 20, 2, 500, help: "Evenly spaced times at which R, Q and ε are recorded."),
        ParameterSpec.Integer("samples", "Independent runs", 10, 2, 1000, help: "Independent teachers, initial students and example streams; error bars from their spread."),
    ]);

    public static OnlineParameters From(ParameterValues p) => new(
        p.Int("N"), Enum.Parse<OnlineRule>(p.Choice("rule"), ignoreCase: true), p.Real("learningRate"), p.Real("kappa"), p.Real("q0"),
        p.Real("tMax"), p.Int("checkpoints"), p.Int("samples"));

    public double[] Times() => Enumerable.Range(1, Checkpoints).Select(k => TMax * k / Checkpoints).ToArray();

    public ResourceEstimate Estimate() =>
        new(MemoryBytes: 4.0 * 3 * N * Math.Max(1, Environment.ProcessorCount), Work: (double)Samples * TMax * N * N * 5);
}
