using System.Globalization;
using Shared.Results;

namespace Compute.Flows.Van;

/// <summary>Turns a finished <c>flow.van</c> run into its result document: metrics, series, figures and checks.</summary>
internal static class VanResult
{
    /// <summary>Normalized ESS of the importance weights below which reweighted estimates and their error bars are not trusted.</summary>
    public const double MinEss = 0.1;

    private const string TrainMore = "Train longer (steps), widen the network or lower the learning rate.";

    private static string F(double v, string format = "0.00000") => v.ToString(format, CultureInfo.InvariantCulture);

    public static ResultDocument Build(VanParameters p, VanProblem problem, int parameterCount,
        IReadOnlyList<(int Step, VanBatchEstimate Estimate)> history, VanEvaluation ev, float[] configurations)
    {
        var n = p.Spins;
        var beta = p.Beta;
        double? exactF = problem.ExactLogZ is { } lz ? -lz / (beta * n) : null;
        double? exactE = problem.ExactEnergy / n;

        var steps = history.Select(h => (double)h.Step).ToArray();
        var fq = history.Select(h => h.Estimate.FreeEnergy / n).ToArray();
        var fqErr = history.Select(h => h.Estimate.FreeEnergyError / n).ToArray();
        var fNis = history.Select(h => -h.Estimate.LogZ / (beta * n)).ToArray();
        var fNisErr = history.Select(h => h.Estimate.LogZError / (beta * n)).ToArray();
        var ess = history.Select(h => h.Estimate.Ess).ToArray();

        var metrics = new List<Metric>
        {
            new("free_energy_q", "F_q/N (variational)", ev.FreeEnergy, ev.FreeEnergyError),
            new("free_energy_nis", "F_NIS/N (importance sampling)", ev.NisFreeEnergy, ev.NisFreeEnergyError),
            new("log_z_nis", "ln Z (importance sampling)", ev.LogZ, ev.LogZError),
            new("ess", "Normalized ESS", ev.Ess),
            new("energy_q", "⟨E⟩_q/N", ev.Energy, ev.EnergyError),
            new("energy_nis", "⟨E⟩/N reweighted", ev.NisEnergy, ev.NisEnergyError),
            new("parameters", "Network parameters", parameterCount),
            new("samples", "Evaluation samples", ev.Samples),
        };
        var unevenAdvice = $"ESS = {ev.Ess:0.000}: a few samples carry most of the importance weight, so the reweighted estimates and their error bars cannot be trusted. {TrainMore}";
        var essCheck = TrainingHealth.EnoughSamples("NIS weights even enough: normalized ESS", ev.Ess, MinEss, "Kish's effective sample size (Σw)²/(NΣw²)", unevenAdvice);
        var evenWeights = essCheck.Agrees;
        var checks = new List<Check> { essCheck };
        if (exactF is { } fx && exactE is { } ex)
        {
            var rel = (ev.FreeEnergy - fx) / Math.Abs(fx);
            metrics.Add(new Metric("free_energy_exact", "F/N exact", fx));
            metrics.Add(new Metric("log_z_exact", "ln Z exact", problem.ExactLogZ!.Value));
            metrics.Add(new Metric("energy_exact", "⟨E⟩/N exact", ex));
            metrics.Add(new Metric("relative_error", "(F_q − F)/|F|", rel, ev.FreeEnergyError / Math.Abs(fx)));
            metrics.Add(new Metric("bound_gap", "F_q/N − F/N (= KL(q‖p)/(βN))", ev.FreeEnergy - fx, ev.FreeEnergyError));
            var source = problem.ReferenceSource;
            checks.Add(Check.Bound("Variational bound F_q ≥ F (per spin)", ev.FreeEnergy, ev.FreeEnergyError, fx, BoundSide.AtLeast, source,
                note: "F_q = F + KL(q‖p)/β ≥ F for every normalized q (Gibbs-Bogoliubov); the gap is reported as a metric"));
            checks.Add(Check.Tolerance("F_q within 1 % of the exact F", rel, 0, 0.01, source,
                "simulated = (F_q − F)/|F|: the network is trained well enough (not a statistical test)", ev.FreeEnergyError / Math.Abs(fx))
                .Unless(false, Verdict.NotConverged, $"The variational free energy is {rel:P1} above the exact one: the network has not converged. {TrainMore}"));
            checks.Add(Agreement("NIS free energy per spin", ev.NisFreeEnergy, ev.NisFreeEnergyError, fx, source).Unless(evenWeights, Verdict.LowStatistics, unevenAdvice));
            checks.Add(Agreement("Reweighted energy per spin", ev.NisEnergy, ev.NisEnergyError, ex, source).Unless(evenWeights, Verdict.LowStatistics, unevenAdvice));
        }

        var figures = new List<Figure>
        {
            FreeEnergyFigure(p, steps, fq, fqErr, fNis, fNisErr, exactF),
            new()
            {
                Id = "ess", Title = "Effective sample size of the importance weights", XAxis = new Axis("training step"),
                YAxis = new Axis("ESS/B", Min: 0, Max: 1),
                Traces = [new Trace { Name = "ESS per batch", X = steps, Y = ess, Style = TraceStyle.Lines }],
                Caption = "Normalized ESS (Σw)²/(B Σw²) of w = e^{−βE}/q over each training batch; 1 means q equals the Boltzmann distribution.",
            },
            SamplesFigure(p, configurations),
            EnergyHistogram(p, ev, exactE),
        };

        var series = new List<Series>
        {
            new("free_energy_q", "training step", "F_q/N", steps, fq, fqErr),
            new("free_energy_nis", "training step", "F_NIS/N", steps, fNis, fNisErr),
            new("ess", "training step", "ESS/B", steps, ess),
        };
        if (p.AnnealRate > 0)
            series.Add(new Series("beta_t", "training step", "β_t", steps, history.Select(h => h.Estimate.TrainingBeta).ToArray()));

        var exactText = exactF is { } e2 ? $", exact {F(e2)} (relative error {F((ev.FreeEnergy - e2) / Math.Abs(e2), "0.0e0")})" : "";
        return new ResultDocument
        {
            ModelType = VanModel.Id,
            Summary = $"VAN ({NetworkDescription(p)}, {parameterCount} parameters) on the {problem.Description} at β = {F(beta, "0.####")}: F_q/N = {F(ev.FreeEnergy)} ± {F(ev.FreeEnergyError, "0.0e0")}{exactText}; " +
                      $"NIS F/N = {F(ev.NisFreeEnergy)} ± {F(ev.NisFreeEnergyError, "0.0e0")}, ESS = {F(ev.Ess, "0.000")}.",
            Conventions = Conventions(p),
            Metrics = metrics,
            Series = series,
            Figures = figures,
            Checks = checks,
        };
    }

