using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.Data;
using Compute.Numerics;
using Compute.Numerics.Linalg;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// <c>ebm.inverse-ising</c>: infers the couplings of a pairwise Ising model from its samples by
/// pseudo-likelihood maximization, naive mean-field and TAP inversion, and (N ≤ 16) exact maximum
/// likelihood by moment matching. For generated data the true couplings are known: the run records the
/// relative reconstruction error ε_J = ‖Ĵ − J‖/‖J‖ on nested subsets of M, M/2, M/4, … samples, next to
/// the asymptotic Cramér-Rao error of maximum likelihood computed exactly from the Fisher information.
/// </summary>
public sealed class InverseIsingModel : IModelType, IUsesDataset
{
    public const string Id = "ebm.inverse-ising";

    public ModelTypeInfo Info { get; } = new(
        Id, "Energy-based", "Inverse Ising (Boltzmann machine learning)",
        "Recovers the couplings J_ij and fields h_i of an Ising model P(s) ∝ exp(Σ J_ij s_i s_j + Σ h_i s_i) from equilibrium samples: " +
        "pseudo-likelihood maximization, naive mean-field and TAP inversion of the correlation matrix, and exact maximum likelihood " +
        "(moment matching by enumeration, N ≤ 16). Shows how the reconstruction error falls with the number of samples against the Cramér-Rao limit.",
        InverseIsingParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        InverseIsingParameters.Declared.Source.Is(InverseIsingParameters.Generated), InverseIsingParameters.Declared.N.Is(10), InverseIsingParameters.Declared.Couplings.Is(InverseIsingParameters.Sk),
        InverseIsingParameters.Declared.Beta.Is(0.6), InverseIsingParameters.Declared.Field.Is(0.1), InverseIsingParameters.Declared.Samples.Is(16_000),
        InverseIsingParameters.Declared.SizePoints.Is(5), InverseIsingParameters.Declared.Lambda.Is(1e-5));

    public string DatasetParameter => "source";

