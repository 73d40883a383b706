using Compute.Numerics;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Perceptron.Amp;

/// <summary>
/// <c>perceptron.amp</c>: Bayes-optimal approximate message passing (GAMP) learns a teacher perceptron, Gaussian or ±1,
/// from P = αN examples y = sign(F w*), at finite N over a grid of α, next to its state evolution (the N → ∞ theory of
/// the same algorithm, iteration by iteration) and the Bayes-optimal replica curve; for the ±1 teacher it computes the
/// information-theoretic threshold of perfect learning and the algorithmic spinodal where AMP reaches it.
/// </summary>
public sealed class AmpModel : IModelType
{
    public const string Id = "perceptron.amp";

    public ModelTypeInfo Info { get; } = new(
        Id, "Perceptron", "Approximate message passing and state evolution",
        "Bayes-optimal generalized approximate message passing (GAMP) for the teacher-student perceptron with a Gaussian (spherical) or ±1 teacher. " +
        "Its overlap with the teacher at finite N is drawn against state evolution, the exact N → ∞ description of the algorithm, and against the " +
        "Bayes-optimal replica curve; for the binary teacher the first-order transition to perfect learning (α_IT) and the algorithmic threshold (α_alg) are computed.",
        AmpParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        AmpParameters.Declared.N.Is(400), AmpParameters.Declared.Teacher.Is("binary"), AmpParameters.Declared.AlphaMin.Is(0.4),
        AmpParameters.Declared.AlphaMax.Is(2.2), AmpParameters.Declared.AlphaPoints.Is(7), AmpParameters.Declared.Samples.Is(8),
        AmpParameters.Declared.Iterations.Is(60));

    public ResourceEstimate? Estimate(ParameterValues parameters) => AmpParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = AmpParameters.From(parameters);
        return p.Validate().Concat(p.Estimate().Against(limits, AmpParameters.Declared.N.Name));
    }

    /// <summary>What one instance gave: the final overlaps and the overlap with the teacher after each iteration.</summary>
    public readonly record struct InstanceOutcome(double Overlap, double SelfOverlap, double Error, double[] Trajectory);

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = AmpParameters.From(spec.Parameters);
        var alphas = p.Alphas();
        var theory = context.Stage("thresholds and state evolution", 1);
        var stage = context.Stage("AMP instances", 9);
        var jobs = alphas.Length * p.Samples;
        var outcome = new InstanceOutcome[jobs];
        var done = 0;
        var finishedPerAlpha = new int[alphas.Length];
        var live = context.Series("epsilon", "α", "ε of AMP (mean of finished instances)");
        var theoryResult = AmpTheory.Compute(p, alphas);
        theory.Report(1, 1);
        context.For(jobs, () => new AmpWorkspace(p.N, p.PatternCount(p.AlphaMax)), (job, ws) =>
        {
            var k = job / p.Samples;
            outcome[job] = Solve(p, p.PatternCount(alphas[k]), ws, new Rng((ulong)spec.Seed, (ulong)job), context.Cancellation);
            if (Interlocked.Increment(ref finishedPerAlpha[k]) == p.Samples)
                live.Add(alphas[k], outcome.AsSpan(k * p.Samples, p.Samples).ToArray().Average(o => o.Error));
            var finished = Interlocked.Increment(ref done);
            stage.Report(finished, jobs, $"instance {finished}/{jobs} (α = {alphas[k]:0.###})");
        });
        return AmpResult.Build(p, alphas, outcome, theoryResult);
    }

    /// <summary>One teacher, one data set of P examples, AMP from the prior; deterministic in the generator.</summary>
    public static InstanceOutcome Solve(AmpParameters p, int patterns, AmpWorkspace ws, Rng rng, CancellationToken ct)
    {
        int n = p.N;
        var teacher = ws.Teacher.AsSpan();
        if (p.Prior == AmpPrior.Binary)
            for (var i = 0; i < n; i++) teacher[i] = rng.NextSign();
        else
            rng.FillNormal(teacher);
        var f = ws.Data.AsSpan(0, patterns * n);
        rng.FillNormal(f);
        System.Numerics.Tensors.TensorPrimitives.Multiply(f, 1 / MathF.Sqrt(n), f);
        var y = ws.Labels.AsSpan(0, patterns);
        Gemm.Gemv(f, teacher, y, patterns, n);
        for (var mu = 0; mu < patterns; mu++) y[mu] = y[mu] >= 0 ? 1f : -1f;

        var trajectory = new double[p.Iterations + 1];
        var amp = ws.Amp;
        amp.Start(patterns);
        var converged = false;
        for (var t = 1; t <= p.Iterations; t++)
        {
            ct.ThrowIfCancellationRequested();
            if (!converged) converged = amp.Iterate(f, y, p.Prior) < 1e-12;
            trajectory[t] = amp.Overlap(teacher);
        }
        var m = amp.Overlap(teacher);
        var q = amp.SelfOverlap();
        var norm = System.Numerics.Tensors.TensorPrimitives.Dot(teacher, teacher) / (double)n;
        var r = q > 0 ? m / Math.Sqrt(q * norm) : 0;
        return new InstanceOutcome(m, q, Math.Acos(Math.Clamp(r, -1, 1)) / Math.PI, trajectory);
    }
}

/// <summary>Buffers of one worker of <c>perceptron.amp</c>.</summary>
public sealed class AmpWorkspace(int n, int maxPatterns)
{
    public float[] Teacher { get; } = new float[n];
    public float[] Data { get; } = new float[(long)maxPatterns * n];
    public float[] Labels { get; } = new float[maxPatterns];
    public Gamp Amp { get; } = new(n, maxPatterns);
}