    /// <summary>What a diverged run leaves: the training curves up to the failure and the exact reference, no checks.</summary>
    public static ResultDocument Partial(VanParameters p, VanProblem problem, int parameterCount,
        IReadOnlyList<(int Step, VanBatchEstimate Estimate)> history, string failure)
    {
        var n = p.Spins;
        double? exactF = problem.ExactLogZ is { } lz ? -lz / (p.Beta * n) : null;
        var steps = history.Select(h => (double)h.Step).ToArray();
        var fq = history.Select(h => h.Estimate.FreeEnergy / n).ToArray();
        var fqErr = history.Select(h => h.Estimate.FreeEnergyError / n).ToArray();
        var fNis = history.Select(h => -h.Estimate.LogZ / (p.Beta * n)).ToArray();
        var fNisErr = history.Select(h => h.Estimate.LogZError / (p.Beta * n)).ToArray();
        var ess = history.Select(h => h.Estimate.Ess).ToArray();
        var figures = new List<Figure>();
        if (steps.Length > 0)
        {
            figures.Add(FreeEnergyFigure(p, steps, fq, fqErr, fNis, fNisErr, exactF));
            figures.Add(new Figure
            {
                Id = "ess", Title = "Effective sample size of the importance weights", XAxis = new Axis("training step"),
                YAxis = new Axis("ESS/B", Min: 0, Max: 1), Traces = [new Trace { Name = "ESS per batch", X = steps, Y = ess, Style = TraceStyle.Lines }],
            });
        }
        return new ResultDocument
        {
            ModelType = VanModel.Id,
            Summary = $"VAN ({NetworkDescription(p)}, {parameterCount} parameters) on the {problem.Description} at β = {F(p.Beta, "0.####")} failed: {failure}",
            Conventions = Conventions(p),
            Metrics = exactF is { } f ? [new Metric("free_energy_exact", "F/N exact", f)] : [],
            Series =
            [
                new Series("free_energy_q", "training step", "F_q/N", steps, fq, fqErr),
                new Series("ess", "training step", "ESS/B", steps, ess),
            ],
            Figures = figures,
        };
    }

