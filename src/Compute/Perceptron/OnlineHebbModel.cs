using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Stats;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Perceptron;

/// <summary>
/// <c>perceptron.online-hebb</c>: a spherical student J learns a spherical teacher T (|T|² = N) from one
/// fresh Gaussian example per step by the Hebb rule J ← J + y x, y = sign(T·x). At evenly spaced α = t/N
/// it records the overlap R = J·T/(|J||T|) and the generalization error measured on fresh test inputs,
/// averaged over independent teacher-student pairs, against the exact curve ε(α) = arccos(√(2α/(2α+π)))/π.
/// </summary>
public sealed partial class OnlineHebbModel : IModelType, ISweepTheory
{
    public const string Id = "perceptron.online-hebb";

    public ModelTypeInfo Info { get; } = new(
        Id, "Perceptron", "Online Hebb learning (teacher-student)",
        "A spherical perceptron learns a random spherical teacher from a stream of Gaussian examples with the Hebb rule. " +
        "Measures the teacher-student overlap R and the test error against the exact learning curve.",
        OnlineHebbParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        OnlineHebbParameters.Declared.N.Is(200), OnlineHebbParameters.Declared.AlphaMax.Is(5.0), OnlineHebbParameters.Declared.Checkpoints.Is(10),
        OnlineHebbParameters.Declared.Samples.Is(8), OnlineHebbParameters.Declared.TestSize.Is(1000));

