using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Stats;
using Compute.Perceptron.Learning;
using Compute.Perceptron.Theory;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Perceptron;

/// <summary>
/// <c>perceptron.teacher-student</c>: a student perceptron learns P = αN examples labelled by a teacher perceptron,
/// y = sign(T·ξ), with one of several learning rules; over a grid of α it measures the teacher-student overlap
/// R = J·T/(|J||T|), the generalization error on fresh inputs, ε = arccos(R)/π and the training error, averaged over
/// independent samples, and compares with the replica-theory learning curve of the rule where one exists
/// (spherical student, Gaussian inputs, noiseless labels: Hebb, AdaTron/maximal stability, pseudo-inverse, Gibbs).
/// Every rule there is also checked against the Bayes-optimal lower bound.
/// </summary>
public sealed partial class TeacherStudentModel : IModelType, ISweepTheory
{
    public const string Id = "perceptron.teacher-student";

    public ModelTypeInfo Info { get; } = new(
        Id, "Perceptron", "Teacher-student generalization",
        "A student perceptron learns a random teacher perceptron from P = αN labelled examples with a chosen rule (Hebb, perceptron, AdaTron, " +
        "pseudo-inverse, Gibbs learning, SGD; clipped perceptron and SBPI for binary weights). Measures the learning curve ε(α) and the overlap R " +
        "against the replica-symmetric theory of the rule (Hebb, maximal stability, pseudo-inverse, Gibbs), with the Bayes-optimal bound.",
        TeacherStudentParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        TeacherStudentParameters.Declared.N.Is(100), TeacherStudentParameters.Declared.AlphaMax.Is(3.0), TeacherStudentParameters.Declared.AlphaPoints.Is(3),
        TeacherStudentParameters.Declared.Samples.Is(10), TeacherStudentParameters.Declared.Rule.Is("gibbs"), TeacherStudentParameters.Declared.GibbsSweeps.Is(150),
        TeacherStudentParameters.Declared.TestSize.Is(2000));