    private static string NetworkDescription(VanParameters p) => p.Network == VanParameters.PixelCnnNetwork
        ? $"PixelCNN: {p.Depth} masked convolutions, {p.Channels} channels, {2 * p.HalfKernel + 1}×{2 * p.HalfKernel + 1} kernels"
        : $"MADE: {p.Depth} masked layers, {p.Width} hidden units per spin";

    private static Check Agreement(string name, double value, double error, double reference, string source) =>
        Check.WithinSigma(name, value, error, reference, source, allowance: 1e-9 * Math.Abs(reference),
            note: "delta-method σ of importance sampling; it is optimistic when the weights are heavy-tailed, i.e. at small ESS");

    private static string Conventions(VanParameters p)
    {
        var energy = p.Target switch
        {
            VanParameters.Ising => "H = −Σ_⟨ij⟩ s_i s_j on the periodic L×L square lattice (2L² bonds, J = 1), spins generated row by row.",
            VanParameters.Sk => "H = −Σ_{i<j} J_ij s_i s_j with J_ij ~ N(0, 1/N) drawn from the disorder seed.",
            _ => "H = −Σ_{i<j} J_ij s_i s_j with Hebbian J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, i.e. H = −(1/2N) Σ_μ (ξ^μ·s)² + P/2 (the constant drops J_ii).",
        };
        var order = p.Network == VanParameters.PixelCnnNetwork
            ? "PixelCNN with zero padding, spins generated in raster order. "
            : "MADE, spins generated in index order. ";
        return energy + " s_i = ±1. " + order + "F = −ln Z/β; all free energies and energies are per spin. " +
               "F_q = (1/β) E_q[ln q(s) + βE(s)] ≥ F, estimated from independent exact samples of q (error: standard error). " +
               "NIS: w = e^{−βE}/q, ln Ẑ = ln mean(w) (biased low by O(1/M)), error √((1/ESS − 1)/M); ESS = (Σw)²/(M Σw²). " +
               (p.Z2 ? "Z2 symmetrization: q_sym(s) = ½[q(s) + q(−s)] is the model sampled and scored. " : "") +
               (p.AnnealRate > 0 ? $"Training uses β_t = β(1 − a^t), a = {p.AnnealRate.ToString(CultureInfo.InvariantCulture)}; estimates are at the target β. " : "") +
               "Training curves are single-batch estimates; final values use all evaluation samples.";
    }

    private static Figure FreeEnergyFigure(VanParameters p, double[] steps, double[] fq, double[] fqErr, double[] fNis, double[] fNisErr, double? exactF)
    {
        var traces = new List<Trace>
        {
            new() { Name = "F_q/N (variational)", X = steps, Y = fq, ErrorY = fqErr, Style = TraceStyle.LinesAndMarkers },
            new() { Name = "F_NIS/N (importance sampling)", X = steps, Y = fNis, ErrorY = fNisErr, Style = TraceStyle.Markers },
        };
        if (exactF is { } f)
            traces.Add(new Trace { Name = "exact F/N", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = [steps[0], steps[^1]], Y = [f, f] });
        return new Figure
        {
            Id = "free-energy", Title = "Free energy per spin during training", XAxis = new Axis("training step"), YAxis = new Axis("F/N"),
            Traces = traces,
            Caption = "F_q ≥ F for every q; the distance to the exact line is KL(q‖p)/(βN).",
        };
    }