    public ResourceEstimate? Estimate(ParameterValues parameters) => OnlineHebbParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits) =>
        OnlineHebbParameters.From(parameters).Estimate().Against(limits, OnlineHebbParameters.Declared.N.Name);

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var cancellationToken = context.Cancellation;
        var stage = context.Stage("samples");
        var live = context.Series("epsilon_sample1", "α = t/N", "test error of the first sample");
        var p = OnlineHebbParameters.From(spec.Parameters);
        var alphas = Enumerable.Range(1, p.Checkpoints).Select(k => p.AlphaMax * k / p.Checkpoints).ToArray();
        var overlap = new double[p.Checkpoints, p.Samples];
        var testError = new double[p.Checkpoints, p.Samples];

        var teacher = new float[p.N];
        var student = new float[p.N];
        var x = new float[p.N];
        for (var s = 0; s < p.Samples; s++)
        {
            var rng = new Rng((ulong)spec.Seed, (ulong)s);
            rng.FillNormal(teacher);
            TensorPrimitives.Multiply(teacher, MathF.Sqrt(p.N) / TensorPrimitives.Norm(teacher), teacher);
            Array.Clear(student);

            long step = 0;
            for (var k = 0; k < p.Checkpoints; k++)
            {
                var target = (long)Math.Round(alphas[k] * p.N);
                for (; step < target; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    rng.FillNormal(x);
                    var y = TensorPrimitives.Dot(teacher, x) >= 0 ? 1f : -1f;
                    TensorPrimitives.MultiplyAdd(x, y, student, student);
                }
                overlap[k, s] = Overlap(student, teacher);
                testError[k, s] = MeasureTestError(student, teacher, x, p.TestSize, ref rng, cancellationToken);
                if (s == 0) live.Add(alphas[k], testError[k, s]);
                stage.Report(s * p.Checkpoints + k + 1.0, p.Samples * p.Checkpoints, $"sample {s + 1}/{p.Samples}, α = {alphas[k]:0.###}");
            }
        }
        return BuildResult(p, alphas, overlap, testError);
    }

    private static double Overlap(ReadOnlySpan<float> j, ReadOnlySpan<float> t)
    {
        var jj = TensorPrimitives.Norm(j);
        return jj == 0 ? 0 : TensorPrimitives.Dot(j, t) / ((double)jj * TensorPrimitives.Norm(t));
    }

    private static double MeasureTestError(ReadOnlySpan<float> j, ReadOnlySpan<float> t, Span<float> x, int testSize, ref Rng rng, CancellationToken ct)
    {
        var wrong = 0;
        for (var m = 0; m < testSize; m++)
        {
            if ((m & 255) == 0) ct.ThrowIfCancellationRequested();
            rng.FillNormal(x);
            if (TensorPrimitives.Dot(j, x) >= 0 != TensorPrimitives.Dot(t, x) >= 0) wrong++;
        }
        return (double)wrong / testSize;
    }

    private static ResultDocument BuildResult(OnlineHebbParameters p, double[] alphas, double[,] overlap, double[,] testError)
    {
        var k = alphas.Length;
        var rMean = new double[k];
        var rErr = new double[k];
        var eMean = new double[k];
        var eErr = new double[k];
        var row = new double[p.Samples];
        for (var i = 0; i < k; i++)
        {
            for (var s = 0; s < p.Samples; s++) row[s] = overlap[i, s];
            (rMean[i], rErr[i]) = Statistics.MeanAndError(row);
            for (var s = 0; s < p.Samples; s++) row[s] = testError[i, s];
            (eMean[i], eErr[i]) = Statistics.MeanAndError(row);
        }

        var theoryAlpha = Enumerable.Range(1, 200).Select(i => p.AlphaMax * i / 200).ToArray();
        var last = k - 1;
        var alphaFinal = alphas[last];
        var eTheory = HebbTheory.GeneralizationError(alphaFinal);
        var rTheory = HebbTheory.Overlap(alphaFinal);

        return new ResultDocument
        {
            ModelType = OnlineHebbModel.Id,
            Summary = $"Online Hebb, N = {p.N}, {p.Samples} samples: ε({alphaFinal:0.###}) = {eMean[last]:0.0000} ± {eErr[last]:0.0000} (exact {eTheory:0.0000}).",
            Conventions = "Spherical teacher and student, Gaussian inputs x ~ N(0, I_N); α = t/N with one fresh example per step. " +
                          "ε is the fraction of misclassified fresh test inputs; the exact curve is ε = arccos(R)/π with R = √(2α/(2α+π)) (N → ∞). " +
                          "Error bars are one standard error over independent samples.",
            Metrics =
            [
                new Metric("epsilon_final", $"ε at α = {alphaFinal:0.###}", eMean[last], eErr[last]),
                new Metric("R_final", $"R at α = {alphaFinal:0.###}", rMean[last], rErr[last]),
                new Metric("epsilon_exact", "ε exact (N → ∞)", eTheory),
            ],
            Series =
            [
                new Series("epsilon", "α", "ε", alphas, eMean, eErr),
                new Series("R", "α", "R", alphas, rMean, rErr),
            ],
            Figures =
            [
                new Figure
                {
                    Id = "learning-curve", Title = "Generalization error", XAxis = new Axis("α = t/N"), YAxis = new Axis("ε"),
                    Traces =
                    [
                        new Trace { Name = "simulation (test error)", X = alphas, Y = eMean, ErrorY = eErr, Style = TraceStyle.Markers },
                        new Trace { Name = "exact ε(α)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = theoryAlpha, Y = theoryAlpha.Select(HebbTheory.GeneralizationError).ToArray() },
                    ],
                },
                new Figure
                {
                    Id = "overlap", Title = "Teacher-student overlap", XAxis = new Axis("α = t/N"), YAxis = new Axis("R"),
                    Traces =
                    [
                        new Trace { Name = "simulation", X = alphas, Y = rMean, ErrorY = rErr, Style = TraceStyle.Markers },
                        new Trace { Name = "exact R(α)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = theoryAlpha, Y = theoryAlpha.Select(HebbTheory.Overlap).ToArray() },
                    ],
                },
            ],
            Checks =
            [
                Agreement($"ε at α = {alphaFinal:0.###}", eMean[last], eErr[last], eTheory),
                Agreement($"R at α = {alphaFinal:0.###}", rMean[last], rErr[last], rTheory),
            ],
        };
    }

    private static Check Agreement(string name, double value, double error, double reference) =>
        Check.WithinSigma(name, value, error, reference, "Engel & Van den Broeck (2001), Hebb rule");
}
