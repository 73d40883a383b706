using Compute.Numerics;
using Shared.Results;

namespace Compute.EnergyModels.Parisi;

/// <summary>Assembles the result document of <c>ebm.sk-parisi</c>.</summary>
internal static class SkParisiResult
{
    /// <summary>The full-RSB ground-state energy per spin (h = 0) to seven digits.</summary>
    public const double GroundStateEnergy = -0.7631667;

    private const string GroundStateSource =
        "Crisanti & Rizzo, PRE 65, 046137 (2002): −0.7631667; Oppermann, Schmidt & Sherrington, PRL 98, 127201 (2007); Parisi (1980): −0.7633 ± 0.0001";

    public static ResultDocument Build(SkParisiParameters p, SkParisiModel.Point[] points, double tAt, double atZero, double[] atFields, double[] atTemperatures)
    {
        var t = points.Select(x => x.Temperature).ToArray();
        var ground = points[0];
        var checks = new List<Check>
        {
            Check.Tolerance("RS ground-state energy", ground.Rs.Energy, RsGroundState(p.Field), 1e-9,
                "Sherrington & Kirkpatrick (1975): e₀ = −E_z|h + z|, −√(2/π) at h = 0", "closed form of the T = 0 limit"),
            Check.Tolerance("de Almeida-Thouless line at h = 0", atZero, 1, 1e-8, "de Almeida & Thouless, J. Phys. A 11, 983 (1978): T_AT(0) = T_c = 1"),
        };
        var groundFull = ground.FullFreeEnergy ?? ground.Rs.Energy;
        if (p.Field == 0)
            checks.Add(Check.Tolerance("full-RSB ground-state energy", groundFull, GroundStateEnergy, 1e-4, GroundStateSource,
                $"four digits; the discretization into {p.Intervals} intervals is part of the difference"));
        // Each step of RSB can only raise the free energy (Parisi's formula is a minimum of −βf over the order parameter).
        foreach (var x in points.Where(x => x.Temperature < tAt))
            checks.Add(Check.Bound($"f(1RSB) ≥ f(RS) at T = {x.Temperature:0.###}", x.OneStepFreeEnergy, 0, x.Rs.FreeEnergy, BoundSide.AtLeast,
                "Parisi's variational principle (RS is a special case of 1RSB)", allowance: 1e-6, note: "allowance: grid discretization", sigmas: 0));
        if (ground.FullFreeEnergy is { } full)
            checks.Add(Check.Bound("e₀(full RSB) ≥ e₀(1RSB)", full, 0, ground.OneStepFreeEnergy, BoundSide.AtLeast,
                "Parisi's variational principle (1RSB is a special case of full RSB)", allowance: 2e-5, note: "allowance: the finite number of intervals", sigmas: 0));
        if (p.Field == 0)
            foreach (var x in points.Where(x => x.Temperature > 1))
                checks.Add(Check.Tolerance($"paramagnetic free energy at T = {x.Temperature:0.###}", x.Rs.FreeEnergy, -x.Temperature * Math.Log(2) - 1 / (4 * x.Temperature), 1e-9,
                    "annealed = quenched above T_c: f = −T ln 2 − 1/(4T)"));

        var marker = new Marker(tAt, p.Field == 0 ? "T_c = T_AT = 1" : $"T_AT(h) = {tAt:0.####}");
        Trace Line(string name, Func<SkParisiModel.Point, double> f, TraceRole role = TraceRole.Theory) =>
            new() { Name = name, Role = role, Style = TraceStyle.LinesAndMarkers, X = t, Y = points.Select(f).ToArray() };
        var figures = new List<Figure>
        {
            new()
            {
                Id = "free-energy", Title = "Free energy per spin", XAxis = new Axis("T"), YAxis = new Axis("f"), Markers = [marker],
                Traces =
                [
                    Line("replica symmetric", x => x.Rs.FreeEnergy), Line("1RSB", x => x.OneStepFreeEnergy),
                    new Trace { Name = $"full RSB ground state ({p.Intervals} intervals)", Role = TraceRole.Theory, Style = TraceStyle.Markers, X = [0], Y = [groundFull] },
                ],
            },
            new()
            {
                Id = "energy", Title = "Energy per spin", XAxis = new Axis("T"), YAxis = new Axis("u = E_J⟨H⟩/N"), Markers = [marker],
                Traces =
                [
                    Line("replica symmetric", x => x.Rs.Energy), Line("1RSB", x => x.OneStepEnergy),
                    new Trace { Name = $"full RSB ground state ({p.Intervals} intervals)", Role = TraceRole.Theory, Style = TraceStyle.Markers, X = [0], Y = [groundFull] },
                    .. p.Field == 0 ? [new Trace { Name = "e₀ (Crisanti & Rizzo 2002)", Role = TraceRole.Exact, Style = TraceStyle.Markers, X = [0], Y = [GroundStateEnergy] }] : Array.Empty<Trace>(),
                ],
                Caption = "Compare with ebm.sk: its Monte Carlo energies at finite N approach these curves, at T = 0 with corrections ∝ N^(−2/3).",
            },
            new()
            {
                Id = "entropy", Title = "Entropy per spin", XAxis = new Axis("T"), YAxis = new Axis("s = β(u − f)"), Markers = [marker],
                Traces = [Line("replica symmetric (negative at low T)", x => x.Rs.Entropy), Line("1RSB", x => x.Temperature == 0 ? 0 : (x.OneStepEnergy - x.OneStepFreeEnergy) / x.Temperature)],
            },
            OrderParameter(points, p),
            new()
            {
                Id = "at-line", Title = "de Almeida-Thouless line", XAxis = new Axis("h"), YAxis = new Axis("T"),
                Traces = [new Trace { Name = "T_AT(h): RS unstable below", Role = TraceRole.Theory, Style = TraceStyle.LinesAndMarkers, X = atFields, Y = atTemperatures }],
            },
        };
        var metrics = new List<Metric>
        {
            new("ground_state_rs", "e₀ (RS)", ground.Rs.Energy),
            new("ground_state_1rsb", "e₀ (1RSB)", ground.OneStepFreeEnergy),
            new("ground_state_full_rsb", $"e₀ (full RSB, {p.Intervals} intervals)", groundFull),
            new("t_at", "T_AT(h)", tAt),
        };
        var series = new List<Series>
        {
            new("free_energy_rs", "T", "f (RS)", t, points.Select(x => x.Rs.FreeEnergy).ToArray()),
            new("free_energy_1rsb", "T", "f (1RSB)", t, points.Select(x => x.OneStepFreeEnergy).ToArray()),
            new("energy_rs", "T", "u (RS)", t, points.Select(x => x.Rs.Energy).ToArray()),
            new("energy_1rsb", "T", "u (1RSB)", t, points.Select(x => x.OneStepEnergy).ToArray()),
            new("at_line", "h", "T_AT", atFields, atTemperatures),
        };
        return new ResultDocument
        {
            ModelType = SkParisiModel.Id,
            Summary = $"SK, N → ∞, h = {p.Field:0.###}: ground-state energy RS {ground.Rs.Energy:0.00000}, 1RSB {ground.OneStepFreeEnergy:0.00000}, " +
                      $"full RSB {groundFull:0.00000}" + (p.Field == 0 ? $" (Parisi: {GroundStateEnergy})" : "") + $"; T_AT = {tAt:0.0000}.",
            Conventions = "H = −Σ_{i<j} J_ij s_i s_j − h Σ_i s_i, J_ij ~ N(0, 1/N), k_B = 1. Free energy from Parisi's formula −βf = min over x(q) of " +
                          "ln 2 + Φ(0, βh) − (β²/2)∫₀¹ x(q) q dq, Φ solving ∂_qΦ = −(β²/2)(Φ'' + x Φ'²), Φ(1, y) = ln cosh y. RS: x = step at q; 1RSB: two steps; " +
                          $"full RSB (ground state): βx(q) piecewise constant on {p.Intervals} equal intervals, optimized by L-BFGS (exact Cole-Hopf solution within each interval). " +
                          "u = ∂(βf)/∂β at the optimal x(q); s = β(u − f). Above the AT line RS is stable and exact.",
            Metrics = metrics,
            Series = series,
            Figures = figures,
            Checks = checks,
        };
    }

    /// <summary>−E_z|h + z| = −[√(2/π) e^{−h²/2} + h(1 − 2H(h))].</summary>
    private static double RsGroundState(double h) => -(Math.Sqrt(2 / Math.PI) * Math.Exp(-h * h / 2) + h * (1 - 2 * Special.H(h)));

    /// <summary>The ground state's order parameter βx(q) (finite as T → 0 for q &lt; 1), piecewise constant on the intervals.</summary>
    private static Figure OrderParameter(SkParisiModel.Point[] points, SkParisiParameters p)
    {
        var ground = points[0];
        Trace[] traces = ground.Levels is null ? [] :
        [
            new Trace { Name = "βx(q) at T = 0", Role = TraceRole.Theory, Style = TraceStyle.LinesAndMarkers, X = ground.Levels[..^1], Y = ground.Mu! },
        ];
        return new Figure
        {
            Id = "order-parameter", Title = "Parisi order parameter at T = 0", XAxis = new Axis("q"), YAxis = new Axis("βx(q)"), Traces = traces,
            Caption = $"Piecewise constant on {p.Intervals} intervals (each point starts one); x(q) is the fraction of replica pairs with overlap below q.",
        };
    }
}