    /// <summary>Ising: up to 16 samples as L×L images, four per row; otherwise one configuration per row of a heatmap.</summary>
    private static Figure SamplesFigure(VanParameters p, float[] configurations)
    {
        var n = p.Spins;
        var count = configurations.Length / n;
        if (p.Target == VanParameters.Ising)
        {
            var l = p.L;
            var images = new Trace[count];
            for (var k = 0; k < count; k++)
            {
                var z = new double[l][];
                for (var y = 0; y < l; y++) z[y] = configurations.AsSpan(k * n + y * l, l).ToArray().Select(v => (double)v).ToArray();
                images[k] = new Trace { Name = $"sample {k + 1}", Z = z };
            }
            return new Figure
            {
                Id = "samples", Title = "Configurations sampled from the trained network", Kind = FigureKind.ImageGrid, Columns = 4,
                XAxis = new Axis("x"), YAxis = new Axis("y"), Traces = images,
                Caption = "Independent samples of q, each an L×L lattice (+1 light, −1 dark).",
            };
        }
        var rows = new double[count][];
        for (var k = 0; k < count; k++) rows[k] = configurations.AsSpan(k * n, n).ToArray().Select(v => (double)v).ToArray();
        return new Figure
        {
            Id = "samples", Title = "Configurations sampled from the trained network", Kind = FigureKind.Heatmap,
            XAxis = new Axis("spin i"), YAxis = new Axis("sample"),
            Traces = [new Trace { Name = "s = ±1", Z = rows }],
            Caption = "Independent samples of q, one per row.",
        };
    }

    /// <summary>Densities of E/N under q and reweighted by w ∝ e^{−βE}/q. Ising levels are 4/N apart, so bins are centred on them.</summary>
    private static Figure EnergyHistogram(VanParameters p, VanEvaluation ev, double? exactE)
    {
        var values = ev.EnergiesPerSpin;
        double min = values.Min(), max = values.Max();
        int bins;
        if (p.Target == VanParameters.Ising)
        {
            var spacing = 4.0 / p.Spins;
            var levels = (int)Math.Round((max - min) / spacing) + 1;
            var merge = Math.Max(1, (levels + 99) / 100);
            bins = (levels + merge - 1) / merge;
            min -= spacing / 2;
            max = min + bins * merge * spacing;
        }
        else
        {
            bins = 40;
            if (max - min < 1e-9) { min -= 0.5; max += 0.5; }
        }
        var edges = new double[bins + 1];
        for (var j = 0; j <= bins; j++) edges[j] = min + (max - min) * j / bins;
        var width = (max - min) / bins;
        var q = new double[bins];
        var reweighted = new double[bins];
        for (var k = 0; k < values.Length; k++)
        {
            var j = Math.Clamp((int)((values[k] - min) / width), 0, bins - 1);
            q[j] += 1.0 / (values.Length * width);
            reweighted[j] += ev.Weights[k] / width;
        }
        return new Figure
        {
            Id = "energy-histogram", Title = "Energy distribution", Kind = FigureKind.Histogram,
            XAxis = new Axis("E/N"), YAxis = new Axis("density"),
            Traces =
            [
                new Trace { Name = "samples of q", X = edges, Y = q },
                new Trace { Name = "reweighted to e^{−βE}/Z", X = edges, Y = reweighted },
            ],
            Markers = exactE is { } e ? [new Marker(e, "exact ⟨E⟩/N")] : [],
            Caption = "Where q and its reweighting differ, the network misplaces probability; the reweighted histogram estimates the Boltzmann one.",
        };
    }
}
