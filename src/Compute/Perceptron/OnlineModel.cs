using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Stats;
using Compute.Perceptron.Theory;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Perceptron;

/// <summary>
/// <c>perceptron.online</c>: on-line learning of a spherical teacher from a stream of fresh Gaussian examples with the
/// Hebb, perceptron, AdaTron or hinge-SGD rule, J ← J + f(λ, u) ξ/√N. Records R = J·T/N, Q = |J|²/N and
/// ε = arccos(R/√Q)/π (the exact generalization error of the current J for Gaussian inputs) against t = steps/N,
/// averaged over independent runs, and compares with the N → ∞ ODEs of <see cref="OnlineLearningTheory"/>.
/// </summary>
public sealed class OnlineModel : IModelType
{
    public const string Id = "perceptron.online";

    public ModelTypeInfo Info { get; } = new(
        Id, "Perceptron", "On-line learning dynamics",
        "A perceptron learns a teacher from one fresh example per step (Hebb, perceptron rule, AdaTron, or SGD on the hinge loss). " +
        "The order parameters R(t), Q(t) and the generalization error follow deterministic ODEs as N → ∞; the simulation is drawn over their numerical solution.",
        OnlineParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        OnlineParameters.Declared.N.Is(200), OnlineParameters.Declared.Rule.Is("perceptron"), OnlineParameters.Declared.TMax.Is(10.0),
        OnlineParameters.Declared.Checkpoints.Is(10), OnlineParameters.Declared.Samples.Is(10));

