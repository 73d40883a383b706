using Compute.Numerics;
using Compute.Perceptron.Learning;
using Compute.Perceptron.Theory;
using Shared.Results;

namespace Compute.Perceptron;

/// <summary>Fractions solved, Cover's and Gardner's references and the checks of <see cref="CapacityModel"/>.</summary>
internal static class CapacityResult
{
    public static ResultDocument Build(CapacityParameters p, double[] alphas, CapacityModel.InstanceOutcome[] outcome)
    {
        var traces = new List<Trace>();
        var stabilityTraces = new List<Trace>();
        var series = new List<Series>();
        var checks = new List<Check>();
        var metrics = new List<Metric>();
        var coverApplies = !p.BinaryWeights && p.Kappa == 0 && p.Inputs == InputKind.Gaussian;
        var perSize = alphas.Length * p.Instances;
        for (var i = 0; i < p.Sizes.Length; i++)
        {
            var n = p.Sizes[i];
            var fraction = new double[alphas.Length];
            var error = new double[alphas.Length];
            var meanKappa = new double[alphas.Length];
            var kappaErr = new double[alphas.Length];
            var chi2 = 0.0;
            var dof = 0;
            var exactFailures = 0;
            for (var k = 0; k < alphas.Length; k++)
            {
                var slice = outcome.AsSpan(i * perSize + k * p.Instances, p.Instances);
                var solved = 0;
                var ks = new double[p.Instances];
                for (var m = 0; m < slice.Length; m++)
                {
                    if (slice[m].Solved) solved++;
                    ks[m] = slice[m].MaximalStability;
                }
                fraction[k] = (double)solved / p.Instances;
                error[k] = Math.Sqrt(fraction[k] * (1 - fraction[k]) / p.Instances);
                (meanKappa[k], kappaErr[k]) = Numerics.Stats.Statistics.MeanAndError(ks);
                if (!coverApplies) continue;
                var cover = CoverCounting.SeparableProbability(n, CapacityParameters.PatternCount(alphas[k], n));
                if (cover >= 1) { if (solved < p.Instances) exactFailures++; continue; }
                var variance = cover * (1 - cover) / p.Instances;
                chi2 += (fraction[k] - cover) * (fraction[k] - cover) / variance;
                dof++;
            }
            traces.Add(new Trace { Name = $"N = {n}", X = alphas, Y = fraction, ErrorY = error, Style = TraceStyle.Markers });
            // The largest load's fraction as a scalar, so that a sweep over alphaMax draws P(α, N) against Cover's curve.
            metrics.Add(new Metric($"solved_fraction_N{n}", $"fraction solved at α = {alphas[^1]:0.###} (N = {n})", fraction[^1], error[^1]));
            series.Add(new Series($"fraction_N{n}", "α", "fraction solved", alphas, fraction, error));
            if (p.Solver == "exact")
            {
                stabilityTraces.Add(new Trace { Name = $"N = {n}", X = alphas, Y = meanKappa, ErrorY = kappaErr, Style = TraceStyle.Markers });
                series.Add(new Series($"kappa_max_N{n}", "α", "mean maximal stability", alphas, meanKappa, kappaErr));
            }
            if (coverApplies)
            {
                var (cx, cy) = CoverCurve(n, p.AlphaMin, p.AlphaMax);
                traces.Add(new Trace { Name = $"Cover, N = {n} (exact)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = cx, Y = cy });
                if (dof > 0)
                {
                    checks.Add(Check.Chi2($"χ² of fractions vs Cover, N = {n} ({dof} points)", chi2, dof,
                        "Cover, IEEE Trans. EC-14 (1965): P = 2^{1−P} Σ_{k<N} C(P−1,k)",
                        "χ² = Σ (f − p)²/(p(1−p)/n)" + (p.Solver == "perceptron" ? "; the budgeted perceptron can only under-count near α = 2" : "")));
                    metrics.Add(new Metric($"chi2_N{n}", $"χ² vs Cover (N = {n}, {dof} dof)", chi2));
                }
                if (alphas.Any(a => CapacityParameters.PatternCount(a, n) <= n))
                    checks.Add(Check.Bound($"all instances with P ≤ N solved, N = {n}", exactFailures, 0, 0, BoundSide.AtMost,
                        "Cover (1965)", note: "unsolved instances where Cover's probability is exactly 1", sigmas: 0));
            }
        }

        var markers = new List<Marker>();
        if (p.BinaryWeights)
            markers.Add(new Marker(BinaryPerceptronTheory.StorageCapacity, "α_c ≈ 0.833 (Krauth-Mézard 1989); practical algorithms stop near 0.7-0.75"));
        else
            markers.Add(new Marker(GardnerCapacity.CriticalAlpha(p.Kappa), $"Gardner α_c(κ = {p.Kappa:0.###}) = {GardnerCapacity.CriticalAlpha(p.Kappa):0.0000}"));

        var figures = new List<Figure>
        {
            new()
            {
                Id = "fraction-solved", Title = "Fraction of instances solved", XAxis = new Axis("α = P/N"), YAxis = new Axis("fraction solved", Min: 0, Max: 1.02),
                Traces = traces, Markers = markers,
                Caption = p.Solver == "exact" ? "Exact decision by least-distance programming." : $"Solver {p.Solver} with a budget of {p.Epochs} epochs: near α_c it under-counts solvable instances.",
            },
        };
        if (p.Solver == "exact")
        {
            var grid = Enumerable.Range(0, 80).Select(i => p.AlphaMin + (p.AlphaMax - p.AlphaMin) * i / 79.0).Where(a => a < 2).ToArray();
            stabilityTraces.Add(new Trace { Name = "Gardner: κ with α_c(κ) = α (N → ∞)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = grid.Select(GardnerKappa).ToArray() });
            figures.Add(new Figure
            {
                Id = "maximal-stability", Title = "Mean maximal stability κ_max of the instances (0 when not separable)", XAxis = new Axis("α = P/N"), YAxis = new Axis("κ_max (0 when not separable)"),
                Traces = stabilityTraces, Markers = [new Marker(2, "α_c(0) = 2")],
            });
        }

        var alphaC = p.BinaryWeights ? BinaryPerceptronTheory.StorageCapacity : GardnerCapacity.CriticalAlpha(p.Kappa);
        metrics.Add(new Metric("alpha_c", p.BinaryWeights ? "α_c, binary weights (Krauth-Mézard)" : "Gardner α_c(κ)", alphaC));
        return new ResultDocument
        {
            ModelType = CapacityModel.Id,
            Summary = $"{(p.BinaryWeights ? "Binary" : "Spherical")} perceptron, κ = {p.Kappa:0.###}, solver {p.Solver}, N ∈ {{{string.Join(", ", p.Sizes)}}}, {p.Instances} instances per point; " +
                      $"α_c = {alphaC:0.0000}" + (checks.Count > 0 ? $"; {checks.Count(c => c.Agrees)}/{checks.Count} checks agree." : "."),
            Conventions = $"Patterns {(p.Inputs == InputKind.Gaussian ? "ξ ~ N(0, I_N)" : "ξ_i = ±1")}, labels y = ±1 at random, P = round(αN). An instance is solved when some " +
                          $"{(p.BinaryWeights ? "J ∈ {±1}^N" : "real J")} has every stability y J·ξ/|J| {(p.Kappa == 0 ? "> 0" : $"≥ κ = {p.Kappa:0.###}")}. " +
                          "Fractions carry binomial errors √(f(1−f)/n). Cover's curve is exact at finite N for κ = 0 and patterns in general position (Gaussian); " +
                          "Gardner's α_c(κ) = 1/[(1+κ²)H(−κ)+κφ(κ)] is the N → ∞ limit. " +
                          (p.Solver == "exact"
                              ? "Exact solver: least-distance programming via non-negative least squares; 'solved' is certified by an explicit J, κ_max is that J's smallest stability."
                              : $"Budgeted solver ({p.Solver}, {p.Epochs} epochs): 'solved' is certified by the J found, 'unsolved' may be a solvable instance the budget missed."),
            Metrics = metrics,
            Series = series,
            Figures = figures,
            Checks = checks,
        };
    }

    /// <summary>Cover's probability at every integer P between αmin·N and αmax·N (thinned to ≤ 2000 points).</summary>
    private static (double[] X, double[] Y) CoverCurve(int n, double alphaMin, double alphaMax)
    {
        var pMin = Math.Max(1, (int)Math.Floor(alphaMin * n));
        var pMax = (int)Math.Ceiling(alphaMax * n);
        var stride = Math.Max(1, (pMax - pMin + 1) / 2000 + 1);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var pp = pMin; pp <= pMax; pp += stride)
        {
            xs.Add((double)pp / n);
            ys.Add(CoverCounting.SeparableProbability(n, pp));
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>The κ at which α_c(κ) = α (the N → ∞ typical maximal stability below capacity).</summary>
    private static double GardnerKappa(double alpha) =>
        RootFinding.Brent(kappa => GardnerCapacity.CriticalAlpha(kappa) - alpha, 0, 20, 1e-10);
}
