using Compute.Numerics.Stats;
using Shared.Results;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>Assembles the result document of <c>ebm.sk</c>.</summary>
internal static class SkResult
{
    /// <summary>Parisi's ground-state energy per spin of the SK model, N → ∞.</summary>
    public const double GroundStateEnergy = -0.7633;

    /// <summary>
    /// The energy-overlap identity E_J⟨H⟩/N = −(β/2)(1 − E_J⟨q²⟩) at temperature k, exact at every N in equilibrium, is
    /// the SK model's equilibration test; it passes within 3σ of its disorder average. When it fails, the verdict says
    /// why: a residual that still drifts between the two halves of the measured sweeps (the last logarithmic bin and the one before; paired per sample,
    /// so the disorder scatter cancels), or one beyond what the small-sample statistics allow, means chains still
    /// relaxing (not equilibrated: more warm-up); a stationary residual within the 3σ-equivalent Student-t quantile for
    /// the number of disorder samples means an error bar too uncertain to judge (low statistics: more samples).
    /// Ref: Katzgraber, Palassini &amp; Young, PRB 63, 184422 (2001).
    /// </summary>
    public static Check IdentityCheck(SkAccumulators acc, int k, double beta)
    {
        var (r, rErr) = acc.IdentityResidual(k, beta);
        var check = Check.WithinSigma($"E_J⟨H⟩/N + (β/2)(1 − E_J⟨q²⟩) at T = {1 / beta:0.###}", r, rErr, 0,
            "Gaussian integration by parts, exact at every N", note: "σ: standard error over disorder samples of the per-sample residual");
        if (check.Agrees || check.IsWarning) return check;
        var (drift, driftErr) = acc.IdentityDrift(k);
        var samples = acc.Energy[k].Length;
        var studentT = Statistics.StudentTQuantile(Statistics.ThreeSigmaCoverage, samples - 1);
        var stationary = Math.Abs(drift) <= 3 * driftErr;
        if (stationary && Math.Abs(r) <= studentT * rErr)
            return check with
            {
                Verdict = Verdict.LowStatistics,
                Advice = $"Low statistics, not an equilibration problem: the residual is stationary (it changed by {drift:0.0000} ± {driftErr:0.0000} between the two " +
                         $"halves of the measured sweeps) and {Math.Abs(r) / rErr:0.0}σ is within the 3σ-equivalent Student-t range ({studentT:0.00}σ) of {samples} disorder samples. " +
                         "Increase samples; should the residual persist with more samples, increase the warm-up.",
            };
        return check with
        {
            Verdict = Verdict.NotEquilibrated,
            Advice = $"Not equilibrated: the identity is exact in equilibrium, and the residual {(stationary ? $"exceeds what {samples} disorder samples allow ({studentT:0.00}σ)" : $"still changed by {drift:0.0000} ± {driftErr:0.0000} between the two halves of the measured sweeps")}. " +
                     "Increase the warm-up (or use untilEquilibrated).",
        };
    }