    public ResourceEstimate? Estimate(ParameterValues parameters) => OnlineParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = OnlineParameters.From(parameters);
        if (p.Rule != OnlineRule.Hebb && p.Q0 == 0)
            yield return new FieldError(OnlineParameters.Declared.Q0.Name, "Error-driven rules need J ≠ 0 at t = 0: with J = 0 the student's output sign(J·ξ) is undefined and the ODE for ρ = R/√Q is singular. Use q0 > 0.");
        foreach (var e in p.Estimate().Against(limits, OnlineParameters.Declared.N.Name)) yield return e;
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = OnlineParameters.From(spec.Parameters);
        var times = p.Times();
        var r = new double[p.Checkpoints, p.Samples];
        var q = new double[p.Checkpoints, p.Samples];
        var done = 0;
        var stage = context.Stage("runs");
        var first = context.Series("epsilon_run1", "t = steps/N", "ε of the first run");
        context.For(p.Samples, () => new OnlineWorkspace(p.N), (s, ws) =>
        {
            if (!RunSample(p, times, ws, new Rng((ulong)spec.Seed, (ulong)s), r, q, s, s == 0 ? first : null, context.Cancellation, out var diverged))
                throw context.Fail(Id, $"On-line {p.Rule}: |J|² diverged by t = {diverged:0.###} (reduce the learning rate).");
            var finished = Interlocked.Increment(ref done);
            stage.Report(finished, p.Samples, $"run {finished}/{p.Samples}");
        });
        return BuildResult(p, times, r, q);
    }

    /// <summary>One independent run; false (with the time it happened) when |J|² stopped being finite.</summary>
    private static bool RunSample(OnlineParameters p, double[] times, OnlineWorkspace ws, Rng rng, double[,] r, double[,] q, int s, LiveSeries? live, CancellationToken ct, out double diverged)
    {
        diverged = double.NaN;
        var n = p.N;
        rng.FillNormal(ws.Teacher);
        TensorPrimitives.Multiply(ws.Teacher, MathF.Sqrt(n) / TensorPrimitives.Norm(ws.Teacher), ws.Teacher);
        if (p.Q0 > 0)
        {
            rng.FillNormal(ws.Student);
            TensorPrimitives.Multiply(ws.Student, (float)Math.Sqrt(p.Q0 * n) / TensorPrimitives.Norm(ws.Student), ws.Student);
        }
        else
        {
            Array.Clear(ws.Student);
        }
        long step = 0;
        for (var k = 0; k < times.Length; k++)
        {
            var target = (long)Math.Round(times[k] * n);
            for (; step < target; step++)
            {
                if ((step & 255) == 0) ct.ThrowIfCancellationRequested();
                Step(p.Rule, p.LearningRate, p.Kappa, ws.Teacher, ws.Student, ws.Input, ref rng);
            }
            r[k, s] = TensorPrimitives.Dot(ws.Student, ws.Teacher) / (double)n;
            q[k, s] = TensorPrimitives.Dot(ws.Student, ws.Student) / (double)n;
            if (!double.IsFinite(q[k, s]))
            {
                diverged = times[k];
                return false;
            }
            live?.Add(times[k], OnlineLearningTheory.GeneralizationError(r[k, s], q[k, s]));
        }
        return true;
    }

    /// <summary>
    /// One on-line step: draws ξ ~ N(0, I_N) into <paramref name="x"/>, u = T·ξ/√N, λ = J·ξ/√N, y = sign(u),
    /// and J ← J + f ξ/√N with f from the rule (see <see cref="OnlineLearningTheory"/>). Allocates nothing.
    /// </summary>
    public static void Step(OnlineRule rule, double eta, double kappa, ReadOnlySpan<float> teacher, Span<float> student, Span<float> x, ref Rng rng)
    {
        var invSqrtN = 1 / Math.Sqrt(x.Length);
        rng.FillNormal(x);
        var u = TensorPrimitives.Dot(teacher, x) * invSqrtN;
        var lambda = TensorPrimitives.Dot(student, x) * invSqrtN;
        var y = u >= 0 ? 1.0 : -1.0;
        var f = rule switch
        {
            OnlineRule.Hebb => eta * y,
            OnlineRule.Perceptron => y * lambda <= 0 ? eta * y : 0,
            OnlineRule.AdaTron => y * lambda <= 0 ? -eta * lambda : 0,
            OnlineRule.Hinge => y * lambda < kappa ? eta * y : 0,
            _ => 0,
        };
        if (f != 0) TensorPrimitives.MultiplyAdd(x, (float)(f * invSqrtN), student, student);
    }

    private static ResultDocument BuildResult(OnlineParameters p, double[] times, double[,] r, double[,] q)
    {
        var k = times.Length;
        double[] rMean = new double[k], rErr = new double[k], qMean = new double[k], qErr = new double[k], eMean = new double[k], eErr = new double[k];
        var row = new double[p.Samples];
        for (var i = 0; i < k; i++)
        {
            for (var s = 0; s < p.Samples; s++) row[s] = r[i, s];
            (rMean[i], rErr[i]) = Statistics.MeanAndError(row);
            for (var s = 0; s < p.Samples; s++) row[s] = q[i, s];
            (qMean[i], qErr[i]) = Statistics.MeanAndError(row);
            for (var s = 0; s < p.Samples; s++) row[s] = OnlineLearningTheory.GeneralizationError(r[i, s], q[i, s]);
            (eMean[i], eErr[i]) = Statistics.MeanAndError(row);
        }
        var dense = Enumerable.Range(1, 200).Select(i => p.TMax * i / 200).ToArray();
        var (rTh, qTh) = OnlineLearningTheory.Integrate(p.Rule, p.LearningRate, p.Kappa, p.Q0, dense);
        var eTh = rTh.Select((rv, i) => OnlineLearningTheory.GeneralizationError(rv, qTh[i])).ToArray();
        var (rAt, qAt) = OnlineLearningTheory.Integrate(p.Rule, p.LearningRate, p.Kappa, p.Q0, times);
        var last = k - 1;
        var eAt = OnlineLearningTheory.GeneralizationError(rAt[last], qAt[last]);
        const string source = "Biehl & Schwarze (1992, 1995); Engel & Van den Broeck (2001), ch. 9 — ODEs integrated by Dormand-Prince 5(4)";
        Check Agreement(string name, double v, double e, double reference) =>
            Check.WithinSigma(name, v, e, reference, source, note: "σ: standard error over runs; O(1/√N) fluctuations, O(1/N) bias not included");

        Figure Plot(string id, string title, string yTitle, double[] sim, double[] err, double[] theory) => new()
        {
            Id = id, Title = title, XAxis = new Axis("t = steps/N"), YAxis = new Axis(yTitle),
            Traces =
            [
                new Trace { Name = "simulation", X = times, Y = sim, ErrorY = err, Style = TraceStyle.Markers },
                new Trace { Name = "ODE (N → ∞)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = dense, Y = theory },
            ],
        };

        return new ResultDocument
        {
            ModelType = Id,
            Summary = $"On-line {p.Rule.ToString().ToLowerInvariant()}, η = {p.LearningRate:0.###}, N = {p.N}, {p.Samples} runs: ε({times[last]:0.###}) = {eMean[last]:0.0000} ± {eErr[last]:0.0000} (ODE {eAt:0.0000}).",
            Conventions = "Spherical teacher |T|² = N, Gaussian inputs ξ ~ N(0, I_N), one fresh example per step, t = steps/N. Update J ← J + f ξ/√N with " +
                          "u = T·ξ/√N, λ = J·ξ/√N, y = sign(u): Hebb f = η y; perceptron f = η y θ(−yλ); AdaTron f = −η λ θ(−yλ); hinge f = η y θ(κ − yλ). " +
                          $"R = J·T/N, Q = |J|²/N (Q(0) = {p.Q0:0.###}, R(0) ≈ 0), ε = arccos(R/√Q)/π. Error bars: one standard error over independent runs.",
            Metrics =
            [
                new Metric("epsilon_final", $"ε at t = {times[last]:0.###}", eMean[last], eErr[last]),
                new Metric("R_final", $"R at t = {times[last]:0.###}", rMean[last], rErr[last]),
                new Metric("Q_final", $"Q at t = {times[last]:0.###}", qMean[last], qErr[last]),
                new Metric("epsilon_ode", "ε from the ODE", eAt),
            ],
            Series =
            [
                new Series("R", "t", "R", times, rMean, rErr),
                new Series("Q", "t", "Q", times, qMean, qErr),
                new Series("epsilon", "t", "ε", times, eMean, eErr),
            ],
            Figures =
            [
                Plot("epsilon", "Generalization error", "ε", eMean, eErr, eTh),
                Plot("R", "Teacher-student overlap R = J·T/N", "R", rMean, rErr, rTh),
                Plot("Q", "Student norm Q = |J|²/N", "Q", qMean, qErr, qTh),
            ],
            Checks =
            [
                Agreement($"ε at t = {times[last]:0.###}", eMean[last], eErr[last], eAt),
                Agreement($"R at t = {times[last]:0.###}", rMean[last], rErr[last], rAt[last]),
                Agreement($"Q at t = {times[last]:0.###}", qMean[last], qErr[last], qAt[last]),
            ],
        };
    }
}

/// <summary>Buffers of one worker of <c>perceptron.online</c>.</summary>
public sealed class OnlineWorkspace(int n)
{
    public float[] Teacher { get; } = new float[n];
    public float[] Student { get; } = new float[n];
    public float[] Input { get; } = new float[n];
}
