using Compute.Numerics.Stats;
using Shared.Results;

namespace Compute.Flows.Phi4;

/// <summary>Turns training curves, flow samples and the baseline chain into the result document of <c>flow.phi4</c>.</summary>
internal sealed class Phi4Report(Phi4Parameters p, Phi4Action action)
{
    private bool FreeField => action.Lambda == 0;

    private string Conventions =>
        $"Action S = Σ_x[Σ_μ(φ_(x+μ) − φ_x)² + m²φ_x² + λφ_x⁴] on a periodic {p.L}×{p.L} lattice (Albergo-Kanwar-Shanahan convention, no ½), " +
        (p.Convention == Phi4Parameters.Hopping
            ? $"here from the hopping form with κ = {p.Kappa}, λ_h = {p.LambdaHopping} mapped by φ = √κ φ_h: m² = (1−2λ_h)/κ − 4 = {action.M2:0.######}, λ = λ_h/κ² = {action.Lambda:0.######}. "
            : $"m² = {action.M2}, λ = {action.Lambda} (lattice parameters as given). ") +
        "Z = ∫dφ e^(−S); ln w = −S − ln q; NIS ESS = (Σw)²/(NΣw²); ln Z ≈ ln mean(w) (biased low at finite N). " +
        "The variational loss E_q[ln q + S] ≥ −ln Z. Observables per volume V = L²: ⟨|M|⟩/V, χ₂ = ⟨M²⟩/V, ⟨S⟩/V; " +
        "G(r) = (1/2V)Σ_y⟨φ_y(φ_(y+rê₁) + φ_(y+rê₂))⟩. NIS errors: delta method for self-normalized weights; chain errors: √(2τ_int var/N) " +
        "with τ_int by FFT and Sokal's automatic window. Flow: RealNVP, checkerboard affine couplings, s = tanh(·), base N(0,1) per site, float32.";

    /// <summary>The training curves alone, for a run that diverged.</summary>
    public ResultDocument Partial(int completedSteps, Phi4TrainingCurves curves)
    {
        var (loss, ess, acceptance) = curves.Snapshot();
        return new ResultDocument
        {
            ModelType = Phi4Model.Id,
            Summary = $"φ⁴ flow training on L = {p.L} diverged after {completedSteps} steps.",
            Conventions = Conventions,
            Series = [loss, ess, acceptance],
            Figures = [LossFigure(loss, null, null), EssFigure(ess, acceptance)],
        };
    }

