using System.Globalization;
using Shared.Results;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>Builds the <c>ebm.inverse-ising</c> result document.</summary>
internal sealed class InverseIsingReport(InverseIsingParameters p, string description, PairwiseIsing? truth, InverseIsingFit[] fits, CramerRao? cramerRao)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private bool HasMl => fits[0].MaximumLikelihood is not null;

    private InverseIsingFit Last => fits[^1];

    /// <summary>Relative error ‖Ĵ − J‖/‖J‖ over the pairs i &lt; j.</summary>
    public static double RelativeError(PairwiseIsing inferred, PairwiseIsing truth)
    {
        double diff = 0, norm = 0;
        var a = inferred.UpperCouplings();
        var b = truth.UpperCouplings();
        for (var k = 0; k < a.Length; k++)
        {
            diff += (a[k] - b[k]) * (a[k] - b[k]);
            norm += b[k] * b[k];
        }
        return norm > 0 ? Math.Sqrt(diff / norm) : Math.Sqrt(diff / a.Length);
    }

    private static double SquaredNorm(PairwiseIsing model) => model.UpperCouplings().Sum(x => x * x);

    public ResultDocument Build()
    {
        var methods = Methods();
        var metrics = new List<Metric>();
        var series = new List<Series>();
        var figures = new List<Figure>();
        var checks = new List<Check>();
        var m = fits.Select(f => (double)f.Samples).ToArray();

        if (truth is not null)
        {
            var errorTraces = new List<Trace>();
            foreach (var (name, id, select) in methods)
            {
                var eps = fits.Select(f => RelativeError(select(f)!, truth)).ToArray();
                series.Add(new Series($"error_{id}", "samples M", "ε_J", m, eps));
                errorTraces.Add(new Trace { Name = name, X = m, Y = eps });
                metrics.Add(new Metric($"error_{id}", $"ε_J {name} (M = {Last.Samples})", eps[^1]));
            }
            if (cramerRao is not null)
            {
                var norm2 = SquaredNorm(truth);
                var grid = Enumerable.Range(0, 50).Select(i => m[0] * Math.Pow(m[^1] / m[0], i / 49.0)).ToArray();
                errorTraces.Add(new Trace
                {
                    Name = "Cramér-Rao (ML, M → ∞)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid,
                    Y = grid.Select(x => Math.Sqrt(cramerRao.TraceJJ / x / norm2)).ToArray(),
                });
                metrics.Add(new Metric("error_cramer_rao", $"ε_J Cramér-Rao (M = {Last.Samples})", Math.Sqrt(cramerRao.TraceJJ / Last.Samples / norm2)));
            }
            figures.Add(new Figure
            {
                Id = "error-vs-samples", Title = "Coupling reconstruction error", XAxis = new Axis("samples M", Log: true), YAxis = new Axis("ε_J = ‖Ĵ − J‖/‖J‖", Log: true),
                Traces = errorTraces,
                Caption = "Nested subsets of one sample. Consistent estimators (PLM, ML) fall as M^−1/2; mean-field inversions level off at their bias.",
            });

            var trueCouplings = truth.UpperCouplings();
            var scatter = methods.Select(x => new Trace { Name = x.Name, Style = TraceStyle.Markers, X = trueCouplings, Y = x.Select(Last)!.UpperCouplings() }).ToList();
            var lo = trueCouplings.Min();
            var hi = trueCouplings.Max();
            scatter.Add(new Trace { Name = "y = x", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = [lo, hi], Y = [lo, hi] });
            figures.Add(new Figure
            {
                Id = "scatter", Title = $"Inferred vs true couplings (M = {Last.Samples})", XAxis = new Axis("true J_ij"), YAxis = new Axis("inferred J_ij"), Traces = scatter,
            });
            figures.Add(Heatmap("true-couplings", "True couplings J_ij", truth));
            checks.AddRange(Checks(m));
        }
        else
        {
            var reference = Last.Plm.UpperCouplings();
            var scatter = methods.Skip(1).Select(x => new Trace { Name = x.Name, Style = TraceStyle.Markers, X = reference, Y = x.Select(Last)!.UpperCouplings() }).ToList();
            if (reference.Length > 0)
                scatter.Add(new Trace { Name = "y = x", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = [reference.Min(), reference.Max()], Y = [reference.Min(), reference.Max()] });
            figures.Add(new Figure
            {
                Id = "scatter", Title = "Other inversions vs pseudo-likelihood", XAxis = new Axis("J_ij (PLM)"), YAxis = new Axis("J_ij (other method)"), Traces = scatter,
            });
            foreach (var (name, id, select) in methods)
                metrics.Add(new Metric($"norm_{id}", $"‖J‖ {name}", Math.Sqrt(SquaredNorm(select(Last)!))));
            checks.AddRange(ConvergenceChecks());
        }
        figures.Add(Heatmap("plm-couplings", $"Pseudo-likelihood couplings (M = {Last.Samples})", Last.Plm));
        series.Add(new Series("couplings_plm", "pair index (i<j, row order)", "J_ij", Enumerable.Range(0, Last.Plm.Pairs).Select(i => (double)i).ToArray(), Last.Plm.UpperCouplings()));

        return new ResultDocument
        {
            ModelType = InverseIsingModel.Id,
            Summary = Summary(),
            Conventions = "Spins s_i = ±1 (uploaded 0/1 rows map 0 → −1, 1 → +1); P(s) ∝ exp(Σ_{i<j} J_ij s_i s_j + Σ_i h_i s_i), β absorbed in J and h. " +
                          "ε_J = ‖Ĵ − J‖/‖J‖ over the N(N−1)/2 pairs. PLM: asymmetric pseudo-likelihood per spin, symmetrized, " +
                          $"L2 penalty λ = {p.Lambda.ToString(Inv)} per sample on J (also for ML). nMF: J = −C⁻¹; TAP: Kappen-Rodríguez/Tanaka formula on connected correlations C. " +
                          "ML: exact maximum likelihood by moment matching with exact enumeration (N ≤ 16). Cramér-Rao: √(tr (I⁻¹)_JJ / M)/‖J‖ with I the exact Fisher information per sample.",
            Metrics = metrics,
            Series = series,
            Figures = figures,
            Checks = checks,
        };
    }

    private List<(string Name, string Id, Func<InverseIsingFit, PairwiseIsing?> Select)> Methods()
    {
        var list = new List<(string, string, Func<InverseIsingFit, PairwiseIsing?>)>
        {
            ("pseudo-likelihood", "plm", f => f.Plm),
            ("naive mean field", "nmf", f => f.NaiveMeanField),
            ("TAP", "tap", f => f.Tap),
        };
        if (HasMl) list.Add(("exact ML", "ml", f => f.MaximumLikelihood));
        return list;
    }

    private string Summary()
    {
        var s = $"Inverse Ising on {description}";
        if (truth is null) return s + $": couplings inferred by PLM, mean field, TAP{(HasMl ? " and exact ML" : "")}; ‖J‖_PLM = {Math.Sqrt(SquaredNorm(Last.Plm)).ToString("0.###", Inv)}.";
        s += $": ε_J(M = {Last.Samples}) PLM {RelativeError(Last.Plm, truth).ToString("0.0000", Inv)}, nMF {RelativeError(Last.NaiveMeanField, truth).ToString("0.0000", Inv)}, TAP {RelativeError(Last.Tap, truth).ToString("0.0000", Inv)}";
        if (Last.MaximumLikelihood is { } ml) s += $", ML {RelativeError(ml, truth).ToString("0.0000", Inv)}";
        if (cramerRao is not null) s += $" (Cramér-Rao {Math.Sqrt(cramerRao.TraceJJ / Last.Samples / SquaredNorm(truth)).ToString("0.0000", Inv)})";
        return s + ".";
    }

    private IEnumerable<Check> Checks(double[] m)
    {
        if (cramerRao is not null && Last.MaximumLikelihood is { } ml)
        {
            // M‖Ĵ − J‖² / tr Σ_JJ → 1 in expectation; its spread is √(2 tr Σ_JJ²)/tr Σ_JJ (Gaussian limit).
            var diff = ml.UpperCouplings().Zip(truth!.UpperCouplings(), (a, b) => (a - b) * (a - b)).Sum();
            var ratio = Last.Samples * diff / cramerRao.TraceJJ;
            var sigma = Math.Sqrt(2 * cramerRao.TraceJJSquared) / cramerRao.TraceJJ;
            yield return Check.WithinSigma($"ML squared error vs Cramér-Rao (M = {Last.Samples})", ratio, sigma, 1,
                "asymptotic efficiency of maximum likelihood (Cramér-Rao), exact Fisher information", allowance: 0.1, note: "simulated = M‖Ĵ−J‖²/tr(I⁻¹)_JJ; finite-M allowance");
        }
        if (fits.Length >= 3)
        {
            var x = m.Select(v => Math.Log(v)).ToArray();
            var y = fits.Select(f => Math.Log(RelativeError(f.Plm, truth!))).ToArray();
            var (slope, error) = Slope(x, y);
            yield return Check.WithinSigma("PLM error exponent d ln ε_J / d ln M", slope, error, -0.5,
                "consistency of pseudo-likelihood: ε_J ∝ M^−1/2 (Ravikumar et al. 2010)", allowance: 0.15, note: "σ of the fitted slope");
        }
        foreach (var c in ConvergenceChecks()) yield return c;
    }

    private IEnumerable<Check> ConvergenceChecks()
    {
        if (Last.MaximumLikelihood is not null)
            yield return Check.Bound("ML moment matching: largest |⟨φ⟩_model − ⟨φ⟩_data + 2λJ|", Last.MomentMismatch, 0, 1e-6, BoundSide.AtMost,
                "maximum-likelihood condition of the exponential family", note: "stationarity of the likelihood", sigmas: 0);
        yield return Check.Bound("PLM stationarity: largest gradient component", Last.PlmGradient, 0, 1e-5, BoundSide.AtMost,
            "first-order optimality of the pseudo-likelihood", sigmas: 0);
    }

    private static (double Slope, double Error) Slope(double[] x, double[] y)
    {
        var k = x.Length;
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0;
        for (var i = 0; i < k; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        var slope = sxy / sxx;
        double residual = 0;
        for (var i = 0; i < k; i++)
        {
            var r = y[i] - my - slope * (x[i] - mx);
            residual += r * r;
        }
        return (slope, Math.Sqrt(residual / (k - 2) / sxx));
    }

    private static Figure Heatmap(string id, string title, PairwiseIsing model)
    {
        var size = model.N;
        var z = new double[size][];
        for (var i = 0; i < size; i++)
        {
            z[i] = new double[size];
            for (var j = 0; j < size; j++) z[i][j] = i == j ? double.NaN : model.J[i * size + j];
        }
        return new Figure
        {
            Id = id, Title = title, Kind = FigureKind.Heatmap, XAxis = new Axis("j"), YAxis = new Axis("i"),
            Traces = [new Trace { Name = "J_ij", Z = z, X = Enumerable.Range(0, size).Select(i => (double)i).ToArray(), Y = Enumerable.Range(0, size).Select(i => (double)i).ToArray() }],
            Caption = "Row i, column j; the diagonal is blank.",
        };
    }
}
