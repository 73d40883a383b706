namespace Compute.Flows.Phi4;

public sealed partial class Phi4Model
{
    /// <summary>
    /// The free field (λ = 0, lattice convention): ln Z(m²) of the Gaussian integral for the ln Z metrics, and ⟨S⟩/V = ½
    /// (equipartition, whatever m²) for the action densities, over a sweep of m² &gt; 0.
    /// </summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        var p = Phi4Parameters.From(q.Parameters);
        if (q.Y is not null || q.X != Phi4Parameters.Declared.M2.Name || p.Convention != Phi4Parameters.Lattice || p.Lambda != 0 || q.XMax <= 0)
            return SweepTheory.None;
        var range = q with { XMin = Math.Max(q.XMin, 1e-9) };
        if (q.Metric is "lnZ_nis" or "lnZ_exact")
            return new([SweepTheory.Curve($"ln Z, free field (L = {p.L})", range, m2 => Phi4Action.FreeFieldLogZ(p.L, m2))], []);
        if (q.Metric.StartsWith("action_density_", StringComparison.Ordinal))
            return new([SweepTheory.Curve("⟨S⟩/V = ½ (free field)", range, _ => 0.5, n: 2)], []);
        return SweepTheory.None;
    }
}