    public ResultDocument Build(Phi4TrainingCurves curves, FlowSamples samples, int[] states,
        double chainAcceptance, BaselineChain baseline)
    {
        var (loss, ess, acceptance) = curves.Snapshot();
        var v = (double)action.Sites;
        var lw = samples.LogWeights;
        var essNis = Statistics.EffectiveSampleSizeFromLogWeights(lw);
        var (logZ, logZError, _) = Statistics.LogMeanWeight(lw);
        var qLoss = new double[samples.Count];
        for (var i = 0; i < qLoss.Length; i++) qLoss[i] = -lw[i];
        var (freeEnergy, freeEnergyError) = Statistics.MeanAndError(qLoss);
        double? exactLogZ = FreeField ? Phi4Action.FreeFieldLogZ(p.L, action.M2) : null;

        var absNis = Statistics.Reweighted(lw, samples.AbsMagnetization);
        var chiNis = Statistics.Reweighted(lw, samples.SquaredMagnetization);
        var actionNis = Statistics.Reweighted(lw, samples.ActionDensity);

        var absChain = Statistics.MeanWithAutocorrelation(Follow(samples.AbsMagnetization, states));
        var actionChain = Statistics.MeanWithAutocorrelation(Follow(samples.ActionDensity, states));
        var chiChain = Statistics.MeanWithAutocorrelation(Follow(samples.SquaredMagnetization, states));

        var absBase = Statistics.MeanWithAutocorrelation(baseline.AbsMagnetization);
        var actionBase = Statistics.MeanWithAutocorrelation(baseline.ActionDensity);
        var chiBase = Statistics.MeanWithAutocorrelation(baseline.SquaredMagnetization);

        var rCount = p.L / 2 + 1;
        var rs = Enumerable.Range(0, rCount).Select(r => (double)r).ToArray();
        var gNis = new double[rCount];
        var gNisError = new double[rCount];
        var gBase = new double[rCount];
        var gBaseError = new double[rCount];
        var column = new double[Math.Max(samples.Count, baseline.AbsMagnetization.Length)];
        for (var r = 0; r < rCount; r++)
        {
            for (var i = 0; i < samples.Count; i++) column[i] = samples.Correlator[i * rCount + r];
            (gNis[r], gNisError[r]) = Statistics.Reweighted(lw, column.AsSpan(0, samples.Count));
            var n = baseline.AbsMagnetization.Length;
            for (var i = 0; i < n; i++) column[i] = baseline.Correlator[i * rCount + r];
            (gBase[r], gBaseError[r], _, _) = Statistics.MeanWithAutocorrelation(column.AsSpan(0, n));
        }

        var metrics = new List<Metric>
        {
            new("loss_final", "Reverse-KL loss E_q[ln q + S] (NIS samples)", freeEnergy, freeEnergyError),
            new("ess", "Normalized ESS (Σw)²/(NΣw²)", essNis),
            new("lnZ_nis", "ln Z (NIS)", logZ, logZError),
        };
        if (exactLogZ is { } exact) metrics.Add(new Metric("lnZ_exact", "ln Z (exact, free field)", exact));
        metrics.AddRange(
        [
            new("absM_nis", "⟨|M|⟩/V (NIS)", absNis.Mean, absNis.Error),
            new("absM_nmcmc", "⟨|M|⟩/V (NMCMC)", absChain.Mean, absChain.Error),
            new("absM_baseline", "⟨|M|⟩/V (local Metropolis)", absBase.Mean, absBase.Error),
            new("chi2_nis", "χ₂ = ⟨M²⟩/V (NIS)", chiNis.Mean, chiNis.Error),
            new("chi2_nmcmc", "χ₂ = ⟨M²⟩/V (NMCMC)", chiChain.Mean, chiChain.Error),
            new("chi2_baseline", "χ₂ = ⟨M²⟩/V (local Metropolis)", chiBase.Mean, chiBase.Error),
            new("action_density_nis", "⟨S⟩/V (NIS)", actionNis.Mean, actionNis.Error),
            new("action_density_nmcmc", "⟨S⟩/V (NMCMC)", actionChain.Mean, actionChain.Error),
            new("action_density_baseline", "⟨S⟩/V (local Metropolis)", actionBase.Mean, actionBase.Error),
            new("acceptance_nmcmc", "NMCMC acceptance rate", chainAcceptance),
            new("tau_absM_nmcmc", "τ_int of |M| (NMCMC)", absChain.Tau, absChain.TauError, Unit: "proposals"),
            new("tau_action_nmcmc", "τ_int of S (NMCMC)", actionChain.Tau, actionChain.TauError, Unit: "proposals"),
            new("tau_absM_baseline", "τ_int of |M| (local Metropolis)", absBase.Tau, absBase.TauError, Unit: "sweeps"),
            new("tau_action_baseline", "τ_int of S (local Metropolis)", actionBase.Tau, actionBase.TauError, Unit: "sweeps"),
            new("acceptance_baseline", "Local Metropolis acceptance", baseline.Acceptance),
            new("m2_used", "m² (lattice convention)", action.M2),
            new("lambda_used", "λ (lattice convention)", action.Lambda),
        ]);

        var boundReference = exactLogZ ?? logZ;
        var boundError = Math.Sqrt(freeEnergyError * freeEnergyError + (exactLogZ is null ? logZError * logZError : 0));
        // The baseline is a Markov chain: comparisons against it hold only once it has equilibrated.
        var baselineEquilibration = Equilibration.Of("baseline Metropolis equilibrated: S/V", baseline.ActionDensity, "baselineSweeps");
        var checks = new List<Check>
        {
            Check.Bound("Variational bound E_q[ln q + S] ≥ −ln Z", freeEnergy, boundError, -boundReference, BoundSide.AtLeast,
                exactLogZ is null ? "Gibbs inequality (KL ≥ 0), against the NIS estimate of ln Z" : "Gibbs inequality (KL ≥ 0), against the exact free-field ln Z"),
            Compare("⟨|M|⟩/V: NMCMC vs local Metropolis", absChain.Mean, absChain.Error, absBase.Mean, absBase.Error,
                "Local Metropolis chain on the same action (asymptotically exact)").Unless(baselineEquilibration.Agrees, Verdict.NotEquilibrated, Equilibration.Advice),
            baselineEquilibration,
        };
        checks.AddRange(Health(essNis, samples.Count, absChain, absBase, loss));
        if (exactLogZ is { } z)
        {
            checks.Add(Check.WithinSigma("ln Z (NIS) vs exact free field", logZ, logZError, z, "Gaussian integral: (V/2) ln π − ½ Σ_k ln(m² + k̂²)"));
            checks.Add(Exact("⟨S⟩/V (NMCMC) vs equipartition ½", actionChain.Mean, actionChain.Error, 0.5));
            checks.Add(Exact("⟨S⟩/V (local Metropolis) vs equipartition ½", actionBase.Mean, actionBase.Error, 0.5)
                .Unless(baselineEquilibration.Agrees, Verdict.NotEquilibrated, Equilibration.Advice));
        }

        var figures = new List<Figure>
        {
            LossFigure(loss, exactLogZ, exactLogZ is null ? logZ : null),
            EssFigure(ess, acceptance),
            MagnetizationFigure(Follow(samples.Magnetization, states), baseline.Magnetization),
            TwoPointFigure(rs, gNis, gNisError, gBase, gBaseError),
            SamplesFigure(samples.Examples, baseline.Examples),
        };

        return new ResultDocument
        {
            ModelType = Phi4Model.Id,
            Summary = $"φ⁴ on {p.L}×{p.L} (m² = {action.M2:0.###}, λ = {action.Lambda:0.###}), {p.Couplings} couplings after {p.Steps} steps: " +
                      $"ESS = {essNis:0.000}, NMCMC acceptance {chainAcceptance:0.000}, ⟨|M|⟩/V = {absChain.Mean:0.0000} ± {absChain.Error:0.0000} " +
                      $"(baseline {absBase.Mean:0.0000} ± {absBase.Error:0.0000}), ln Z ≈ {logZ:0.000} ± {logZError:0.000}" +
                      (exactLogZ is { } e ? $" (exact {e:0.000})." : "."),
            Conventions = Conventions,
            Metrics = metrics,
            Series =
            [
                loss, ess, acceptance,
                new Series("G_nis", "r", "G(r)", rs, gNis, gNisError),
                new Series("G_baseline", "r", "G(r)", rs, gBase, gBaseError),
            ],
            Figures = FreeField ? [.. figures.Take(3), TwoPointFigure(rs, gNis, gNisError, gBase, gBaseError, p.L, action.M2), figures[4]] : figures,
            Checks = checks,
        };
    }

