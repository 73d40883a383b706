using System.Globalization;
using Shared.Results;

namespace Compute.EnergyModels.Rbm;

/// <summary>Turns an <c>ebm.rbm</c> run's record into the result document: metrics, series, figures and checks.</summary>
/// The per-epoch curves come from the run's series recorder (at most <see cref="LiveSeries.Capacity"/> evenly spaced
/// epochs), the same curves the live plots showed; the record's full arrays serve the checks.
internal sealed class RbmReport(RbmParameters p, RestrictedBoltzmannMachine m, string description, string likelihood, RbmRecord record,
    RbmFinal final, float[] samples, int evaluationRows, int pllRows, int rows, Series recordedReconstruction, Series recordedPseudoLikelihood)
{
    private const int MaxImageCells = 16_000;

    private bool HasLikelihood => likelihood != "none";

    private const string DivergenceAdvice = "Lower learningRate (or raise k, the Gibbs steps per update), or train for fewer epochs; the results above describe the final, degraded model.";

    private bool IsBarsAndStripes => p.Dataset == RbmParameters.BarsAndStripes;

    public ResultDocument Build()
    {
        var last = record.CheckpointEpoch.Length - 1;
        var ll = record.LogLikelihood[last];
        var llError = record.LogZError[last];
        var optimum = IsBarsAndStripes ? -Math.Log(RbmDatasets.BarsAndStripesCount(p.Side)) : double.NaN;

        var metrics = new List<Metric>
        {
            new("reconstruction_error", "Reconstruction error per unit", record.Reconstruction[^1]),
            new("pseudo_log_likelihood", "Pseudo-log-likelihood per sample", record.PseudoLikelihood[^1], Unit: "nats"),
        };
        if (HasLikelihood)
        {
            metrics.Add(new Metric("log_likelihood", $"Log-likelihood per sample ({likelihood})", ll, likelihood == "ais" ? llError : null, "nats"));
            metrics.Add(new Metric("log_z", $"ln Z ({likelihood})", record.LogZ[last], likelihood == "ais" ? llError : null, "nats"));
        }
        if (IsBarsAndStripes && HasLikelihood)
            metrics.Add(new Metric("gap_to_optimum", "Gap to the optimum −ln|patterns|", optimum - ll, likelihood == "ais" ? llError : null, "nats"));
        if (final.ExactLogZ is { } exact) metrics.Add(new Metric("log_z_exact", "ln Z exact (final model)", exact, Unit: "nats"));
        if (final.Ais is { } ais) metrics.Add(new Metric("log_z_ais", "ln Z AIS (final model)", ais.LogZ, ais.Error, "nats"));
        if (final.IsingData is { } data && final.IsingModel is { } model)
        {
            metrics.Add(new Metric("ising_energy_exact", "Ising energy per site, exact (Kaufman)", final.IsingExact));
            metrics.Add(new Metric("ising_energy_data", "Ising energy per site of the training data", data.Mean, data.Error));
            metrics.Add(new Metric("ising_energy_rbm", "Ising energy per site of the RBM's samples", model.Mean, model.Error));
        }
        var sv = record.SingularValues[last];
        metrics.Add(new Metric("sigma_max", "Largest singular value of W", sv[0]));

        return new ResultDocument
        {
            ModelType = RbmModel.Id,
            Summary = Summary(ll, llError, optimum),
            Conventions = Conventions(),
            Metrics = metrics,
            Series = Series(),
            Figures = Figures(optimum),
            Checks = Checks(ll, llError, optimum),
        };
    }

    private string Summary(double ll, double error, double optimum)
    {
        var s = string.Create(CultureInfo.InvariantCulture, $"RBM {m.Visible}×{m.Hidden} ({Method}-{p.K}) on {description}: ");
        if (!HasLikelihood)
            return s + string.Create(CultureInfo.InvariantCulture, $"reconstruction error {record.Reconstruction[^1]:0.0000}, pseudo-log-likelihood {record.PseudoLikelihood[^1]:0.000} nats.");
        s += likelihood == "ais"
            ? string.Create(CultureInfo.InvariantCulture, $"log-likelihood {ll:0.000} ± {error:0.000} nats/sample (AIS)")
            : string.Create(CultureInfo.InvariantCulture, $"log-likelihood {ll:0.0000} nats/sample (exact)");
        if (IsBarsAndStripes) s += string.Create(CultureInfo.InvariantCulture, $", {optimum - ll:0.000} nats above the optimum −ln {RbmDatasets.BarsAndStripesCount(p.Side)} = {optimum:0.000000}");
        return s + ".";
    }

    private string Method => p.Method switch
    {
        RbmTrainingMethod.ContrastiveDivergence => "CD",
        RbmTrainingMethod.RandomRestart => "Rdm",
        _ => "PCD",
    };

    private string Conventions() =>
        (m.Units == RbmUnits.Binary ? "Units v, h ∈ {0, 1}. " : "Units v, h ∈ {−1, +1} (data bit 0 → −1, 1 → +1). ") +
        "E(v,h) = −a·v − b·h − vᵀWh, p(v) = Σ_h e^{−E}/Z. Log-likelihoods are natural logarithms (nats) per sample, averaged over " +
        (IsBarsAndStripes ? "the distinct bars-and-stripes patterns (uniform empirical distribution). " : $"{evaluationRows} training rows. ") +
        (likelihood == "exact" ? "ln Z is exact: the smaller layer is enumerated with the other summed out analytically. " :
         likelihood == "ais" ? $"ln Z is an AIS estimate ({p.AisChains} chains, {p.AisSteps} temperatures, base model W = 0 with data visible biases); error bars are the delta-method spread of the importance weights (AIS tends to underestimate ln Z, i.e. overestimate the likelihood, when under-annealed). " : "") +
        $"Pseudo-log-likelihood: Σ_i ln p(v_i | v_−i) per sample over {pllRows} rows, every unit flipped. " +
        "Reconstruction error: mean squared difference per unit between v and E[v | h = E[h | v]]" + (m.Units == RbmUnits.Spin ? ", divided by 4 for ±1 units. " : ". ") +
        $"Training: {Method}-{p.K}, minibatch {p.BatchSize} (⌊{rows}/{p.BatchSize}⌋ updates per epoch), η = {p.LearningRate.ToString(CultureInfo.InvariantCulture)}, " +
        $"momentum {p.Momentum.ToString(CultureInfo.InvariantCulture)}, weight decay {p.WeightDecay.ToString(CultureInfo.InvariantCulture)} on W; positive phase uses hidden probabilities.";

    private IReadOnlyList<Series> Series()
    {
        var list = new List<Series>
        {
            new("reconstruction_error", "epoch", "reconstruction error per unit", recordedReconstruction.X, recordedReconstruction.Y),
            new("pseudo_log_likelihood", "epoch", "pseudo-log-likelihood (nats)", recordedPseudoLikelihood.X, recordedPseudoLikelihood.Y),
        };
        if (HasLikelihood)
            list.Add(new Series("log_likelihood", "epoch", "log-likelihood per sample (nats)", record.CheckpointEpoch, record.LogLikelihood,
                likelihood == "ais" ? record.LogZError : null));
        var modes = Math.Min(8, record.SingularValues[0].Length);
        for (var k = 0; k < modes; k++)
            list.Add(new Series($"sigma_{k + 1}", "epoch", $"σ_{k + 1}(W)", record.CheckpointEpoch, record.SingularValues.Select(s => s[k]).ToArray()));
        var spectrum = record.SingularValues[^1];
        list.Add(new Series("singular_spectrum", "index", "σ_k(W)", Enumerable.Range(1, spectrum.Length).Select(i => (double)i).ToArray(), spectrum));
        return list;
    }

    private IReadOnlyList<Figure> Figures(double optimum)
    {
        var figures = new List<Figure>();
        if (HasLikelihood)
        {
            var traces = new List<Trace>
            {
                new()
                {
                    Name = likelihood == "ais" ? "log-likelihood (AIS)" : "log-likelihood (exact)", X = record.CheckpointEpoch, Y = record.LogLikelihood,
                    ErrorY = likelihood == "ais" ? record.LogZError : null,
                },
            };
            if (IsBarsAndStripes)
                traces.Add(new Trace
                {
                    Name = $"optimum −ln {RbmDatasets.BarsAndStripesCount(p.Side)}", Role = TraceRole.Exact, Style = TraceStyle.Lines,
                    X = [0, p.Epochs], Y = [optimum, optimum],
                });
            figures.Add(new Figure
            {
                Id = "log-likelihood", Title = "Log-likelihood per sample", XAxis = new Axis("epoch"), YAxis = new Axis("⟨ln p(v)⟩ (nats)"), Traces = traces,
                Caption = IsBarsAndStripes ? "No model can exceed −ln(number of patterns): the data distribution is uniform over them." : null,
            });
        }
        var (ex, ey) = (recordedPseudoLikelihood.X, recordedPseudoLikelihood.Y);
        figures.Add(new Figure
        {
            Id = "pseudo-log-likelihood", Title = "Pseudo-log-likelihood", XAxis = new Axis("epoch"), YAxis = new Axis("Σ_i ln p(v_i | v_−i) (nats)"),
            Traces = [new Trace { Name = "pseudo-log-likelihood", X = ex, Y = ey, Style = TraceStyle.Lines }],
        });
        var (rx, ry) = (recordedReconstruction.X, recordedReconstruction.Y);
        figures.Add(new Figure
        {
            Id = "reconstruction-error", Title = "Reconstruction error", XAxis = new Axis("epoch"), YAxis = new Axis("error per unit"),
            Traces = [new Trace { Name = "mean-field reconstruction", X = rx, Y = ry, Style = TraceStyle.Lines }],
        });
        var modes = Math.Min(8, record.SingularValues[0].Length);
        figures.Add(new Figure
        {
            Id = "singular-values", Title = "Singular values of W during training", XAxis = new Axis("epoch"), YAxis = new Axis("σ_k(W)"),
            Traces = Enumerable.Range(0, modes).Select(k => new Trace
            {
                Name = $"σ_{k + 1}", X = record.CheckpointEpoch, Y = record.SingularValues.Select(s => s[k]).ToArray(),
            }).ToList(),
            Caption = "Decelle, Fissore & Furtlehner (2017): the leading modes detach from the bulk one by one as the machine learns the data's principal directions.",
        });
        var spectrum = record.SingularValues[^1];
        figures.Add(new Figure
        {
            Id = "singular-spectrum", Title = "Final singular spectrum of W", XAxis = new Axis("k"), YAxis = new Axis("σ_k(W)"),
            Traces = [new Trace { Name = "σ_k", X = Enumerable.Range(1, spectrum.Length).Select(i => (double)i).ToArray(), Y = spectrum, Style = TraceStyle.Markers }],
        });

        var tiles = Math.Max(1, Math.Min(64, MaxImageCells / m.Visible));
        var sampleCount = Math.Min(p.SampleChains, tiles);
        var (height, width) = ImageGrid.Shape(m.Visible);
        figures.Add(new Figure
        {
            Id = "samples", Title = $"Samples after {p.SampleSteps} Gibbs steps", Kind = FigureKind.ImageGrid,
            XAxis = new Axis("pixel"), YAxis = new Axis("pixel"),
            Traces = ImageGrid.Images(samples, sampleCount, m.Visible, k => $"chain {k + 1}"),
            Caption = $"{sampleCount} independent chains from uniformly random states; each tile is one visible configuration drawn as a {height}×{width} image (1 = on).",
        });
        var filterCount = Math.Min(m.Hidden, tiles);
        var filters = new float[filterCount * m.Visible];
        for (var j = 0; j < filterCount; j++)
            for (var i = 0; i < m.Visible; i++) filters[j * m.Visible + i] = m.W[i * m.Hidden + j];
        figures.Add(new Figure
        {
            Id = "filters", Title = "Weight filters W_{·j}", Kind = FigureKind.ImageGrid, XAxis = new Axis("pixel"), YAxis = new Axis("pixel"),
            Traces = ImageGrid.Images(filters, filterCount, m.Visible, j => $"hidden unit {j + 1}"),
            Caption = $"The weights of the first {filterCount} hidden units to every visible unit, each drawn as a {height}×{width} image.",
        });
        return figures;
    }

    private IReadOnlyList<Check> Checks(double ll, double llError, double optimum)
    {
        var checks = new List<Check>();
        if (HasLikelihood && record.CheckpointEpoch.Length > 1)
        {
            var gain = ll - record.LogLikelihood[0];
            var sigma = Math.Sqrt(llError * llError + record.LogZError[0] * record.LogZError[0]);
            checks.Add(Check.Bound("log-likelihood gain over training", gain, sigma, 0, BoundSide.AtLeast,
                $"training ascends the log-likelihood ({likelihood} ln Z at the first and last checkpoint)", note: "a significant gain", sigmas: -3));
        }
        if (HasLikelihood && IsBarsAndStripes)
        {
            checks.Add(Check.Bound($"final log-likelihood vs optimum −ln {RbmDatasets.BarsAndStripesCount(p.Side)}", ll, llError, optimum, BoundSide.AtMost,
                "Gibbs' inequality; bars-and-stripes, MacKay (2003) ch. 43", allowance: 1e-9, note: "no model beats the entropy of the uniform data"));
        }
        if (final.IsingData is { } isingData)
        {
            checks.Add(Check.WithinSigma("Ising training data: energy per site", isingData.Mean, isingData.Error, final.IsingExact,
                "Kaufman (1949), exact finite torus", allowance: 1e-3, note: "σ from binning"));
        }
        if (final.ExactLogZ is { } exact && final.OtherLayerLogZ is { } other)
        {
            checks.Add(Check.Tolerance("ln Z: visible vs hidden enumeration", other, exact, 1e-9 * (1 + Math.Abs(exact)),
                "two exact enumerations of the smaller and the larger layer", note: "10⁻⁹(1 + |ln Z|), round-off"));
        }
        if (final.ExactLogZ is { } exactZ && final.Ais is { } ais)
        {
            checks.Add(Check.WithinSigma("ln Z: AIS vs exact", ais.LogZ, ais.Error, exactZ,
                "exact enumeration of the smaller layer; Salakhutdinov & Murray (2008)", allowance: 0.05, note: "allowance in nats for the AIS bias"));
        }
        if (HasLikelihood && record.CheckpointEpoch.Length > 2)
            checks.Add(TrainingHealth.NoDeclineFromBest("training converged: final log-likelihood vs its best checkpoint", record.CheckpointEpoch,
                record.LogLikelihood, likelihood == "ais" ? record.LogZError : [], "epoch", 0.05, DivergenceAdvice));
        else if (!HasLikelihood && record.Epoch.Length > 2)
            checks.Add(TrainingHealth.NoDeclineFromBest("training converged: final pseudo-log-likelihood vs its best epoch", record.Epoch,
                record.PseudoLikelihood, [], "epoch", 0.1, DivergenceAdvice));
        if (final.SampleEquilibration is { } equilibration) checks.Add(equilibration);
        return checks;
    }
}
