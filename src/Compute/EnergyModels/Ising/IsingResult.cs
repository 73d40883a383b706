using Shared.Results;

namespace Compute.EnergyModels.Ising;

/// <summary>Assembles the result document of <c>ebm.ising</c>: series, figures with exact and theory traces, checks.</summary>
internal static class IsingResult
{
    private const string KaufmanSource = "Kaufman, Phys. Rev. 76, 1232 (1949): exact ln Z of the L × L torus";

    public static ResultDocument Build(IsingParameters p, IsingPoint[] points, sbyte[] snapshot, double snapshotBeta)
    {
        var beta = points.Select(x => x.Beta).ToArray();
        var marker = new Marker(Onsager.CriticalBeta, "β_c = ½ ln(1+√2)");
        var (lo, hi) = beta.Length == 1 || beta[^1] - beta[0] < 1e-9 ? (Math.Max(0, beta[0] - 0.1), beta[0] + 0.1) : (beta[0], beta[^1]);
        var grid = Enumerable.Range(0, 201).Select(i => lo + (hi - lo) * i / 200).ToArray();
        var theoryGrid = grid.Where(b => b > 0 && Math.Abs(b - Onsager.CriticalBeta) > 1e-6).ToArray();
        var l = p.L;

        var checks = new List<Check>();
        foreach (var x in points)
        {
            // A comparison on a chain still drifting says "not equilibrated", not "disagrees with Kaufman".
            var equilibration = x.EquilibrationCheck;
            var drifting = !equilibration.Agrees || Math.Abs(x.EnergyHalves.Drift) >= x.EnergyHalves.DriftError;
            checks.Add(equilibration);
            checks.Add(Agreement($"energy per site at β = {x.Beta:0.####}", x.Energy, x.EnergyError, x.ExactEnergy)
                .Unless(equilibration.Agrees && !Equilibration.Explains(x.EnergyHalves, x.ExactEnergy), Verdict.NotEquilibrated, Equilibration.Advice));
            checks.Add(Agreement($"specific heat at β = {x.Beta:0.####}", x.SpecificHeat, x.SpecificHeatError, x.ExactSpecificHeat)
                .Unless(!drifting, Verdict.NotEquilibrated, Equilibration.Advice));
        }
        var agreeing = checks.Count(c => c.Agrees);
        var nearest = points.MinBy(x => Math.Abs(x.Beta - Onsager.CriticalBeta))!;
        var algorithm = p.Algorithm switch
        {
            IsingParameters.Wolff => "Wolff clusters",
            IsingParameters.HeatBath => "checkerboard heat bath",
            _ => "checkerboard Metropolis",
        };

        return new ResultDocument
        {
            ModelType = IsingModel.Id,
            Summary = $"2D Ising, L = {l}, {algorithm}, {points.Length} β point(s) × {p.Sweeps} sweeps: {agreeing}/{checks.Count} checks pass (Kaufman's exact values, equilibration); " +
                      $"e({nearest.Beta:0.####}) = {nearest.Energy:0.00000} ± {nearest.EnergyError:0.00000} (exact {nearest.ExactEnergy:0.00000}).",
            Conventions = "H = −Σ_⟨ij⟩ s_i s_j with J = 1 and k_B = 1 on a periodic L × L lattice, N = L², s = ±1. " +
                          "e = ⟨H⟩/N; |m| = ⟨|Σ_i s_i|⟩/N; c = β²N(⟨e²⟩ − ⟨e⟩²); χ = βN(⟨m²⟩ − ⟨|m|⟩²) (finite-lattice susceptibility with |m|); " +
                          "U = 1 − ⟨m⁴⟩/(3⟨m²⟩²). One sweep = N attempted single-spin flips (checkerboard) or Wolff clusters flipping about N spins. " +
                          "Errors: automatic binning for e and |m|, block jackknife (blocks ≥ 4 τ_int) for c, χ and U; one standard deviation. " +
                          "Equilibration: the mean energy of the second half of the measured sweeps must agree with that of the first half (logarithmic binning)" +
                          (p.UntilEquilibrated ? $"; until-equilibrated mode: a failed measurement becomes warm-up, at most {IsingParameters.MaxRounds} rounds. " : ". ") +
                          "\"Exact\": Kaufman's solution for this L; \"theory\": Onsager/Yang for N → ∞.",
            Metrics =
            [
                new Metric("beta_c", "β_c (N → ∞)", Onsager.CriticalBeta),
                new Metric("energy_near_beta_c", $"e at β = {nearest.Beta:0.####}", nearest.Energy, nearest.EnergyError),
                new Metric("energy_exact_near_beta_c", $"e exact (L = {l}) at β = {nearest.Beta:0.####}", nearest.ExactEnergy),
                new Metric("specific_heat_near_beta_c", $"c at β = {nearest.Beta:0.####}", nearest.SpecificHeat, nearest.SpecificHeatError),
                new Metric("binder_near_beta_c", $"U at β = {nearest.Beta:0.####}", nearest.Binder, nearest.BinderError),
                new Metric("tau_int_energy_max", "largest τ_int of e", points.Max(x => x.TauEnergy), Unit: "sweeps"),
                new Metric("tau_int_magnetization_max", "largest τ_int of |m|", points.Max(x => x.TauMagnetization), Unit: "sweeps"),
                new Metric("measurement_rounds_max", "most measurement rounds at one β (until equilibrated)", points.Max(x => x.Rounds)),
            ],
            Series =
            [
                new Series("energy", "β", "e", beta, Pick(points, x => x.Energy), Pick(points, x => x.EnergyError)),
                new Series("energy_exact", "β", "e (Kaufman)", beta, Pick(points, x => x.ExactEnergy)),
                new Series("abs_magnetization", "β", "|m|", beta, Pick(points, x => x.AbsMagnetization), Pick(points, x => x.AbsMagnetizationError)),
                new Series("specific_heat", "β", "c", beta, Pick(points, x => x.SpecificHeat), Pick(points, x => x.SpecificHeatError)),
                new Series("specific_heat_exact", "β", "c (Kaufman)", beta, Pick(points, x => x.ExactSpecificHeat)),
                new Series("susceptibility", "β", "χ", beta, Pick(points, x => x.Susceptibility), Pick(points, x => x.SusceptibilityError)),
                new Series("binder", "β", "U", beta, Pick(points, x => x.Binder), Pick(points, x => x.BinderError)),
                new Series("tau_int_energy", "β", "τ_int(e)", beta, Pick(points, x => x.TauEnergy)),
                new Series("tau_int_magnetization", "β", "τ_int(|m|)", beta, Pick(points, x => x.TauMagnetization)),
            ],
            Figures =
            [
                Xy("energy", "Energy per site", "e = ⟨H⟩/N", marker,
                    Sim(beta, Pick(points, x => x.Energy), Pick(points, x => x.EnergyError)),
                    new Trace { Name = $"exact, L = {l} (Kaufman)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = grid, Y = grid.Select(b => Kaufman.EnergyPerSite(l, l, b)).ToArray() },
                    new Trace { Name = "N → ∞ (Onsager)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = theoryGrid, Y = theoryGrid.Select(Onsager.EnergyPerSite).ToArray() }),
                Xy("magnetization", "Absolute magnetization", "|m|", marker,
                    Sim(beta, Pick(points, x => x.AbsMagnetization), Pick(points, x => x.AbsMagnetizationError)),
                    new Trace { Name = "spontaneous m, N → ∞ (Yang)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = grid.Select(Onsager.SpontaneousMagnetization).ToArray() }),
                Xy("specific-heat", "Specific heat", "c = β²N var(e)", marker,
                    Sim(beta, Pick(points, x => x.SpecificHeat), Pick(points, x => x.SpecificHeatError)),
                    new Trace { Name = $"exact, L = {l} (Kaufman)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = grid, Y = grid.Select(b => Kaufman.SpecificHeatPerSite(l, l, b)).ToArray() },
                    new Trace { Name = "N → ∞ (Onsager)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = theoryGrid, Y = theoryGrid.Select(Onsager.SpecificHeatPerSite).ToArray() }),
                Xy("susceptibility", "Susceptibility", "χ = βN(⟨m²⟩ − ⟨|m|⟩²)", marker,
                    Sim(beta, Pick(points, x => x.Susceptibility), Pick(points, x => x.SusceptibilityError))),
                Xy("binder", "Binder cumulant", "U = 1 − ⟨m⁴⟩/3⟨m²⟩²", marker,
                    Sim(beta, Pick(points, x => x.Binder), Pick(points, x => x.BinderError))),
                Configuration(snapshot, l, snapshotBeta),
            ],
            Checks = checks,
        };
    }

    private static double[] Pick(IsingPoint[] points, Func<IsingPoint, double> f) => points.Select(f).ToArray();

    private static Trace Sim(double[] x, double[] y, double[] error) =>
        new() { Name = "simulation", X = x, Y = y, ErrorY = error, Style = TraceStyle.Markers };

    private static Figure Xy(string id, string title, string yTitle, Marker marker, params Trace[] traces) => new()
    {
        Id = id, Title = title, XAxis = new Axis("β = J/k_BT"), YAxis = new Axis(yTitle), Traces = traces, Markers = [marker],
    };

    /// <summary>The final configuration at the β nearest β_c; lattices above 256 are shown as block-averaged spins.</summary>
    private static Figure Configuration(sbyte[] spins, int l, double beta)
    {
        var block = (l + 255) / 256;
        var side = (l + block - 1) / block;
        var z = new double[side][];
        for (var by = 0; by < side; by++)
        {
            z[by] = new double[side];
            for (var bx = 0; bx < side; bx++)
            {
                double sum = 0, count = 0;
                for (var y = by * block; y < Math.Min(l, (by + 1) * block); y++)
                for (var x = bx * block; x < Math.Min(l, (bx + 1) * block); x++)
                {
                    sum += spins[y * l + x];
                    count++;
                }
                z[by][bx] = sum / count;
            }
        }
        return new Figure
        {
            Id = "configuration", Title = $"Spin configuration at β = {beta:0.####}", Kind = FigureKind.Heatmap,
            XAxis = new Axis("x"), YAxis = new Axis("y"),
            Traces = [new Trace { Name = block == 1 ? "s(x, y)" : $"mean spin of {block}×{block} blocks", Z = z }],
            Caption = "Final configuration of the chain (+1 up, −1 down).",
        };
    }

    private static Check Agreement(string name, double value, double error, double reference) =>
        Check.WithinSigma(name, value, error, reference, KaufmanSource);
}