    private static double[] Follow(double[] values, int[] states)
    {
        var chain = new double[states.Length];
        for (var i = 0; i < states.Length; i++) chain[i] = values[states[i]];
        return chain;
    }

    /// <summary>Normalized NIS ESS below which the weights are too uneven for the delta-method error bars.</summary>
    public const double MinEss = 0.1;

    /// <summary>Effective NMCMC samples N/(2τ_int) below which the chain's error bar is not trusted.</summary>
    public const double MinEffectiveChainSamples = 100;

    private const string TrainMore = "Train the flow longer (steps), give it more couplings or a smaller learning rate.";

    /// <summary>Whether the trained flow is a sampler worth trusting: even weights, a chain that beats local Metropolis, a converged loss.</summary>
    private static IEnumerable<Check> Health(double essNis, int samples, (double Mean, double Error, double Tau, double TauError) absChain,
        (double Mean, double Error, double Tau, double TauError) absBase, Series loss)
    {
        yield return TrainingHealth.EnoughSamples("NIS weights even enough: normalized ESS", essNis, MinEss, "Kish's effective sample size (Σw)²/(NΣw²)",
            $"ESS = {essNis:0.000}: a few samples carry most of the weight, so the NIS and NMCMC error bars cannot be trusted. {TrainMore}");
        var effective = samples / (2 * absChain.Tau);
        yield return TrainingHealth.EnoughSamples("NMCMC effective samples N/(2τ_int(|M|))", effective, MinEffectiveChainSamples, "Sokal's τ_int with automatic window",
            $"τ_int = {absChain.Tau:0.#} proposals is comparable to the chain of {samples}: its error bars cannot be trusted. Draw more samples. {TrainMore}");
        var faster = Check.Bound("NMCMC decorrelates at least as fast as local Metropolis: τ_int(|M|)", absChain.Tau, 0, absBase.Tau, BoundSide.AtMost,
            "the baseline chain on the same action", note: "per flow proposal vs per Metropolis sweep", sigmas: 0);
        yield return faster.Agrees ? faster : faster with
        {
            Verdict = Verdict.NotConverged,
            Advice = $"The flow's chain decorrelates slower (τ_int {absChain.Tau:0.#} proposals) than plain local Metropolis ({absBase.Tau:0.#} sweeps): the flow is not yet a useful sampler. {TrainMore}",
        };
        if (TrainingHealth.LossPlateau("training converged: reverse-KL loss plateaued", loss.Y, TrainMore) is { } plateau) yield return plateau;
    }

