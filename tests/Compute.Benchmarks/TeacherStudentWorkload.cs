using Compute.Numerics;
using Compute.Perceptron;
using Compute.Perceptron.Theory;
using Shared.Models;

namespace Compute.Benchmarks;

/// <summary>
/// BENCHMARKS.md `teacher-student`: the Gibbs-learning ε(α) curve, N = 500, α ∈ {0.5, 1, 2, 5}, 10 samples each
/// (perceptron-rule start in the version space, 200 hit-and-run sweeps, 2000 test inputs). Reports seconds for the
/// curve (all cores) and the measured ε against the replica values. Correctness: TeacherStudentModelTests (Gibbs vs theory).
/// </summary>
public sealed class TeacherStudentWorkload : Workload
{
    private static readonly double[] Alphas = [0.5, 1, 2, 5];
    private const int Samples = 10;

    public override string Name => "teacher-student";
    public override string Description => "Gibbs learning curve, N = 500, α ∈ {0.5, 1, 2, 5}, 10 samples each";

    public override string Run(BenchContext context)
    {
        var values = TeacherStudentParameters.Schema.Resolve(new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["N"] = System.Text.Json.JsonSerializer.SerializeToElement(500),
            ["alphaMax"] = System.Text.Json.JsonSerializer.SerializeToElement(5.0),
            ["rule"] = System.Text.Json.JsonSerializer.SerializeToElement("gibbs"),
            ["gibbsSweeps"] = System.Text.Json.JsonSerializer.SerializeToElement(200),
        }, new List<FieldError>());
        var p = TeacherStudentParameters.From(values);
        var errors = new double[Alphas.Length * Samples];
        var seconds = context.MedianSeconds(() =>
            Parallel.For(0, errors.Length, () => new TeacherStudentWorkspace(p), (job, _, ws) =>
            {
                var alpha = Alphas[job / Samples];
                errors[job] = TeacherStudentModel.RunSample(p, p.PatternCount(alpha), ws, new Rng(7, (ulong)job), CancellationToken.None).TestError;
                return ws;
            }, _ => { }));
        var curve = Enumerable.Range(0, Alphas.Length).Select(k =>
            $"{Alphas[k]}: {errors.Skip(k * Samples).Take(Samples).Average():0.000} (theory {VersionSpaceTheory.GibbsError(Alphas[k]):0.000})");
        return $"N = 500, 4 α × {Samples} samples: {seconds:0.00} s for the curve on {Environment.ProcessorCount} threads; ε {string.Join(", ", curve)}";
    }
}
