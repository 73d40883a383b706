using Shared.Results;

namespace Compute.EnergyModels.Hopfield;

/// <summary>Assembles the result document of <c>ebm.hopfield</c>.</summary>
internal static class HopfieldResult
{
    /// <summary>Allowance for finite N and the finite basin of the noisy start when comparing m with AGS (N → ∞).</summary>
    private const double FiniteSizeAllowance = 0.01;

    public static ResultDocument Build(HopfieldParameters p, HopfieldPoint[] points)
    {
        var alpha = points.Select(x => x.Alpha).ToArray();
        var hebbian = p.Variant == HopfieldParameters.Hebbian;
        var zeroT = p.Temperature == 0;
        var marker = new Marker(HopfieldTheory.CriticalAlpha, "α_c = 0.138 (Hebbian, AGS)");
        var top = Math.Max(alpha.Max(), 0.15);
        // The retrieval branch ends at α_c; points where it does not exist (NaN) are left out of the trace.
        var grid = Enumerable.Range(1, 300).Select(i => Math.Min(top, HopfieldTheory.CriticalAlpha) * i / 300).Where(a => !double.IsNaN(HopfieldTheory.RetrievalOverlap(a))).ToArray();

        double BitTheory(HopfieldPoint x) => p.Variant switch
        {
            HopfieldParameters.Hebbian => HopfieldTheory.BitInstability(p.N, x.Patterns),
            HopfieldParameters.DensePower => HopfieldTheory.DenseBitInstability(p.N, x.Patterns, p.Power),
            _ => 0,
        };

        var checks = new List<Check>();
        foreach (var x in points)
        {
            // One unstable bit among all probed bits is the resolution of the measured rate.
            var resolution = 1.0 / ((double)p.N * x.Probes);
            var reference = BitTheory(x);
            switch (p.Variant)
            {
                case HopfieldParameters.Hebbian:
                    checks.Add(Check.WithinSigma($"bit instability at α = {x.Alpha:0.####}", x.BitErrors.Mean, x.BitErrors.Error, reference,
                        "exact binomial law of the Hebbian crosstalk (J_ii = 0)", allowance: resolution, note: "allowance 1/(N·probes), the resolution of the rate"));
                    break;
                case HopfieldParameters.DensePower:
                    checks.Add(Check.WithinSigma($"bit instability at α = {x.Alpha:0.####}", x.BitErrors.Mean, x.BitErrors.Error, reference,
                        "Krotov & Hopfield (2016): H(√(N^{n−1}/((2n−3)!! P)))", allowance: resolution + 0.5 * reference,
                        note: "allowance 1/(N·probes) + 50 % of the estimate: a Gaussian signal-to-noise approximation"));
                    break;
                default:
                    checks.Add(Check.Bound($"stable patterns at α = {x.Alpha:0.####}", x.Stable.Mean, x.Stable.Error, 1, BoundSide.AtLeast,
                        "Demircigil et al., J. Stat. Phys. 168, 288 (2017)", allowance: 1.0 / x.Probes, note: "every pattern stable: capacity exponential in N; allowance 1/probes"));
                    break;
            }
            if (x.Equilibration is { } equilibration) checks.Add(equilibration);
            if (!hebbian || !zeroT) continue;
            if (x.Alpha <= 0.10)
            {
                var ags = HopfieldTheory.RetrievalOverlap(x.Alpha);
                checks.Add(Check.WithinSigma($"retrieval overlap at α = {x.Alpha:0.####}", x.Overlap.Mean, x.Overlap.Error, ags,
                    "Amit, Gutfreund & Sompolinsky, PRL 55, 1530 (1985), T = 0", allowance: FiniteSizeAllowance, note: "allowance for finite N and the noisy start"));
            }
            else if (x.Alpha >= 1.45 * HopfieldTheory.CriticalAlpha)
            {
                checks.Add(Check.Bound($"no retrieval at α = {x.Alpha:0.####}", x.Overlap.Mean, x.Overlap.Error, 0.5, BoundSide.AtMost,
                    "Amit, Gutfreund & Sompolinsky (1985): α_c = 0.138", note: "no retrieval state above α_c: m stays below ½", sigmas: 0));
            }
        }

        var overlapTraces = new List<Trace> { new() { Name = "simulation", X = alpha, Y = points.Select(x => x.Overlap.Mean).ToArray(), ErrorY = points.Select(x => x.Overlap.Error).ToArray(), Style = TraceStyle.Markers } };
        if (hebbian)
            overlapTraces.Add(new Trace { Name = "AGS retrieval state, T = 0 (N → ∞)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = grid.Select(HopfieldTheory.RetrievalOverlap).ToArray() });
        var stableTraces = new List<Trace> { new() { Name = "simulation", X = alpha, Y = points.Select(x => x.Stable.Mean).ToArray(), ErrorY = points.Select(x => x.Stable.Error).ToArray(), Style = TraceStyle.Markers } };
        var bitTraces = new List<Trace> { new() { Name = "simulation", X = alpha, Y = points.Select(x => x.BitErrors.Mean).ToArray(), ErrorY = points.Select(x => x.BitErrors.Error).ToArray(), Style = TraceStyle.Markers } };
        if (p.Variant != HopfieldParameters.DenseExp)
        {
            var fine = Enumerable.Range(0, 200).Select(i => alpha[0] + (alpha[^1] - alpha[0]) * i / 199.0).Where(a => a * p.N >= 1).ToArray();
            double Bit(double a) => hebbian ? HopfieldTheory.BitInstability(p.N, Math.Max(1, (int)Math.Round(a * p.N))) : HopfieldTheory.DenseBitInstability(p.N, Math.Max(1, (int)Math.Round(a * p.N)), p.Power);
            var label = hebbian ? "exact (binomial crosstalk)" : "Gaussian signal-to-noise estimate";
            bitTraces.Add(new Trace { Name = label, Role = hebbian ? TraceRole.Exact : TraceRole.Theory, Style = TraceStyle.Lines, X = fine, Y = fine.Select(Bit).ToArray() });
            stableTraces.Add(new Trace { Name = "(1 − bit instability)^N, independent bits", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = fine, Y = fine.Select(a => Math.Pow(1 - Bit(a), p.N)).ToArray() });
        }
        Figure Xy(string id, string title, string y, List<Trace> traces) => new()
        {
            Id = id, Title = title, XAxis = new Axis("α = P/N"), YAxis = new Axis(y), Traces = traces, Markers = hebbian ? [marker] : [],
        };

        var variant = p.Variant switch
        {
            HopfieldParameters.DensePower => $"dense F(x) = x^{p.Power}",
            HopfieldParameters.DenseExp => "dense F(x) = eˣ",
            _ => "Hebbian",
        };
        var first = points[0];
        var last = points[^1];
        return new ResultDocument
        {
            ModelType = HopfieldModel.Id,
            Summary = $"{variant} memory, N = {p.N}, T = {p.Temperature:0.###}: m = {first.Overlap.Mean:0.0000} ± {first.Overlap.Error:0.0000} at α = {first.Alpha:0.####}, " +
                      $"{last.Overlap.Mean:0.0000} ± {last.Overlap.Error:0.0000} at α = {last.Alpha:0.####}; {checks.Count(c => c.Agrees)}/{checks.Count} checks agree.",
            Conventions = "Patterns ξ^μ_i = ±1 uniformly at random, P = round(αN). Hebbian: J_ij = (1/N)Σ_μ ξ_i^μ ξ_j^μ, J_ii = 0, E = −½Σ_{i≠j} J_ij σ_i σ_j. " +
                          $"Dense: E = −Σ_μ F(ξ^μ·σ) with F(x) = xⁿ/(n N^{{n−1}}) or eˣ. Start: a stored pattern with a fraction {p.Noise:0.###} of spins flipped; asynchronous updates in the order i = 1…N " +
                          "(T = 0: flip iff ΔE < 0, until no spin flips; T > 0: Glauber). m = ξ^μ·σ/N with the starting pattern. A pattern is stable when no bit of it would flip; " +
                          "bit instability = fraction of such bits. Errors: standard error over all probes (networks × probed patterns).",
            Metrics =
            [
                new Metric("alpha_c", "α_c (Hebbian, AGS)", HopfieldTheory.CriticalAlpha),
                new Metric("m_c", "m at α_c (AGS)", HopfieldTheory.CriticalOverlap),
                new Metric("overlap_first", $"m at α = {first.Alpha:0.####}", first.Overlap.Mean, first.Overlap.Error),
                new Metric("overlap_last", $"m at α = {last.Alpha:0.####}", last.Overlap.Mean, last.Overlap.Error),
            ],
            Series =
            [
                new Series("overlap", "α", "m", alpha, points.Select(x => x.Overlap.Mean).ToArray(), points.Select(x => x.Overlap.Error).ToArray()),
                new Series("stable_fraction", "α", "stable patterns", alpha, points.Select(x => x.Stable.Mean).ToArray(), points.Select(x => x.Stable.Error).ToArray()),
                new Series("bit_instability", "α", "unstable bits", alpha, points.Select(x => x.BitErrors.Mean).ToArray(), points.Select(x => x.BitErrors.Error).ToArray()),
            ],
            Figures =
            [
                Xy("overlap", "Retrieval overlap", "m = ξ·σ/N", overlapTraces),
                Xy("stable", "Stable patterns", "fraction of patterns that are fixed points", stableTraces),
                Xy("bit-instability", "Unstable bits of stored patterns", "fraction of bits", bitTraces),
            ],
            Checks = checks,
        };
    }
}