    private static Check Compare(string name, double a, double aError, double b, double bError, string source)
    {
        var sigma = Math.Sqrt(aError * aError + bError * bError);
        return Check.WithinSigma(name, a, sigma, b, source, note: "σ = √(σ₁² + σ₂²) of the two chains");
    }

    private static Check Exact(string name, double value, double error, double reference) =>
        Check.WithinSigma(name, value, error, reference, "Free field: S is quadratic, so ⟨S⟩ = V/2 exactly (equipartition)");

    internal static Figure LossFigure(Series loss, double? exactLogZ, double? nisLogZ)
    {
        var (x, y) = (loss.X, loss.Y);
        var traces = new List<Trace> { new() { Name = "reverse-KL loss (batch mean)", X = x, Y = y, Style = TraceStyle.Lines } };
        double[] ends = [x[0], x[^1]];
        if (exactLogZ is { } e)
            traces.Add(new Trace { Name = "−ln Z (exact, free field)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = ends, Y = [-e, -e] });
        if (nisLogZ is { } n)
            traces.Add(new Trace { Name = "−ln Ẑ (NIS estimate)", Style = TraceStyle.Lines, X = ends, Y = [-n, -n] });
        // The untrained flow's loss can be hundreds of times the final one: the axis then shows the training after its first
        // twentieth, so that the approach to −ln Z stays readable, and the caption says what is left out.
        var settled = y.Skip(y.Length / 20).Where(double.IsFinite).ToArray();
        var axis = new Axis("E_q[ln q + S]");
        var clipped = "";
        if (settled.Length > 1)
        {
            var lo = new[] { settled.Min(), exactLogZ is { } exact ? -exact : double.PositiveInfinity, nisLogZ is { } nis ? -nis : double.PositiveInfinity }.Min();
            var hi = settled.Max();
            var pad = 0.1 * Math.Max(hi - lo, 1e-9);
            var highest = y.Where(double.IsFinite).Max();
            if (highest > hi + 10 * (hi - lo + pad))
            {
                axis = axis with { Min = lo - pad, Max = hi + pad };
                clipped = $" The first steps (loss up to {highest.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}) lie above the range shown.";
            }
        }
        return new Figure
        {
            Id = "training-loss", Title = "Training: reverse KL", XAxis = new Axis("training step"), YAxis = axis,
            Traces = traces, Caption = "The loss is bounded below by −ln Z; the gap is KL(q‖p)." + clipped,
        };
    }

    private static Figure EssFigure(Series ess, Series acceptance)
    {
        var (x, e, a) = (ess.X, ess.Y, acceptance.Y);
        return new Figure
        {
            Id = "training-ess", Title = "Training: sampling efficiency", XAxis = new Axis("training step"), YAxis = new Axis("fraction", Min: 0, Max: 1),
            Traces =
            [
                new Trace { Name = "normalized ESS (batch)", X = x, Y = e, Style = TraceStyle.Lines },
                new Trace { Name = "expected NMCMC acceptance (batch)", X = x, Y = a, Style = TraceStyle.Lines },
            ],
        };
    }

    private static Figure MagnetizationFigure(double[] flowChain, double[] baseline)
    {
        var max = 1e-9;
        foreach (var m in flowChain) max = Math.Max(max, Math.Abs(m));
        foreach (var m in baseline) max = Math.Max(max, Math.Abs(m));
        const int bins = 50;
        var (edges, flowDensity) = Statistics.HistogramDensity(flowChain, bins, -max, max);
        var (_, baseDensity) = Statistics.HistogramDensity(baseline, bins, -max, max);
        return new Figure
        {
            Id = "magnetization", Title = "Magnetization M/V", Kind = FigureKind.Histogram, XAxis = new Axis("M/V"), YAxis = new Axis("density"),
            Traces =
            [
                new Trace { Name = "NMCMC (flow proposals)", X = edges, Y = flowDensity },
                new Trace { Name = "local Metropolis", X = edges, Y = baseDensity },
            ],
        };
    }

    private static Figure TwoPointFigure(double[] rs, double[] gNis, double[] gNisError, double[] gBase, double[] gBaseError, int l = 0, double m2 = 0)
    {
        var traces = new List<Trace>
        {
            new() { Name = "NIS (flow)", X = rs, Y = gNis, ErrorY = gNisError, Style = TraceStyle.Markers },
            new() { Name = "local Metropolis", X = rs, Y = gBase, ErrorY = gBaseError, Style = TraceStyle.Markers },
        };
        if (l > 0)
            traces.Add(new Trace
            {
                Name = "exact (free field)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = rs,
                Y = rs.Select(r => Phi4Observables.FreeFieldTwoPoint(l, m2, (int)r)).ToArray(),
            });
        return new Figure { Id = "two-point", Title = "Two-point function G(r)", XAxis = new Axis("r (lattice units)"), YAxis = new Axis("G(r)"), Traces = traces };
    }

    private Figure SamplesFigure(List<float[]> flow, List<double[]> baseline)
    {
        var l = p.L;
        var columns = Math.Max(1, Math.Min(4, Math.Min(flow.Count, baseline.Count)));
        double[][] Image(Func<int, double> site) =>
            Enumerable.Range(0, l).Select(r => Enumerable.Range(0, l).Select(c => site(r * l + c)).ToArray()).ToArray();
        var images = flow.Take(columns).Select((f, k) => new Trace { Name = $"flow sample {k + 1}", Z = Image(i => f[i]) })
            .Concat(baseline.Take(columns).Select((b, k) => new Trace { Name = $"Metropolis configuration {k + 1}", Z = Image(i => b[i]) }))
            .ToList();
        return new Figure
        {
            Id = "samples", Title = "Sample fields φ_x", Kind = FigureKind.ImageGrid, Columns = columns, XAxis = new Axis("x"), YAxis = new Axis("y"),
            Traces = images,
            Caption = "Top row: independent flow samples; bottom row: local Metropolis configurations spread over the chain.",
        };
    }
}
