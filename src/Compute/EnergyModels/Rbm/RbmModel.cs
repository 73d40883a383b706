using Compute.EnergyModels.Data;
using Shared.Models;
using Shared.Runs;

namespace Compute.EnergyModels.Rbm;

/// <summary>
/// <c>ebm.rbm</c>: trains a Bernoulli-Bernoulli (or ±1) restricted Boltzmann machine,
/// E(v, h) = −a·v − b·h − vᵀWh, by minibatch SGD on the log-likelihood with a CD-k, PCD-k or Rdm-k
/// negative phase. Records the reconstruction error and pseudo-log-likelihood every epoch, and at
/// checkpoints the exact (enumerating the smaller layer) or AIS log-likelihood and the singular values
/// of W; finishes with a grid of samples from long Gibbs chains and the weight filters.
/// </summary>
public sealed class RbmModel : IModelType, IUsesDataset
{
    public const string Id = "ebm.rbm";

    public ModelTypeInfo Info { get; } = new(
        Id, "Energy-based", "Restricted Boltzmann machine",
        "A restricted Boltzmann machine with energy E(v,h) = −a·v − b·h − vᵀWh learns a binary data set (bars-and-stripes, Ising configurations, " +
        "noisy prototypes, a teacher RBM's samples or an upload) by stochastic gradient ascent on the log-likelihood, with contrastive divergence, " +
        "persistent chains or random restarts for the model term. The log-likelihood is exact (ln Z by enumerating the smaller layer) or an " +
        "annealed-importance-sampling estimate; the singular values of W show modes detaching from the bulk as the machine learns.",
        RbmParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        RbmParameters.Declared.Dataset.Is(RbmParameters.BarsAndStripes), RbmParameters.Declared.Side.Is(4), RbmParameters.Declared.Samples.Is(300),
        RbmParameters.Declared.Hidden.Is(16), RbmParameters.Declared.Training.Is("cd"), RbmParameters.Declared.K.Is(10),
        RbmParameters.Declared.Epochs.Is(400), RbmParameters.Declared.BatchSize.Is(10), RbmParameters.Declared.LearningRate.Is(0.1),
        RbmParameters.Declared.Momentum.Is(0.5), RbmParameters.Declared.WeightDecay.Is(1e-4), RbmParameters.Declared.Checkpoints.Is(20),
        RbmParameters.Declared.AisChains.Is(100), RbmParameters.Declared.AisSteps.Is(2000), RbmParameters.Declared.SampleChains.Is(25),
        RbmParameters.Declared.SampleSteps.Is(500));

    public string DatasetParameter => "dataset";

    public ResourceEstimate? Estimate(ParameterValues parameters)
    {
        var p = RbmParameters.From(parameters);
        return p.Dataset == IUsesDataset.Uploaded ? null : p.Estimate(p.GeneratedRows, p.GeneratedVisible);
    }

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = RbmParameters.From(parameters);
        if (p.Dataset == IUsesDataset.Uploaded) return [];
        int rows = p.GeneratedRows, visible = p.GeneratedVisible;
        return p.Check(rows, visible, uploaded: false).Concat(p.Estimate(rows, visible).Against(limits, RbmParameters.Declared.Hidden.Name)).ToList();
    }

    public IEnumerable<FieldError> ValidateDataset(ParameterValues parameters, BinaryMatrix data, RunLimits limits)
    {
        var p = RbmParameters.From(parameters);
        return p.Check(data.Rows, data.Columns, uploaded: true).Concat(p.Estimate(data.Rows, data.Columns).Against(limits, RbmParameters.Declared.Hidden.Name)).ToList();
    }

    public Shared.Results.ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = RbmParameters.From(spec.Parameters);
        var seed = (ulong)spec.Seed;
        var (data, description) = LoadData(spec, p, seed, context.Cancellation);
        var problems = p.Check(data.Rows, data.Columns, uploaded: p.Dataset == IUsesDataset.Uploaded).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems.Select(e => $"{e.Field}: {e.Message}")));
        return new RbmRun(p, data, description, seed, context).Execute();
    }

    private static (BinaryMatrix Data, string Description) LoadData(RunSpec spec, RbmParameters p, ulong seed, CancellationToken ct)
    {
        if (UploadedDataset.TryGet(spec, "dataset", out var uploaded))
            return (uploaded, $"uploaded data, {uploaded.Rows} rows × {uploaded.Columns} columns");
        switch (p.Dataset)
        {
            case RbmParameters.BarsAndStripes:
                var patterns = RbmDatasets.BarsAndStripes(p.Side);
                var copies = p.GeneratedRows / patterns.Rows;
                return (RbmDatasets.Repeat(patterns, copies), $"bars-and-stripes {p.Side}×{p.Side}: {patterns.Rows} patterns × {copies} copies");
            case RbmParameters.Ising:
                return (RbmDatasets.IsingSamples(p.Side, p.Beta, p.Samples, seed, ct),
                    $"2D Ising {p.Side}×{p.Side} torus at β = {p.Beta:0.####}, {p.Samples} configurations");
            case RbmParameters.NoisyPrototypes:
                return (RbmDatasets.NoisyPrototypes(p.VisibleCount, p.Samples, p.Prototypes, p.Noise, seed),
                    $"noisy prototypes: {p.Prototypes} random prototypes of {p.VisibleCount} bits, flip probability {p.Noise:0.###}, {p.Samples} samples");
            case RbmParameters.TeacherRbm:
                return (RbmDatasets.TeacherSamples(p.VisibleCount, p.TeacherHidden, p.TeacherScale, p.Samples, p.Units, seed, ct),
                    $"teacher RBM: {p.VisibleCount} visible × {p.TeacherHidden} hidden, weight scale {p.TeacherScale:0.###}, {p.Samples} Gibbs samples");
            default:
                throw new InvalidOperationException($"Unknown data set '{p.Dataset}'.");
        }
    }
}