    public ResourceEstimate? Estimate(ParameterValues parameters) => TeacherStudentParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = TeacherStudentParameters.From(parameters);
        var errors = new List<FieldError>();
        if (p.BinaryStudent && TeacherStudentParameters.SphericalRules.Contains(p.Rule))
            errors.Add(new FieldError(TeacherStudentParameters.Declared.Rule.Name, p.Rule switch
            {
                "pseudo-inverse" => "The pseudo-inverse is a real-valued solution of linear equations; it cannot be a vector of ±1 weights. Use clipped-perceptron or sbpi for binary weights.",
                "adatron" => "The AdaTron finds the maximally stable real-valued J; with binary weights maximal stability is a hard combinatorial problem it does not solve. Use clipped-perceptron or sbpi.",
                "gibbs" => "Gibbs learning here samples the continuous spherical version space by hit-and-run; the binary version space is a set of hypercube corners. Use clipped-perceptron or sbpi.",
                _ => $"The {p.Rule} rule updates real-valued weights. With student = binary use clipped-perceptron or sbpi.",
            }));
        if (!p.BinaryStudent && TeacherStudentParameters.BinaryRules.Contains(p.Rule))
            errors.Add(new FieldError(TeacherStudentParameters.Declared.Rule.Name, $"{p.Rule} learns binary weights J_i = ±1 through hidden variables; set student = binary (for real-valued weights use perceptron)."));
        if (p.Rule == "pseudo-inverse" && p.MaxPatterns >= p.N)
            errors.Add(new FieldError(TeacherStudentParameters.Declared.AlphaMax.Name, $"The pseudo-inverse rule solves J·ξ_μ = y_μ exactly, which needs P < N (α < 1); at α → 1 |J| diverges and beyond it is a different rule (least squares). Set alphaMax below 1 (here P = {p.MaxPatterns} ≥ N = {p.N})."));
        if (p.Rule is "gibbs" or "adatron" && p.LabelNoise > 0)
            errors.Add(new FieldError(TeacherStudentParameters.Declared.LabelNoise.Name, $"{(p.Rule == "gibbs" ? "Gibbs learning at zero temperature" : "The maximally stable perceptron")} needs a non-empty version space (training set separable); flipped labels make it empty. Set labelNoise = 0."));
        errors.AddRange(p.Estimate().Against(limits, TeacherStudentParameters.Declared.N.Name));
        return errors;
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = TeacherStudentParameters.From(spec.Parameters);
        var alphas = p.Alphas();
        var jobs = alphas.Length * p.Samples;
        var outcome = new SampleOutcome[jobs];
        var done = 0;
        var stage = context.Stage("samples");
        var finishedPerAlpha = new int[alphas.Length];
        var live = context.Series("epsilon", "α", "ε (mean of finished samples)");
        context.For(jobs, () => new TeacherStudentWorkspace(p), (job, ws) =>
        {
            var k = job / p.Samples;
            outcome[job] = RunSample(p, p.PatternCount(alphas[k]), ws, new Rng((ulong)spec.Seed, (ulong)job), context.Cancellation);
            if (!double.IsFinite(outcome[job].Overlap))
                throw context.Fail(Id, $"The {p.Rule} rule produced a non-finite student at α = {alphas[k]:0.###} (P = {p.PatternCount(alphas[k])}); lower the learning rate or the epoch budget.");
            if (Interlocked.Increment(ref finishedPerAlpha[k]) == p.Samples)
                live.Add(alphas[k], Mean(outcome.AsSpan(k * p.Samples, p.Samples)));
            var finished = Interlocked.Increment(ref done);
            stage.Report(finished, jobs, $"sample {finished}/{jobs} (α = {alphas[k]:0.###})");
        });
        return TeacherStudentResult.Build(p, alphas, outcome, context.Cancellation);
    }

    private static double Mean(ReadOnlySpan<SampleOutcome> samples)
    {
        var sum = 0.0;
        foreach (var o in samples) sum += o.TestError;
        return sum / samples.Length;
    }

    /// <summary>What one sample (teacher, training set, student) measured.</summary>
    public readonly record struct SampleOutcome(double Overlap, double TestError, double TrainingError, bool Converged);

    /// <summary>One teacher, one training set of P examples, one student; deterministic in the generator.</summary>
    public static SampleOutcome RunSample(TeacherStudentParameters p, int patterns, TeacherStudentWorkspace ws, Rng rng, CancellationToken ct)
    {
        var n = p.N;
        var teacher = ws.Teacher.AsSpan();
        if (p.BinaryTeacher)
        {
            for (var i = 0; i < n; i++) teacher[i] = rng.NextSign();
        }
        else
        {
            rng.FillNormal(teacher);
            TensorPrimitives.Multiply(teacher, MathF.Sqrt(n) / TensorPrimitives.Norm(teacher), teacher);
        }
        var data = ws.Data;
        data.FillInputs(patterns, p.Inputs, ref rng);
        data.TeacherLabels(teacher, p.LabelNoise, ref rng);
        var j = ws.Student.AsSpan();
        j.Clear();
        var converged = true;
        switch (p.Rule)
        {
            case "hebb":
                Gemm.Gemv(data.X.AsSpan(0, patterns * n), data.Y.AsSpan(0, patterns), j, patterns, n, transposeA: true);
                break;
            case "perceptron":
                converged = PerceptronRule.Train(data, j, 0, p.Epochs, ct).Solved;
                break;
            case "adatron":
                converged = AdatronRule.Train(data, j, ws.Strengths, 1e-3, p.Epochs, ct).Converged;
                break;
            case "pseudo-inverse":
                PseudoInverseRule.Train(data, j, ws.Correlation, ws.Coefficients, ct);
                break;
            case "gibbs":
                // Noiseless teacher data are separable, so the perceptron reaches the version space (Novikoff).
                if (!PerceptronRule.Train(data, j, 0, Math.Max(p.Epochs, 10_000), ct).Solved)
                    throw new InvalidOperationException($"Gibbs learning: the perceptron found no starting point in the version space (P = {patterns}).");
                ws.Sampler!.Start(data, j);
                ws.Sampler.Run(p.GibbsSweeps, ref rng, ct);
                ws.Sampler.Current(j);
                break;
            case "sgd-hinge":
                SgdRule.Train(data, j, SgdLoss.Hinge, p.LearningRate, p.Epochs, ws.Order, ref rng, ct);
                break;
            case "sgd-logistic":
                SgdRule.Train(data, j, SgdLoss.Logistic, p.LearningRate, p.Epochs, ws.Order, ref rng, ct);
                break;
            case "clipped-perceptron":
                converged = BinaryWeightRules.TrainClipped(data, j, ws.Hidden, p.Epochs, ct).Solved;
                break;
            case "sbpi":
                converged = BinaryWeightRules.TrainSbpi(data, j, ws.Hidden, ws.Signs, p.Epochs, ref rng, ct).Solved;
                break;
            default:
                throw new ArgumentException($"Unknown rule '{p.Rule}'.");
        }
        var norm = TensorPrimitives.Norm(j);
        if (!float.IsFinite(norm)) return new SampleOutcome(double.NaN, double.NaN, double.NaN, false);
        var overlap = norm == 0 ? 0 : TensorPrimitives.Dot(j, teacher) / ((double)norm * TensorPrimitives.Norm(teacher));
        var training = data.TrainingError(j, ws.Fields);
        var test = TestError(p, j, teacher, ws, ref rng, ct);
        return new SampleOutcome(overlap, test, training, converged);
    }

    private static double TestError(TeacherStudentParameters p, ReadOnlySpan<float> j, ReadOnlySpan<float> teacher, TeacherStudentWorkspace ws, ref Rng rng, CancellationToken ct)
    {
        var n = p.N;
        var wrong = 0;
        for (var start = 0; start < p.TestSize; start += TeacherStudentWorkspace.TestBlock)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(TeacherStudentWorkspace.TestBlock, p.TestSize - start);
            var x = ws.TestInputs.AsSpan(0, rows * n);
            TrainingSet.FillInputs(x, p.Inputs, ref rng);
            Gemm.Gemv(x, j, ws.Fields, rows, n);
            Gemm.Gemv(x, teacher, ws.TestFieldsTeacher, rows, n);
            for (var m = 0; m < rows; m++)
                if (ws.Fields[m] >= 0 != ws.TestFieldsTeacher[m] >= 0) wrong++;
        }
        return (double)wrong / p.TestSize;
    }
}
