using Compute.Perceptron.Theory;
using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.online</c>.</summary>
public sealed record OnlineParameters(int N, OnlineRule Rule, double LearningRate, double Kappa, double Q0, double TMax, int Checkpoints, int Samples)
{
    public static readonly string[] RuleNames = ["hebb", "perceptron", "adatron", "hinge"];

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> N = Parameter.Integer("N", "Input dimension N", 500, 10, 20_000, help: "Number of inputs and weights.");
        public static readonly Parameter<string> Rule = Parameter.Choice("rule", "On-line rule", "perceptron", RuleNames,
            help: "hebb: J += η y ξ/√N. perceptron: the same only on errors. adatron: J += −η λ ξ/√N on errors (λ = J·ξ/√N). hinge: SGD on max(0, κ − yλ).");
        public static readonly Parameter<double> LearningRate = Parameter.Real("learningRate", "Learning rate η", 1, 1e-3, 10, help: "Step size; each step moves J by η·(rule)·ξ/√N.");
        public static readonly Parameter<double> Kappa = Parameter.Real("kappa", "Hinge margin κ", 0.5, 0, 10, help: "Only for hinge: updates while y λ < κ, with λ = J·ξ/√N (not normalized by |J|).").OnlyWhen(Rule, "hinge");
        public static readonly Parameter<double> Q0 = Parameter.Real("q0", "Initial Q = |J|²/N", 1, 0, 100, help: "The student starts as a random vector with this squared norm per component (0 allowed for Hebb only).");
        public static readonly Parameter<double> TMax = Parameter.Real("tMax", "Final t = steps/N", 10, 0.1, 500, help: "One fresh Gaussian example per step.");
        public static readonly Parameter<int> Checkpoints = Parameter.Integer("checkpoints", "Measurement points", 20, 2, 500, help: "Evenly spaced times at which R, Q and ε are recorded.");
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Independent runs", 10, 2, 1000, help: "Independent teachers, initial students and example streams; error bars from their spread.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.N, Declared.Rule, Declared.LearningRate, Declared.Kappa, Declared.Q0, Declared.TMax, Declared.Checkpoints,
        Declared.Samples);

    public static OnlineParameters From(ParameterValues p) => new(
        Declared.N.Of(p), Enum.Parse<OnlineRule>(Declared.Rule.Of(p), ignoreCase: true), Declared.LearningRate.Of(p), Declared.Kappa.Of(p), Declared.Q0.Of(p),
        Declared.TMax.Of(p), Declared.Checkpoints.Of(p), Declared.Samples.Of(p));

    public double[] Times() => Enumerable.Range(1, Checkpoints).Select(k => TMax * k / Checkpoints).ToArray();

    public ResourceEstimate Estimate() =>
        new(MemoryBytes: 4.0 * 3 * N * Math.Max(1, Environment.ProcessorCount), Work: (double)Samples * TMax * N * N * 5);
}