    public ResourceEstimate? Estimate(ParameterValues parameters)
    {
        var p = InverseIsingParameters.From(parameters);
        return p.Source == IUsesDataset.Uploaded ? null : p.Estimate(p.Samples, p.N, generated: true);
    }

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = InverseIsingParameters.From(parameters);
        if (p.Source == IUsesDataset.Uploaded) return [];
        return p.Check(p.Samples, p.N).Concat(p.Estimate(p.Samples, p.N, generated: true).Against(limits, InverseIsingParameters.Declared.Samples.Name)).ToList();
    }

    public IEnumerable<FieldError> ValidateDataset(ParameterValues parameters, BinaryMatrix data, RunLimits limits)
    {
        var p = InverseIsingParameters.From(parameters);
        var errors = new List<FieldError>();
        if (data.Columns < 2 || data.Columns > 64)
            errors.Add(new FieldError("file", $"Inverse Ising handles 2 to 64 spins (columns); the file has {data.Columns}."));
        if (data.Rows < 50)
            errors.Add(new FieldError("file", $"At least 50 samples (rows) are needed; the file has {data.Rows}."));
        if (errors.Count == 0)
            errors.AddRange(p.Estimate(data.Rows, data.Columns, generated: false).Against(limits, "file"));
        return errors;
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = InverseIsingParameters.From(spec.Parameters);
        var seed = (ulong)spec.Seed;
        var ct = context.Cancellation;
        var sampling = context.Stage("sampling the true model", 5);
        var fitting = context.Stage("fits", 90);
        var fisher = context.Stage("Fisher information", 5);
        var live = context.Series("plm_error", "samples M", "ε_J of pseudo-likelihood");
        PairwiseIsing? truth = null;
        IsingSamples data;
        string description;
        if (UploadedDataset.TryGet(spec, DatasetParameter, out var upload))
        {
            var spins = upload.Data.Select(b => b != 0 ? (sbyte)1 : (sbyte)-1).ToArray();
            data = new IsingSamples(spins, upload.Rows, upload.Columns);
            description = $"uploaded samples, {upload.Rows} rows × {upload.Columns} spins";
        }
        else
        {
            truth = TrueModel(p, seed);
            var spins = p.N <= InverseIsingParameters.MaxExactSpins
                ? IsingEnumeration.Sample(truth, p.Samples, seed, ct)
                : IsingGibbsSampler.Sample(truth, p.Samples, p.SweepsBetween, seed, ct);
            data = new IsingSamples(spins, p.Samples, p.N);
            description = $"{p.Samples} {(p.N <= InverseIsingParameters.MaxExactSpins ? "exact" : "heat-bath")} samples of a {(p.Couplings == InverseIsingParameters.Sk ? "SK" : "sparse")} model, N = {p.N}, β = {p.Beta:0.###}";
        }
        sampling.Report(1, 1);
        var problems = p.Check(data.Rows, data.N).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems.Select(e => $"{e.Field}: {e.Message}")));

        var n = data.N;
        var exact = n <= InverseIsingParameters.MaxExactSpins;
        var sizes = truth is null ? [data.Rows] : p.SampleSizes(data.Rows);
        var fits = new InverseIsingFit[sizes.Length];
        for (var k = 0; k < sizes.Length; k++)
        {
            var m = sizes[k];
            fitting.Report(k, sizes.Length, $"M = {m} ({k + 1}/{sizes.Length}): pseudo-likelihood");
            var (plm, plmGradient) = PseudoLikelihood.Infer(data, m, p.Lambda, ct);
            var (mag, pairs) = data.Moments(m);
            var (nmf, tap, fallbacks) = MeanFieldInversion.Infer(mag, pairs, n);
            PairwiseIsing? ml = null;
            var mismatch = double.NaN;
            if (exact)
            {
                fitting.Report(k + 0.5, sizes.Length, $"M = {m} ({k + 1}/{sizes.Length}): exact maximum likelihood");
                (ml, mismatch) = BoltzmannLearning.Infer(mag, pairs, n, p.Lambda, ct);
            }
            fits[k] = new InverseIsingFit(m, plm, plmGradient, nmf, tap, fallbacks, ml, mismatch);
            if (truth is not null) live.Add(m, InverseIsingReport.RelativeError(plm, truth));
        }

        CramerRao? cramerRao = null;
        if (truth is not null && exact)
        {
            cramerRao = CramerRao.Compute(truth, ct)
                ?? throw context.Fail(Id, "Cramér-Rao bound: the Fisher information of the true model is singular (a coupling or field too strong for the spins to fluctuate); lower beta or field.");
        }
        fisher.Report(1, 1);
        return new InverseIsingReport(p, description, truth, fits, cramerRao).Build();
    }

    /// <summary>The generated model's couplings and fields (streams of the run's seed).</summary>
    public static PairwiseIsing TrueModel(InverseIsingParameters p, ulong seed)
    {
        var n = p.N;
        var model = new PairwiseIsing(n);
        var rng = new Rng(seed, 0x7A0E);
        if (p.Couplings == InverseIsingParameters.Sk)
        {
            var j = SkCouplings.Sample(n, seed);
            for (var i = 0; i < n; i++)
                for (var k = i + 1; k < n; k++) model.SetCoupling(i, k, p.Beta * j[i * n + k]);
        }
        else
        {
            var probability = Math.Min(1.0, 3.0 / (n - 1));
            for (var i = 0; i < n; i++)
                for (var k = i + 1; k < n; k++)
                    if (rng.NextDouble() < probability) model.SetCoupling(i, k, rng.NextSign() * p.Beta / Math.Sqrt(3));
        }
        for (var i = 0; i < n; i++) model.H[i] = p.Field * rng.NextGaussian();
        return model;
    }
}

/// <summary>The inferred models at one sample size.</summary>
internal sealed record InverseIsingFit(int Samples, PairwiseIsing Plm, double PlmGradient, PairwiseIsing NaiveMeanField, PairwiseIsing Tap, int TapFallbacks,
    PairwiseIsing? MaximumLikelihood, double MomentMismatch);

/// <summary>
/// The asymptotic covariance of the maximum-likelihood couplings, Σ = I⁻¹/M with I the exact Fisher information
/// per sample; <see cref="TraceJJ"/> = tr Σ_JJ·M and <see cref="TraceJJSquared"/> = tr (Σ_JJ·M)².
/// Ref: Cramér (1946); for the Ising exponential family, Nguyen, Zecchina &amp; Berg (2017), §4.2.
/// </summary>
internal sealed record CramerRao(double TraceJJ, double TraceJJSquared)
{
    /// <summary>The bound for the true model, or null when its Fisher information is singular.</summary>
    public static CramerRao? Compute(PairwiseIsing truth, CancellationToken ct)
    {
        var n = truth.N;
        var d = n + truth.Pairs;
        var fisher = IsingEnumeration.FisherInformation(truth, ct);
        var inverse = new double[d * d];
        if (!Cholesky.TryInvert(fisher, d, inverse)) return null;
        double trace = 0, traceSquared = 0;
        for (var a = n; a < d; a++)
        {
            trace += inverse[a * d + a];
            for (var b = n; b < d; b++) traceSquared += inverse[a * d + b] * inverse[a * d + b];
        }
        return new CramerRao(trace, traceSquared);
    }
}