    public static ResultDocument Build(SkParameters p, double[] betas, SkAccumulators acc, double[] couplings, int warmup, int rounds)
    {
        var m = betas.Length;
        var t = betas.Select(b => 1 / b).ToArray();
        var u = new double[m];
        var uErr = new double[m];
        var q2 = new double[m];
        var q2Err = new double[m];
        var identity = new double[m];
        double[] firstHalf = new double[m], firstHalfErr = new double[m], secondHalf = new double[m], secondHalfErr = new double[m];
        var checks = new List<Check>();
        var residual = new double[p.Samples];
        var exactU = acc.ExactEnergy is null ? null : new double[m];
        var exactQ2 = acc.ExactQ2 is null ? null : new double[m];
        for (var k = 0; k < m; k++)
        {
            (u[k], uErr[k]) = SkAccumulators.Mean(acc.Energy[k]);
            (q2[k], q2Err[k]) = SkAccumulators.Mean(acc.Q2[k]);
            identity[k] = -betas[k] / 2 * (1 - q2[k]);
            var identityCheck = IdentityCheck(acc, k, betas[k]);
            checks.Add(identityCheck);
            (firstHalf[k], firstHalfErr[k]) = SkAccumulators.Mean(acc.FirstHalfResidual[k]);
            (secondHalf[k], secondHalfErr[k]) = SkAccumulators.Mean(acc.SecondHalfResidual[k]);
            if (exactU is not null)
            {
                exactU[k] = acc.ExactEnergy![k].Average();
                for (var s = 0; s < p.Samples; s++) residual[s] = acc.Energy[k][s] - acc.ExactEnergy[k][s];
                var (d, dErr) = SkAccumulators.Mean(residual);
                checks.Add(Check.WithinSigma($"E_J⟨H⟩/N at T = {t[k]:0.###} vs exact enumeration", exactU[k] + d, dErr, exactU[k],
                    $"exact enumeration of all 2^{p.N} states", note: "on the same samples; σ: standard error of the per-sample difference")
                    .Unless(identityCheck.Verdict != Verdict.NotEquilibrated, Verdict.NotEquilibrated, identityCheck.Advice ?? ""));
            }
            if (exactQ2 is not null)
            {
                exactQ2[k] = acc.ExactQ2![k].Average();
                for (var s = 0; s < p.Samples; s++) residual[s] = acc.Q2[k][s] - acc.ExactQ2[k][s];
                var (d, dErr) = SkAccumulators.Mean(residual);
                checks.Add(Check.WithinSigma($"E_J⟨q²⟩ at T = {t[k]:0.###} vs exact enumeration", exactQ2[k] + d, dErr, exactQ2[k],
                    "exact enumeration, ⟨q²⟩ = Σ_ij⟨s_i s_j⟩²/N²", note: "on the same samples; σ: standard error of the per-sample difference")
                    .Unless(identityCheck.Verdict != Verdict.NotEquilibrated, Verdict.NotEquilibrated, identityCheck.Advice ?? ""));
            }
        }

        var paraT = Enumerable.Range(0, 101).Select(i => 1 + (Math.Max(t.Max(), 1.0) * 1.2 - 1) * i / 100).ToArray();
        var energyTraces = new List<Trace>
        {
            new() { Name = "simulation (disorder average)", X = t, Y = u, ErrorY = uErr, Style = TraceStyle.Markers },
            new() { Name = "u = −β/2, T ≥ 1 (N → ∞)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = paraT, Y = paraT.Select(x => -0.5 / x).ToArray() },
            new() { Name = "−(β/2)(1 − E_J⟨q²⟩) from the measured q² (exact identity)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = t, Y = identity },
            new() { Name = "e₀ = −0.7633 (Parisi, N → ∞)", Role = TraceRole.Theory, Style = TraceStyle.Markers, X = [0], Y = [GroundStateEnergy] },
        };
        if (exactU is not null)
            energyTraces.Add(new Trace { Name = $"exact enumeration (same {p.Samples} samples)", Role = TraceRole.Exact, Style = TraceStyle.LinesAndMarkers, X = t, Y = exactU });
        var q2Traces = new List<Trace> { new() { Name = "simulation", X = t, Y = q2, ErrorY = q2Err, Style = TraceStyle.Markers } };
        if (exactQ2 is not null)
            q2Traces.Add(new Trace { Name = "exact enumeration", Role = TraceRole.Exact, Style = TraceStyle.LinesAndMarkers, X = t, Y = exactQ2 });
        var tc = new Marker(1, "T_c = 1");

        var (qMin, qMax) = acc.Range;
        var edges = Enumerable.Range(0, acc.Bins + 1).Select(i => qMin + (qMax - qMin) * i / acc.Bins).ToArray();
        var width = (qMax - qMin) / acc.Bins;
        Trace PofQ(int k) => new()
        {
            Name = $"T = {t[k]:0.###}", X = edges, Style = TraceStyle.Lines,
            Y = acc.Histogram[k].Select(c => c / (acc.Histogram[k].Sum() * width)).ToArray(),
        };
        var pairT = Enumerable.Range(0, acc.SwapAttempts.Length).Select(k => Math.Sqrt(t[k] * t[k + 1])).ToArray();
        var swapRate = acc.SwapAttempts.Select((a, k) => a == 0 ? 0 : (double)acc.SwapAccepted[k] / a).ToArray();
        var lowest = m - 1;
        var agreeing = checks.Count(c => c.Agrees);

        var figures = new List<Figure>
        {
            new()
            {
                Id = "energy", Title = "Energy per spin", XAxis = new Axis("T"), YAxis = new Axis("E_J⟨H⟩/N"), Traces = energyTraces, Markers = [tc],
                Caption = "Error bars: standard error over disorder samples.",
            },
            new() { Id = "q2", Title = "Mean squared overlap", XAxis = new Axis("T"), YAxis = new Axis("E_J⟨q²⟩"), Traces = q2Traces, Markers = [tc] },
            new()
            {
                Id = "overlap-distribution", Title = "Overlap distribution P(q)", Kind = FigureKind.Histogram, XAxis = new Axis("q = (1/N) Σ s_i^a s_i^b"), YAxis = new Axis("P(q)"),
                Traces = m > 1 ? [PofQ(lowest), PofQ(0)] : [PofQ(0)],
                Caption = "Disorder-averaged histogram of the overlap between the two replica sets, at the lowest and highest temperature.",
            },
            CouplingHeatmap(couplings, p.N),
        };
        if (acc.SwapAttempts.Length > 0 && p.Algorithm == SkParameters.ParallelTempering)
            figures.Insert(3, new Figure
            {
                Id = "swap-rates", Title = "Replica-exchange acceptance", XAxis = new Axis("√(T_k T_k+1)"), YAxis = new Axis("swap acceptance", Min: 0, Max: 1),
                Traces = [new Trace { Name = "neighbouring temperatures", X = pairT, Y = swapRate, Style = TraceStyle.LinesAndMarkers }], Markers = [tc],
            });

        var series = new List<Series>
        {
            new("energy", "T", "E_J⟨H⟩/N", t, u, uErr),
            new("q2", "T", "E_J⟨q²⟩", t, q2, q2Err),
            new("identity", "T", "−(β/2)(1 − E_J⟨q²⟩)", t, identity),
            new("swap_rate", "√(T_k T_k+1)", "acceptance", pairT, swapRate),
            new("identity_residual_first_half", "T", "identity residual, first half of the sweeps", t, firstHalf, firstHalfErr),
            new("identity_residual_second_half", "T", "identity residual, second half of the sweeps", t, secondHalf, secondHalfErr),
        };
        if (exactU is not null) series.Add(new Series("energy_exact", "T", "E_J⟨H⟩/N (exact)", t, exactU));
        if (exactQ2 is not null) series.Add(new Series("q2_exact", "T", "E_J⟨q²⟩ (exact)", t, exactQ2));

        var metrics = new List<Metric>
        {
            new("energy_lowest_T", $"u at T = {t[lowest]:0.###}", u[lowest], uErr[lowest]),
            new("q2_lowest_T", $"E_J⟨q²⟩ at T = {t[lowest]:0.###}", q2[lowest], q2Err[lowest]),
            new("ground_state_energy_parisi", "e₀ (Parisi, N → ∞)", GroundStateEnergy),
            new("warmup_used", "warm-up sweeps of the reported simulation", warmup, Unit: "sweeps"),
            new("rounds", "simulations run (until equilibrated)", rounds),
        };
        if (swapRate.Length > 0 && p.Algorithm == SkParameters.ParallelTempering) metrics.Add(new Metric("swap_rate_min", "smallest swap acceptance", swapRate.Min()));

        return new ResultDocument
        {
            ModelType = SkModel.Id,
            Summary = $"SK model, N = {p.N}, {p.Samples} samples, {m} temperatures ({p.Algorithm}): {agreeing}/{checks.Count} checks agree; " +
                      $"u(T = {t[lowest]:0.###}) = {u[lowest]:0.0000} ± {uErr[lowest]:0.0000}.",
            Conventions = "H = −Σ_{i<j} J_ij s_i s_j with J_ij ~ N(0, 1/N), s = ±1, k_B = 1, T = 1/β; u = E_J⟨H⟩/N. " +
                          "q = (1/N) Σ_i s_i^a s_i^b between two independent replica sets of the same sample at the same T. " +
                          "⟨·⟩ is the thermal average (over measured sweeps, both replica sets), E_J the average over disorder samples; errors are standard errors over samples. " +
                          "One sweep = N sequential Metropolis attempts at every temperature; parallel tempering swaps neighbouring temperatures after every sweep (alternating even/odd pairs). " +
                          "Equilibration: the identity E_J⟨H⟩/N = −(β/2)(1 − E_J⟨q²⟩) is exact at every N in equilibrium; a residual beyond 3σ that still drifts between " +
                          "the two halves of the measured sweeps, or exceeds the 3σ-equivalent Student-t range of the disorder samples, reads \"not equilibrated\"; " +
                          "a stationary one within that range \"low statistics\" (the residual of each half is reported as a series)" +
                          (rounds > 1 ? $"; until equilibrated: {rounds} simulations, the last with {warmup} warm-up sweeps." : "."),
            Metrics = metrics,
            Series = series,
            Figures = figures,
            Checks = checks,
        };
    }

    /// <summary>J as a heatmap (block-averaged above 256 spins).</summary>
    private static Figure CouplingHeatmap(double[] couplings, int n)
    {
        var block = (n + 255) / 256;
        var side = (n + block - 1) / block;
        var z = new double[side][];
        for (var a = 0; a < side; a++)
        {
            z[a] = new double[side];
            for (var b = 0; b < side; b++)
            {
                double sum = 0, count = 0;
                for (var i = a * block; i < Math.Min(n, (a + 1) * block); i++)
                for (var j = b * block; j < Math.Min(n, (b + 1) * block); j++)
                {
                    sum += couplings[i * n + j];
                    count++;
                }
                z[a][b] = sum / count;
            }
        }
        return new Figure
        {
            Id = "couplings", Title = "Couplings J_ij of the first sample", Kind = FigureKind.Heatmap, XAxis = new Axis("j"), YAxis = new Axis("i"),
            Traces = [new Trace { Name = block == 1 ? "J_ij" : $"mean J over {block}×{block} blocks", Z = z }],
        };
    }
}
