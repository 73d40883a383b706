using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Perceptron.Learning;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Perceptron;

/// <summary>
/// <c>perceptron.capacity</c>: storage capacity of the perceptron. For each N and α, random patterns with random labels
/// are generated and a solver decides whether a J with all stabilities y J·ξ/|J| ≥ κ exists. The fraction of solved
/// instances against α is compared with Cover's exact finite-N probability (κ = 0, spherical) and Gardner's α_c(κ);
/// for binary weights with the Krauth-Mézard α_c ≈ 0.833.
/// </summary>
public sealed partial class CapacityModel : IModelType, ISweepTheory
{
    public const string Id = "perceptron.capacity";

    public ModelTypeInfo Info { get; } = new(
        Id, "Perceptron", "Storage capacity",
        "How many random input-output associations can a perceptron store? For several N, the fraction of random pattern sets that can be " +
        "stored with margin κ, against α = P/N, with Cover's exact finite-N curve (κ = 0), Gardner's α_c(κ) and, for binary weights, α_c ≈ 0.833. " +
        "The exact solver also gives each instance's maximal stability.",
        CapacityParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        CapacityParameters.Declared.Sizes.Is("25,50,100"), CapacityParameters.Declared.AlphaMin.Is(1.2), CapacityParameters.Declared.AlphaMax.Is(2.8),
        CapacityParameters.Declared.AlphaPoints.Is(9), CapacityParameters.Declared.Instances.Is(30), CapacityParameters.Declared.Solver.Is("exact"));

    public ResourceEstimate? Estimate(ParameterValues parameters) => CapacityParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = CapacityParameters.From(parameters);
        var errors = new List<FieldError>();
        if (p.AlphaMax <= p.AlphaMin)
            errors.Add(new FieldError(CapacityParameters.Declared.AlphaMax.Name, $"alphaMax must exceed alphaMin ({p.AlphaMin})."));
        if (p.BinaryWeights && p.Solver is "exact" or "perceptron")
            errors.Add(new FieldError(CapacityParameters.Declared.Solver.Name, $"The {p.Solver} solver works with real-valued weights; for binary weights J_i = ±1 the problem is NP-hard in the worst case: use sbpi or clipped-perceptron (with an epoch budget)."));
        if (!p.BinaryWeights && p.Solver is "sbpi" or "clipped-perceptron")
            errors.Add(new FieldError(CapacityParameters.Declared.Solver.Name, $"{p.Solver} learns binary weights; set weights = binary, or use exact or perceptron for spherical weights."));
        if (p.BinaryWeights && p.Kappa > 0)
            errors.Add(new FieldError(CapacityParameters.Declared.Kappa.Name, "Binary weights are run at κ = 0 here (the 0.833 capacity of Krauth and Mézard is for κ = 0)."));
        errors.AddRange(p.Estimate().Against(limits, CapacityParameters.Declared.Instances.Name));
        return errors;
    }

    /// <summary>What one instance gave: solved or not, and the certified maximal stability (exact solver only, else NaN).</summary>
    public readonly record struct InstanceOutcome(bool Solved, double MaximalStability);

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = CapacityParameters.From(spec.Parameters);
        var alphas = p.Alphas();
        var perSize = alphas.Length * p.Instances;
        var jobs = p.Sizes.Length * perSize;
        var outcome = new InstanceOutcome[jobs];
        var done = 0;
        var stage = context.Stage("instances");
        context.For(jobs, () => new Dictionary<int, CapacityWorkspace>(), (job, workspaces) =>
        {
            var n = p.Sizes[job / perSize];
            var alpha = alphas[job % perSize / p.Instances];
            if (!workspaces.TryGetValue(n, out var ws)) workspaces[n] = ws = new CapacityWorkspace(n, CapacityParameters.PatternCount(p.AlphaMax, n), p.Solver == "exact");
            outcome[job] = Solve(p, n, CapacityParameters.PatternCount(alpha, n), ws, new Rng((ulong)spec.Seed, (ulong)job), context.Cancellation);
            var finished = Interlocked.Increment(ref done);
            stage.Report(finished, jobs, $"instance {finished}/{jobs} (N = {n}, α = {alpha:0.###})");
        });
        return CapacityResult.Build(p, alphas, outcome);
    }

    /// <summary>Generates one random instance (P patterns, random labels) and runs the solver on it.</summary>
    public static InstanceOutcome Solve(CapacityParameters p, int n, int patterns, CapacityWorkspace ws, Rng rng, CancellationToken ct)
    {
        var data = ws.Data;
        data.FillInputs(patterns, p.Inputs, ref rng);
        data.RandomLabels(ref rng);
        var j = ws.Weights.AsSpan();
        j.Clear();
        switch (p.Solver)
        {
            case "exact":
                var kappaMax = ws.Exact!.MaximalStability(data, ct);
                return new InstanceOutcome(p.Kappa == 0 ? kappaMax > 0 : kappaMax >= p.Kappa, kappaMax);
            case "perceptron":
                var solved = PerceptronRule.Train(data, j, p.Kappa, p.Epochs, ct).Solved;
                return new InstanceOutcome(solved && MinimalStability(data, j, ws.Fields) > p.Kappa, double.NaN);
            case "sbpi":
                return new InstanceOutcome(BinaryWeightRules.TrainSbpi(data, j, ws.Hidden, ws.Signs, p.Epochs, ref rng, ct).Solved, double.NaN);
            case "clipped-perceptron":
                return new InstanceOutcome(BinaryWeightRules.TrainClipped(data, j, ws.Hidden, p.Epochs, ct).Solved, double.NaN);
            default:
                throw new ArgumentException($"Unknown solver '{p.Solver}'.");
        }
    }

    // The certificate: min_μ y_μ J·ξ_μ/|J| of the returned weights.
    private static double MinimalStability(TrainingSet data, ReadOnlySpan<float> j, Span<float> fields)
    {
        var norm = TensorPrimitives.Norm(j);
        if (norm == 0) return double.NegativeInfinity;
        Gemm.Gemv(data.Z.AsSpan(0, data.P * data.N), j, fields, data.P, data.N);
        return TensorPrimitives.Min(fields[..data.P]) / (double)norm;
    }
}

/// <summary>Buffers of one worker of <c>perceptron.capacity</c> for one N.</summary>
public sealed class CapacityWorkspace
{
    public CapacityWorkspace(int n, int maxPatterns, bool exact)
    {
        Data = new TrainingSet(n, maxPatterns);
        Weights = new float[n];
        Hidden = new float[n];
        Signs = new float[n];
        Fields = new float[maxPatterns];
        Exact = exact ? new MaximumMarginSolver(n, maxPatterns) : null;
    }

    public TrainingSet Data { get; }
    public float[] Weights { get; }
    public float[] Hidden { get; }
    public float[] Signs { get; }
    public float[] Fields { get; }
    public MaximumMarginSolver? Exact { get; }
}
